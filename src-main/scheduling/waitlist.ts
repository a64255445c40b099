import type { WaitlistEntry } from '../../src-shared/contract/scheduling';
import { fieldError, LumenError } from '../../src-shared/errors';
import { changedFields } from '../core/audit';
import type { Db } from '../core/db';
import type { HandlerMap } from '../core/registry';
import { localInstant, MINUTE_MS, minutesOf } from '../../src-shared/time';
import { requirePatient } from '../patients/index';
import { localParts } from './local';
import { refsOf, type Refs } from './refs';

/** Entries of one status with their patient's name and phone, oldest first. */
function entriesWith(db: Db, status: WaitlistEntry['status']) {
  return db
    .selectFrom('waitlistEntry as w')
    .innerJoin('patient as p', 'p.id', 'w.patientId')
    .select(['w.id', 'w.patientId', 'w.serviceIds', 'w.staffIds', 'w.weekdays', 'w.timeFrom', 'w.timeTo', 'w.earliestDate', 'w.latestDate', 'w.notes', 'w.status', 'w.createdAt', 'p.firstName', 'p.lastName', 'p.phone'])
    .where('w.status', '=', status)
    .orderBy('w.createdAt')
    .orderBy('w.id')
    .execute();
}

type EntryRow = Awaited<ReturnType<typeof entriesWith>>[number];

function toEntry(r: EntryRow, refs: Refs): WaitlistEntry {
  const serviceIds = JSON.parse(r.serviceIds) as number[];
  return {
    id: r.id,
    patientId: r.patientId,
    patientName: `${r.firstName} ${r.lastName}`,
    phone: r.phone,
    serviceIds,
    serviceNames: serviceIds.map((id) => refs.service.get(id)?.name ?? `#${id}`),
    staffIds: JSON.parse(r.staffIds) as number[],
    weekdays: JSON.parse(r.weekdays) as number[],
    timeFrom: r.timeFrom,
    timeTo: r.timeTo,
    earliestDate: r.earliestDate,
    latestDate: r.latestDate,
    notes: r.notes,
    status: r.status,
    createdAt: r.createdAt,
  };
}

/** Every waiting entry, oldest first: read once, then matched against each freed interval (waitlistMatches). */
export async function waitingEntries(db: Db, refs: Refs): Promise<WaitlistEntry[]> {
  return (await entriesWith(db, 'waiting')).map((r) => toEntry(r, refs));
}

/**
 * The waiting entries that fit a freed interval of one provider: the provider may perform every service, the
 * services fit in the part of the interval inside the entry's time window, the local weekday and date are
 * ones the patient asked for, and the patient either named no provider or this one.
 */
export function waitlistMatches(waiting: WaitlistEntry[], refs: Refs, timeZone: string, staffId: number, start: number, end: number): WaitlistEntry[] {
  const local = localParts(start, timeZone);
  return waiting.filter((e) => {
    if (e.staffIds.length && !e.staffIds.includes(staffId)) return false;
    if (!e.weekdays.includes(local.weekday)) return false;
    if ((e.earliestDate && local.date < e.earliestDate) || (e.latestDate && local.date > e.latestDate)) return false;
    if (!e.serviceIds.every((id) => refs.service.get(id)?.active && refs.mayPerform(staffId, id))) return false;
    const minutes = e.serviceIds.reduce((sum, id) => sum + (refs.service.get(id)?.durationMinutes ?? 0), 0);
    const from = Math.max(start, localInstant(local.date, minutesOf(e.timeFrom), timeZone));
    const to = Math.min(end, localInstant(local.date, minutesOf(e.timeTo), timeZone));
    return to - from >= minutes * MINUTE_MS;
  });
}

export async function markWaitlistBooked(db: Db, entryId: number, appointmentId: number, now: string): Promise<void> {
  const changed = await db.updateTable('waitlistEntry').set({ status: 'booked', appointmentId, updatedAt: now }).where('id', '=', entryId).where('status', '=', 'waiting').executeTakeFirst();
  if (changed.numUpdatedRows === 0n) throw fieldError('not_found', 'That waitlist entry is no longer waiting.', 'waitlistEntryId', 'No longer waiting');
}

