import { allowedTransitions, type AppointmentStatus, type seriesScopes, type WaitlistEntry } from '../../src-shared/contract/scheduling';
import { fieldError, LumenError } from '../../src-shared/errors';
import { addCalendarDays, calendarDaysBetween, hhmm, isoOf, localInstant, MINUTE_MS } from '../../src-shared/time';
import { flag } from '../core/db';
import type { HandlerContext, HandlerMap } from '../core/registry';
import { requirePatient } from '../patients/index';
import { guardConflicts, insertVisit } from './booking';
import { findConflicts, type Planned } from './conflicts';
import { localParts } from './local';
import { appointmentOf, type SegmentRow, segmentsOf, toAppointment, type VisitRow, visitRow, visitRows } from './present';
import { refsOf, type Refs } from './refs';
import { type ParsedSegment, planSegments } from './segments';
import { visitTypeOf } from './visitType';
import { markWaitlistBooked, waitingEntries, waitlistMatches } from './waitlist';

type Scope = (typeof seriesScopes)[number];

const snapshotOf = (planned: Planned[]) => planned.map((p) => ({ serviceId: p.service.id, staffId: p.staffId, roomId: p.roomId, deviceId: p.deviceId, startsAt: isoOf(p.start), endsAt: isoOf(p.end) }));
const rowSnapshot = (rows: SegmentRow[]) => rows.map((s) => ({ serviceId: s.serviceId, staffId: s.staffId, roomId: s.roomId, deviceId: s.deviceId, startsAt: s.startsAt, endsAt: s.endsAt }));

/** "2026-03-03 at 10:00: Consultation with Ben Brandt, then Botox with Ana Alvarez" for audit summaries. */
function describe(refs: Refs, planned: Planned[], timeZone: string): string {
  const local = localParts(planned[0].start, timeZone);
  const services = planned.map((p) => `${p.service.name} with ${refs.staff.get(p.staffId)?.name ?? ''}`).join(', then ');
  return `${local.date} at ${hhmm(local.minute)}: ${services}`;
}

const MOVABLE: AppointmentStatus[] = ['booked', 'confirmed'];

/** The occurrences a series edit reaches; past, finished and cancelled ones are never touched. */
async function scopeTargets(ctx: HandlerContext, anchor: VisitRow, scope: Scope, allowed: AppointmentStatus[]): Promise<VisitRow[]> {
  if (anchor.seriesId === null || scope === 'this') return [anchor];
  const now = ctx.now.toISOString();
  const rows = await visitRows(ctx.db)
    .where('a.seriesId', '=', anchor.seriesId)
    .where('a.seriesIndex', '>=', scope === 'following' ? (anchor.seriesIndex ?? 0) : 0)
    .orderBy('a.seriesIndex')
    .execute();
  return rows.filter((r) => r.appointmentId === anchor.appointmentId || (r.visitStartsAt >= now && allowed.includes(r.status)));
}

function refuseTransition(from: AppointmentStatus, to: AppointmentStatus, what: string): never {
  throw new LumenError('invalid_transition', `A ${from} appointment cannot be ${what}.`, { from, to, allowed: allowedTransitions[from] });
}

/** Waitlist entries for the time a visit no longer uses, for each provider it had. */
async function freedMatches(ctx: HandlerContext, refs: Refs, segments: SegmentRow[]): Promise<WaitlistEntry[]> {
  const waiting = await waitingEntries(ctx.db, refs);
  const timeZone = ctx.clinic().timeZone;
  const seen = new Map<number, WaitlistEntry>();
  for (const staffId of new Set(segments.map((s) => s.staffId))) {
    const mine = segments.filter((s) => s.staffId === staffId);
    const start = Math.min(...mine.map((s) => Date.parse(s.startsAt)));
    const end = Math.max(...mine.map((s) => Date.parse(s.endsAt)));
    for (const entry of waitlistMatches(waiting, refs, timeZone, staffId, start, end)) seen.set(entry.id, entry);
  }
  return [...seen.values()];
}

/** Moves an instant by whole local days and wall-clock minutes, so a series keeps its local time across DST. */
function shiftLocal(instant: number, days: number, minutes: number, timeZone: string): number {
  const local = localParts(instant, timeZone);
  const total = local.minute + minutes;
  const dayCarry = Math.floor(total / 1440);
  return localInstant(addCalendarDays(local.date, days + dayCarry), total - dayCarry * 1440, timeZone);
}

export const appointmentHandlers: HandlerMap<
  'appointments.get' | 'appointments.forPatient' | 'appointments.check' | 'appointments.book' | 'appointments.move' | 'appointments.setNotes' | 'appointments.setStatus' | 'appointments.cancel'
