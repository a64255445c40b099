import type { WaitlistEntry } from '../../src-shared/contract/scheduling';
import { fieldError, LumenError } from '../../src-shared/errors';
import { changedFields } from '../core/audit';
import { cached, type Sqlite } from '../core/db';
import type { Selectable } from 'kysely';
import type { HandlerMap } from '../core/registry';
import type { WaitlistEntryTable } from '../core/schema';
import { localInstant, MINUTE_MS, minutesOf } from '../../src-shared/time';
import { localParts } from './local';
import { refsOf, type Refs } from './refs';

/** A waitlist entry with its patient's name and phone, as ENTRY_SQL selects it. */
type EntryRow = Omit<Selectable<WaitlistEntryTable>, 'appointmentId' | 'createdBy' | 'updatedAt'> & { firstName: string; lastName: string; phone: string | null };

const ENTRY_SQL = `SELECT w.id, w.patientId, w.serviceIds, w.staffIds, w.weekdays, w.timeFrom, w.timeTo, w.earliestDate, w.latestDate, w.notes, w.status, w.createdAt,
    p.firstName, p.lastName, p.phone
  FROM waitlistEntry w JOIN patient p ON p.id = w.patientId`;

function entriesWith(sqlite: Sqlite, status: string): EntryRow[] {
  return cached(sqlite, `${ENTRY_SQL} WHERE w.status = ? ORDER BY w.createdAt, w.id`).all(status) as EntryRow[];
}

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

/**
 * Waiting entries that fit a freed interval of one provider: the provider may perform every service, the
 * services fit in the part of the interval inside the entry's time window, the local weekday and date are
 * ones the patient asked for, and the patient either named no provider or this one.
 */
export function waitlistMatches(sqlite: Sqlite, refs: Refs, timeZone: string, staffId: number, start: number, end: number): WaitlistEntry[] {
  const local = localParts(start, timeZone);
  return entriesWith(sqlite, 'waiting')
    .map((r) => toEntry(r, refs))
    .filter((e) => {
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

export function markWaitlistBooked(sqlite: Sqlite, entryId: number, appointmentId: number, now: string): void {
  const changed = sqlite.prepare("UPDATE waitlistEntry SET status = 'booked', appointmentId = ?, updatedAt = ? WHERE id = ? AND status = 'waiting'").run(appointmentId, now, entryId);
  if (changed.changes === 0) throw fieldError('not_found', 'That waitlist entry is no longer waiting.', 'waitlistEntryId', 'No longer waiting');
}

export const waitlistHandlers: HandlerMap<'waitlist.list' | 'waitlist.save' | 'waitlist.remove' | 'waitlist.matches'> = {
  'waitlist.list': ({ status }, ctx) => {
    const refs = refsOf(ctx);
    return entriesWith(ctx.sqlite, status).map((r) => toEntry(r, refs));
  },

  'waitlist.save': (input, ctx) => {
    const refs = refsOf(ctx);
    if (!ctx.sqlite.prepare('SELECT 1 FROM patient WHERE id = ? AND mergedIntoId IS NULL').get(input.patientId)) {
      throw fieldError('not_found', 'No such patient.', 'patientId', 'No such patient');
    }
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
      const id = Number(
        ctx.sqlite
          .prepare(
            `INSERT INTO waitlistEntry (patientId, serviceIds, staffIds, weekdays, timeFrom, timeTo, earliestDate, latestDate, notes, status, createdBy, createdAt, updatedAt)
             VALUES (@patientId, @serviceIds, @staffIds, @weekdays, @timeFrom, @timeTo, @earliestDate, @latestDate, @notes, 'waiting', @createdBy, @now, @now)`,
          )
          .run({ ...values, createdBy: ctx.requireSession().staffId, now }).lastInsertRowid,
      );
      ctx.audit({ action: 'create', entity: 'waitlistEntry', entityId: id, summary: `Added ${summary}`, details: { after: values } });
      return { id };
    }
    const before = ctx.sqlite.prepare('SELECT * FROM waitlistEntry WHERE id = ?').get(input.id) as Record<string, unknown> | undefined;
    if (!before) throw new LumenError('not_found', 'No such waitlist entry.');
    ctx.sqlite
      .prepare(
        `UPDATE waitlistEntry SET patientId = @patientId, serviceIds = @serviceIds, staffIds = @staffIds, weekdays = @weekdays, timeFrom = @timeFrom, timeTo = @timeTo,
           earliestDate = @earliestDate, latestDate = @latestDate, notes = @notes, updatedAt = @now WHERE id = @id`,
      )
      .run({ ...values, now, id: input.id });
    ctx.audit({ action: 'update', entity: 'waitlistEntry', entityId: input.id, summary: `Changed ${summary}`, details: changedFields(before, values) });
    return { id: input.id };
  },

  'waitlist.remove': ({ id }, ctx) => {
    const changed = ctx.sqlite.prepare("UPDATE waitlistEntry SET status = 'removed', updatedAt = ? WHERE id = ? AND status = 'waiting'").run(ctx.now.toISOString(), id);
    if (changed.changes === 0) throw new LumenError('not_found', 'No such waiting entry.');
    ctx.audit({ action: 'update', entity: 'waitlistEntry', entityId: id, summary: `Took waitlist entry ${id} off the waitlist`, details: { status: { from: 'waiting', to: 'removed' } } });
    return { ok: true };
  },

  'waitlist.matches': ({ staffId, startsAt, endsAt }, ctx) => {
    const start = Date.parse(startsAt);
    const end = Date.parse(endsAt);
    if (!(end > start)) throw fieldError('invalid_input', 'The slot must end after it starts.', 'endsAt', 'After the start');
    return waitlistMatches(ctx.sqlite, refsOf(ctx), ctx.clinic().timeZone, staffId, start, end);
  },
};