export const waitlistHandlers: HandlerMap<'waitlist.list' | 'waitlist.save' | 'waitlist.remove' | 'waitlist.matches'> = {
  'waitlist.list': async ({ status }, ctx) => {
    const refs = await refsOf(ctx);
    return (await entriesWith(ctx.db, status)).map((r) => toEntry(r, refs));
  },

  'waitlist.save': async (input, ctx) => {
    const refs = await refsOf(ctx);
    await requirePatient(ctx, input.patientId);
    input.serviceIds.forEach((id, i) => {
      if (!refs.service.get(id)?.active) throw fieldError('not_found', 'No such service.', `serviceIds.${i}`, 'No such service');
    });
    input.staffIds.forEach((id, i) => {
      if (!refs.staff.get(id)?.active) throw fieldError('not_found', 'No such provider.', `staffIds.${i}`, 'No such provider');
    });
    if (input.timeFrom >= input.timeTo) throw fieldError('invalid_input', 'The time window must end after it starts.', 'timeTo', 'After the start');
    if (input.earliestDate && input.latestDate && input.latestDate < input.earliestDate) {
      throw fieldError('invalid_input', 'The latest date is before the earliest.', 'latestDate', 'After the earliest date');
    }
    const now = ctx.now.toISOString();
    const values = {
      patientId: input.patientId,
      serviceIds: JSON.stringify(input.serviceIds),
      staffIds: JSON.stringify(input.staffIds),
      weekdays: JSON.stringify([...new Set(input.weekdays)].sort()),
      timeFrom: input.timeFrom,
      timeTo: input.timeTo,
      earliestDate: input.earliestDate,
      latestDate: input.latestDate,
      notes: input.notes,
    };
    const summary = `waitlist entry for patient ${input.patientId} (${input.serviceIds.map((id) => refs.service.get(id)?.name).join(', ')}, ${input.timeFrom}–${input.timeTo})`;
    if (input.id === undefined) {
      const id = ctx.newId('waitlistEntry');
      await ctx.db
        .insertInto('waitlistEntry')
        .values({ ...values, id, status: 'waiting', createdBy: ctx.requireSession().staffId, createdAt: now, updatedAt: now })
        .execute();
      ctx.audit({ action: 'create', entity: 'waitlistEntry', entityId: id, summary: `Added ${summary}`, details: { after: values } });
      return { id };
    }
    const before = await ctx.db.selectFrom('waitlistEntry').selectAll().where('id', '=', input.id).executeTakeFirst();
    if (!before) throw new LumenError('not_found', 'No such waitlist entry.');
    await ctx.db.updateTable('waitlistEntry').set({ ...values, updatedAt: now }).where('id', '=', input.id).execute();
    ctx.audit({ action: 'update', entity: 'waitlistEntry', entityId: input.id, summary: `Changed ${summary}`, details: changedFields(before, values) });
    return { id: input.id };
  },

  'waitlist.remove': async ({ id }, ctx) => {
    const changed = await ctx.db.updateTable('waitlistEntry').set({ status: 'removed', updatedAt: ctx.now.toISOString() }).where('id', '=', id).where('status', '=', 'waiting').executeTakeFirst();
    if (changed.numUpdatedRows === 0n) throw new LumenError('not_found', 'No such waiting entry.');
    ctx.audit({ action: 'update', entity: 'waitlistEntry', entityId: id, summary: `Took waitlist entry ${id} off the waitlist`, details: { status: { from: 'waiting', to: 'removed' } } });
    return { ok: true };
  },

  'waitlist.matches': async ({ staffId, startsAt, endsAt }, ctx) => {
    const start = Date.parse(startsAt);
    const end = Date.parse(endsAt);
    if (!(end > start)) throw fieldError('invalid_input', 'The slot must end after it starts.', 'endsAt', 'After the start');
    const refs = await refsOf(ctx);
    return waitlistMatches(await waitingEntries(ctx.db, refs), refs, ctx.clinic().timeZone, staffId, start, end);
  },
};