> = {
  'appointments.get': async ({ id }, ctx) => appointmentOf(ctx.db, await refsOf(ctx), id),

  'appointments.forPatient': async ({ patientId, limit }, ctx) => {
    await requirePatient(ctx, patientId);
    const now = ctx.now.toISOString();
    const ofPatient = visitRows(ctx.db).where('a.patientId', '=', patientId);
    const upcoming = await ofPatient.where('a.startsAt', '>=', now).orderBy('a.startsAt').limit(limit).execute();
    const past = await ofPatient.where('a.startsAt', '<', now).orderBy('a.startsAt', 'desc').limit(limit - upcoming.length).execute();
    const refs = await refsOf(ctx);
    const appointments = [];
    for (const row of [...upcoming, ...past]) appointments.push(toAppointment(row, await segmentsOf(ctx.db, row.appointmentId), refs));
    return appointments;
  },

  'appointments.check': async ({ segments, excludeAppointmentId }, ctx) => {
    const refs = await refsOf(ctx);
    const exclude = excludeAppointmentId ?? null;
    const planned = planSegments(ctx.sqlite, refs, segments, exclude);
    return { conflicts: findConflicts(ctx.sqlite, refs, planned, ctx.clinic().timeZone, exclude) };
  },

  'appointments.book': async (input, ctx) => {
    ctx.requireSession();
    const refs = await refsOf(ctx);
    const timeZone = ctx.clinic().timeZone;
    const patient = await requirePatient(ctx, input.patientId);
    const planned = planSegments(ctx.sqlite, refs, input.segments, null);
    const overridden = guardConflicts(ctx, findConflicts(ctx.sqlite, refs, planned, timeZone, null), input.override);
    const visitType = await visitTypeOf(ctx.db, input.patientId, planned, false);
    const overrideReason = overridden.length ? (input.override?.reason ?? null) : null;
    const id = await insertVisit(ctx, { patientId: input.patientId, planned, visitType, notes: input.notes, overrideReason, seriesId: null, seriesIndex: null });
    if (input.waitlistEntryId !== undefined) await markWaitlistBooked(ctx.db, input.waitlistEntryId, id, ctx.now.toISOString());
    ctx.audit({
      action: 'create',
      entity: 'appointment',
      entityId: id,
      summary: `Booked ${patient.firstName} ${patient.lastName} on ${describe(refs, planned, timeZone)}${overridden.length ? ` over ${overridden.length} conflict(s): ${overrideReason}` : ''}`,
      details: { after: { status: 'booked', visitType, segments: snapshotOf(planned) }, overridden, overrideReason, waitlistEntryId: input.waitlistEntryId ?? null },
    });
    return { id, visitType, overridden };
  },

  'appointments.move': async (input, ctx) => {
    ctx.requireSession();
    const refs = await refsOf(ctx);
    const timeZone = ctx.clinic().timeZone;
    const anchor = await visitRow(ctx.db, input.id);
    if (!MOVABLE.includes(anchor.status)) refuseTransition(anchor.status, anchor.status, 'moved');
    const anchorSegments = await segmentsOf(ctx.db, anchor.appointmentId);
    const ref = input.segmentIndex ?? (input.durationMinutes !== undefined ? anchorSegments.length - 1 : 0);
    if (ref >= anchorSegments.length) throw fieldError('invalid_input', 'That appointment has no such service.', 'segmentIndex', 'No such service');
    const movedStaff = anchorSegments[ref].staffId;
    const movedRoom = anchorSegments[ref].roomId;

    // A series keeps each occurrence's local wall-clock shift: the anchor's change in local days and minutes.
    const oldLocal = localParts(Date.parse(anchor.visitStartsAt), timeZone);
    const newLocal = input.startsAt ? localParts(Date.parse(input.startsAt), timeZone) : oldLocal;
    const dayShift = calendarDaysBetween(oldLocal.date, newLocal.date);
    const minuteShift = newLocal.minute - oldLocal.minute;

    const plans = [];
    for (const visit of await scopeTargets(ctx, anchor, input.scope, MOVABLE)) {
      const rows = visit.appointmentId === anchor.appointmentId ? anchorSegments : await segmentsOf(ctx.db, visit.appointmentId);
      const oldStart = Date.parse(visit.visitStartsAt);
      const newStart = visit.appointmentId === anchor.appointmentId && input.startsAt ? Date.parse(input.startsAt) : shiftLocal(oldStart, dayShift, minuteShift, timeZone);
      let resized = 0;
      const segments: ParsedSegment[] = rows.map((s, i) => {
        const length = Date.parse(s.endsAt) - Date.parse(s.startsAt);
        const durationMs = i === ref && input.durationMinutes !== undefined ? input.durationMinutes * MINUTE_MS : length;
        const segment = {
          serviceId: s.serviceId,
          staffId: input.staffId !== undefined && s.staffId === movedStaff ? input.staffId : s.staffId,
          roomId: input.roomId !== undefined && s.roomId === movedRoom ? input.roomId : s.roomId,
          deviceId: s.deviceId,
          // Later services follow a resized one, so the visit stays in sequence.
          startsAt: isoOf(Date.parse(s.startsAt) + (newStart - oldStart) + resized),
          durationMinutes: Math.round(durationMs / MINUTE_MS),
        };
        if (i === ref) resized = durationMs - length;
        return segment;
      });
      const planned = planSegments(ctx.sqlite, refs, segments, visit.appointmentId);
      plans.push({ visit, rows, planned, conflicts: findConflicts(ctx.sqlite, refs, planned, timeZone, visit.appointmentId) });
    }
    const overridden = guardConflicts(
      ctx,
      plans.flatMap((p) => p.conflicts),
      input.override,
      { appointmentId: input.id },
    );

    const now = ctx.now.toISOString();
    for (const { visit, rows, planned, conflicts } of plans) {
      for (const [i, p] of planned.entries()) {
        await ctx.db
          .updateTable('appointmentService')
          .set({ staffId: p.staffId, roomId: p.roomId, deviceId: p.deviceId, startsAt: isoOf(p.start), endsAt: isoOf(p.end) })
          .where('id', '=', rows[i].id)
          .execute();
      }
      const startsAt = isoOf(Math.min(...planned.map((p) => p.start)));
      const endsAt = isoOf(Math.max(...planned.map((p) => p.end)));
      const overrideReason = conflicts.length ? (input.override?.reason ?? null) : visit.overrideReason;
      await ctx.db.updateTable('appointment').set({ startsAt, endsAt, overrideReason, updatedAt: now }).where('id', '=', visit.appointmentId).execute();
      ctx.audit({
        action: 'update',
        entity: 'appointment',
        entityId: visit.appointmentId,
        summary: `Moved the appointment of ${visit.firstName} ${visit.lastName} to ${describe(refs, planned, timeZone)}${conflicts.length ? ` over ${conflicts.length} conflict(s): ${overrideReason}` : ''}`,
        details: { before: { startsAt: visit.visitStartsAt, endsAt: visit.visitEndsAt, segments: rowSnapshot(rows) }, after: { startsAt, endsAt, segments: snapshotOf(planned) }, overridden: conflicts, overrideReason: conflicts.length ? overrideReason : null, scope: input.scope },
      });
    }
    return { moved: plans.map((p) => p.visit.appointmentId), overridden, waitlistMatches: await freedMatches(ctx, refs, anchorSegments) };
  },

  'appointments.setNotes': async ({ id, notes }, ctx) => {
    const before = await visitRow(ctx.db, id);
    await ctx.db.updateTable('appointment').set({ notes, updatedAt: ctx.now.toISOString() }).where('id', '=', id).execute();
    ctx.audit({ action: 'update', entity: 'appointment', entityId: id, summary: `Changed the front-desk notes of ${before.firstName} ${before.lastName}’s appointment`, details: { notes: { from: before.notes, to: notes } } });
    return { ok: true };
  },

  'appointments.setStatus': async ({ id, status }, ctx) => {
    const before = await visitRow(ctx.db, id);
    if (!allowedTransitions[before.status].includes(status)) refuseTransition(before.status, status, `marked ${status}`);
    await ctx.db.updateTable('appointment').set({ status, updatedAt: ctx.now.toISOString() }).where('id', '=', id).execute();
    // A no-show frees its time: conflict scans only see live segments.
    if (status === 'noShow') await ctx.db.updateTable('appointmentService').set({ live: 0 }).where('appointmentId', '=', id).execute();
    ctx.audit({ action: 'update', entity: 'appointment', entityId: id, summary: `${before.firstName} ${before.lastName}’s appointment: ${before.status} → ${status}`, details: { status: { from: before.status, to: status } } });
    return { ok: true };
  },

  'appointments.cancel': async ({ id, reason, scope }, ctx) => {
    const refs = await refsOf(ctx);
    const anchor = await visitRow(ctx.db, id);
    const cancellable = (Object.keys(allowedTransitions) as AppointmentStatus[]).filter((s) => allowedTransitions[s].includes('cancelled'));
    if (!cancellable.includes(anchor.status)) refuseTransition(anchor.status, 'cancelled', 'cancelled');
    const now = ctx.now.toISOString();
    const lateWindowMs = ctx.clinic().lateCancelHours * 60 * MINUTE_MS;
    const isLate = (v: VisitRow) => Date.parse(v.visitStartsAt) - ctx.now.getTime() < lateWindowMs;
    const targets = await scopeTargets(ctx, anchor, scope, ['booked', 'confirmed']);
    for (const visit of targets) {
      const late = isLate(visit);
      await ctx.db.updateTable('appointment').set({ status: 'cancelled', cancelReason: reason, cancelledAt: now, lateCancel: flag(late), updatedAt: now }).where('id', '=', visit.appointmentId).execute();
      await ctx.db.updateTable('appointmentService').set({ live: 0 }).where('appointmentId', '=', visit.appointmentId).execute();
      ctx.audit({
        action: 'update',
        entity: 'appointment',
        entityId: visit.appointmentId,
        summary: `Cancelled ${visit.firstName} ${visit.lastName}’s appointment of ${visit.visitStartsAt}${late ? ' (late)' : ''}: ${reason}`,
        details: { status: { from: visit.status, to: 'cancelled' }, reason, lateCancel: late, scope },
      });
    }
    return { cancelled: targets.map((t) => t.appointmentId), lateCancel: isLate(anchor), waitlistMatches: await freedMatches(ctx, refs, await segmentsOf(ctx.db, anchor.appointmentId)) };
  },
};
