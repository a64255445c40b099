import type { z } from 'zod';
import { allowedTransitions, type AppointmentStatus, type Conflict, type Override, type seriesScopes, type VisitType, type WaitlistEntry } from '../../src-shared/contract/scheduling';
import { fieldError, LumenError } from '../../src-shared/errors';
import { addCalendarDays, calendarDaysBetween, hhmm, localInstant, MINUTE_MS } from '../../src-shared/time';
import { cached, type Sqlite } from '../core/db';
import type { HandlerContext, HandlerMap } from '../core/registry';
import { findConflicts, type Planned } from './conflicts';
import { localParts } from './local';
import { APPOINTMENT_COLUMNS, APPOINTMENTS } from './queries';
import { appointmentOf, type SegmentRow, segmentsOf, toAppointment, type VisitRow, visitRow } from './present';
import { refsOf, type Refs } from './refs';
import { type ParsedSegment, planSegments } from './segments';
import { visitTypeOf } from './visitType';
import { markWaitlistBooked, waitlistMatches } from './waitlist';

type Scope = (typeof seriesScopes)[number];

export function requirePatient(sqlite: Sqlite, patientId: number): { firstName: string; lastName: string } {
  const patient = cached(sqlite, 'SELECT firstName, lastName FROM patient WHERE id = ? AND mergedIntoId IS NULL').get(patientId) as { firstName: string; lastName: string } | undefined;
  if (!patient) throw fieldError('not_found', 'No such patient.', 'patientId', 'No such patient');
  return patient;
}

/**
 * Conflicts refuse the change unless overridden with a reason by someone allowed to (manager, owner):
 * never silent, never a hard wall. Returns what was overridden, for the audit and the caller.
 */
export function guardConflicts(ctx: HandlerContext, conflicts: Conflict[], override: z.output<typeof Override> | undefined, details: Record<string, unknown> = {}): Conflict[] {
  if (!conflicts.length) return [];
  if (!override) {
    const more = conflicts.length > 1 ? ` (and ${conflicts.length - 1} more)` : '';
    throw new LumenError('conflict', `${conflicts[0].message}${more}`, { conflicts, ...details });
  }
  if (!ctx.can('schedule.override')) {
    ctx.auditRefusal({
      action: 'denied',
      entity: 'appointment',
      entityId: (details.appointmentId as number | undefined) ?? null,
      summary: `${ctx.actor.name} was refused an override (${conflicts[0].message})`,
      details: { permission: 'schedule.override', reason: override.reason, conflicts },
    });
    throw new LumenError('forbidden', 'Only a manager or owner can book over a conflict.', { permission: 'schedule.override', conflicts, ...details });
  }
  return conflicts;
}

const snapshotOf = (planned: Planned[]) => planned.map((p) => ({ serviceId: p.service.id, staffId: p.staffId, roomId: p.roomId, deviceId: p.deviceId, startsAt: new Date(p.start).toISOString(), endsAt: new Date(p.end).toISOString() }));
const rowSnapshot = (rows: SegmentRow[]) => rows.map((s) => ({ serviceId: s.serviceId, staffId: s.staffId, roomId: s.roomId, deviceId: s.deviceId, startsAt: s.startsAt, endsAt: s.endsAt }));

export interface NewVisit {
  patientId: number;
  planned: Planned[];
  visitType: VisitType;
  notes: string;
  overrideReason: string | null;
  seriesId: number | null;
  seriesIndex: number | null;
}

/** Writes a visit and its segments (prices are a snapshot of the catalog at booking). */
export function insertVisit(ctx: HandlerContext, v: NewVisit): number {
  const now = ctx.now.toISOString();
  const startsAt = new Date(Math.min(...v.planned.map((p) => p.start))).toISOString();
  const endsAt = new Date(Math.max(...v.planned.map((p) => p.end))).toISOString();
  const id = Number(
    cached(
      ctx.sqlite,
      `INSERT INTO appointment (patientId, status, visitType, startsAt, endsAt, notes, seriesId, seriesIndex, overrideReason, createdBy, createdAt, updatedAt)
       VALUES (?, 'booked', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(v.patientId, v.visitType, startsAt, endsAt, v.notes, v.seriesId, v.seriesIndex, v.overrideReason, ctx.requireSession().staffId, now, now).lastInsertRowid,
  );
  const insert = cached(ctx.sqlite, 'INSERT INTO appointmentService (appointmentId, position, serviceId, staffId, roomId, deviceId, startsAt, endsAt, priceCents, live) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1)');
  v.planned.forEach((p, position) => insert.run(id, position, p.service.id, p.staffId, p.roomId, p.deviceId, new Date(p.start).toISOString(), new Date(p.end).toISOString(), p.service.priceCents));
  return id;
}

/** "2026-03-03 at 10:00: Consultation with Ben Brandt, then Botox with Ana Alvarez" for audit summaries. */
function describe(refs: Refs, planned: Planned[], timeZone: string): string {
  const local = localParts(planned[0].start, timeZone);
  const services = planned.map((p) => `${p.service.name} with ${refs.staff.get(p.staffId)?.name ?? ''}`).join(', then ');
  return `${local.date} at ${hhmm(local.minute)}: ${services}`;
}

const MOVABLE: AppointmentStatus[] = ['booked', 'confirmed'];

/** The occurrences a series edit reaches; past, finished and cancelled ones are never touched. */
function scopeTargets(ctx: HandlerContext, anchor: VisitRow, scope: Scope, allowed: AppointmentStatus[]): VisitRow[] {
  if (anchor.seriesId === null || scope === 'this') return [anchor];
  const now = ctx.now.toISOString();
  const rows = cached(ctx.sqlite, `SELECT ${APPOINTMENT_COLUMNS} FROM ${APPOINTMENTS} WHERE a.seriesId = ? AND a.seriesIndex >= ? ORDER BY a.seriesIndex`).all(
    anchor.seriesId,
    scope === 'following' ? (anchor.seriesIndex ?? 0) : 0,
  ) as VisitRow[];
  return rows.filter((r) => r.appointmentId === anchor.appointmentId || (r.visitStartsAt >= now && allowed.includes(r.status)));
}

function refuseTransition(from: AppointmentStatus, to: AppointmentStatus, what: string): never {
  throw new LumenError('invalid_transition', `A ${from} appointment cannot be ${what}.`, { from, to, allowed: allowedTransitions[from] });
}

/** Waitlist entries for the time a visit no longer uses, for each provider it had. */
function freedMatches(ctx: HandlerContext, refs: Refs, segments: SegmentRow[]): WaitlistEntry[] {
  const seen = new Map<number, WaitlistEntry>();
  for (const staffId of new Set(segments.map((s) => s.staffId))) {
    const mine = segments.filter((s) => s.staffId === staffId);
    const start = Math.min(...mine.map((s) => Date.parse(s.startsAt)));
    const end = Math.max(...mine.map((s) => Date.parse(s.endsAt)));
    for (const entry of waitlistMatches(ctx.sqlite, refs, ctx.clinic().timeZone, staffId, start, end)) seen.set(entry.id, entry);
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
  'appointments.get': ({ id }, ctx) => appointmentOf(ctx.sqlite, refsOf(ctx), id),

  'appointments.forPatient': ({ patientId, limit }, ctx) => {
    requirePatient(ctx.sqlite, patientId);
    const now = ctx.now.toISOString();
    const base = `SELECT ${APPOINTMENT_COLUMNS} FROM ${APPOINTMENTS} WHERE a.patientId = @patientId`;
    const upcoming = cached(ctx.sqlite, `${base} AND a.startsAt >= @now ORDER BY a.startsAt LIMIT @limit`).all({ patientId, now, limit }) as VisitRow[];
    const past = cached(ctx.sqlite, `${base} AND a.startsAt < @now ORDER BY a.startsAt DESC LIMIT @limit`).all({ patientId, now, limit: limit - upcoming.length }) as VisitRow[];
    const rows = [...upcoming, ...past];
    const refs = refsOf(ctx);
    return rows.map((r) => toAppointment(r, segmentsOf(ctx.sqlite, r.appointmentId), refs));
  },

  'appointments.check': ({ segments, excludeAppointmentId }, ctx) => {
    const refs = refsOf(ctx);
    const exclude = excludeAppointmentId ?? null;
    const planned = planSegments(ctx.sqlite, refs, segments, exclude);
    return { conflicts: findConflicts(ctx.sqlite, refs, planned, ctx.clinic().timeZone, exclude) };
  },

  'appointments.book': (input, ctx) => {
    ctx.requireSession();
    const refs = refsOf(ctx);
    const timeZone = ctx.clinic().timeZone;
    const patient = requirePatient(ctx.sqlite, input.patientId);
    const planned = planSegments(ctx.sqlite, refs, input.segments, null);
    const overridden = guardConflicts(ctx, findConflicts(ctx.sqlite, refs, planned, timeZone, null), input.override);
    const visitType = visitTypeOf(ctx.sqlite, input.patientId, planned, false);
    const overrideReason = overridden.length ? (input.override?.reason ?? null) : null;
    const id = insertVisit(ctx, { patientId: input.patientId, planned, visitType, notes: input.notes, overrideReason, seriesId: null, seriesIndex: null });
    if (input.waitlistEntryId !== undefined) markWaitlistBooked(ctx.sqlite, input.waitlistEntryId, id, ctx.now.toISOString());
    ctx.audit({
      action: 'create',
      entity: 'appointment',
      entityId: id,
      summary: `Booked ${patient.firstName} ${patient.lastName} on ${describe(refs, planned, timeZone)}${overridden.length ? ` over ${overridden.length} conflict(s): ${overrideReason}` : ''}`,
      details: { after: { status: 'booked', visitType, segments: snapshotOf(planned) }, overridden, overrideReason, waitlistEntryId: input.waitlistEntryId ?? null },
    });
    return { id, visitType, overridden };
  },

  'appointments.move': (input, ctx) => {
    ctx.requireSession();
    const refs = refsOf(ctx);
    const timeZone = ctx.clinic().timeZone;
    const anchor = visitRow(ctx.sqlite, input.id);
    if (!MOVABLE.includes(anchor.status)) refuseTransition(anchor.status, anchor.status, 'moved');
    const anchorSegments = segmentsOf(ctx.sqlite, anchor.appointmentId);
    const ref = input.segmentIndex ?? (input.durationMinutes !== undefined ? anchorSegments.length - 1 : 0);
    if (ref >= anchorSegments.length) throw fieldError('invalid_input', 'That appointment has no such service.', 'segmentIndex', 'No such service');
    const movedStaff = anchorSegments[ref].staffId;
    const movedRoom = anchorSegments[ref].roomId;

    // A series keeps each occurrence's local wall-clock shift: the anchor's change in local days and minutes.
    const oldLocal = localParts(Date.parse(anchor.visitStartsAt), timeZone);
    const newLocal = input.startsAt ? localParts(Date.parse(input.startsAt), timeZone) : oldLocal;
    const dayShift = calendarDaysBetween(oldLocal.date, newLocal.date);
    const minuteShift = newLocal.minute - oldLocal.minute;

    const plans = scopeTargets(ctx, anchor, input.scope, MOVABLE).map((visit) => {
      const rows = visit.appointmentId === anchor.appointmentId ? anchorSegments : segmentsOf(ctx.sqlite, visit.appointmentId);
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
          startsAt: new Date(Date.parse(s.startsAt) + (newStart - oldStart) + resized).toISOString(),
          durationMinutes: Math.round(durationMs / MINUTE_MS),
        };
        if (i === ref) resized = durationMs - length;
        return segment;
      });
      const planned = planSegments(ctx.sqlite, refs, segments, visit.appointmentId);
      return { visit, rows, planned, conflicts: findConflicts(ctx.sqlite, refs, planned, timeZone, visit.appointmentId) };
    });
    const overridden = guardConflicts(
      ctx,
      plans.flatMap((p) => p.conflicts),
      input.override,
      { appointmentId: input.id },
    );

    const now = ctx.now.toISOString();
    const updateSegment = cached(ctx.sqlite, 'UPDATE appointmentService SET staffId = ?, roomId = ?, deviceId = ?, startsAt = ?, endsAt = ? WHERE id = ?');
    for (const { visit, rows, planned, conflicts } of plans) {
      planned.forEach((p, i) => updateSegment.run(p.staffId, p.roomId, p.deviceId, new Date(p.start).toISOString(), new Date(p.end).toISOString(), rows[i].id));
      const startsAt = new Date(Math.min(...planned.map((p) => p.start))).toISOString();
      const endsAt = new Date(Math.max(...planned.map((p) => p.end))).toISOString();
      const overrideReason = conflicts.length ? (input.override?.reason ?? null) : visit.overrideReason;
      cached(ctx.sqlite, 'UPDATE appointment SET startsAt = ?, endsAt = ?, overrideReason = ?, updatedAt = ? WHERE id = ?').run(startsAt, endsAt, overrideReason, now, visit.appointmentId);
      ctx.audit({
        action: 'update',
        entity: 'appointment',
        entityId: visit.appointmentId,
        summary: `Moved the appointment of ${visit.firstName} ${visit.lastName} to ${describe(refs, planned, timeZone)}${conflicts.length ? ` over ${conflicts.length} conflict(s): ${overrideReason}` : ''}`,
        details: { before: { startsAt: visit.visitStartsAt, endsAt: visit.visitEndsAt, segments: rowSnapshot(rows) }, after: { startsAt, endsAt, segments: snapshotOf(planned) }, overridden: conflicts, overrideReason: conflicts.length ? overrideReason : null, scope: input.scope },
      });
    }
    return { moved: plans.map((p) => p.visit.appointmentId), overridden, waitlistMatches: freedMatches(ctx, refs, anchorSegments) };
  },

  'appointments.setNotes': ({ id, notes }, ctx) => {
    const before = visitRow(ctx.sqlite, id);
    cached(ctx.sqlite, 'UPDATE appointment SET notes = ?, updatedAt = ? WHERE id = ?').run(notes, ctx.now.toISOString(), id);
    ctx.audit({ action: 'update', entity: 'appointment', entityId: id, summary: `Changed the front-desk notes of ${before.firstName} ${before.lastName}’s appointment`, details: { notes: { from: before.notes, to: notes } } });
    return { ok: true };
  },

  'appointments.setStatus': ({ id, status }, ctx) => {
    const before = visitRow(ctx.sqlite, id);
    if (!allowedTransitions[before.status].includes(status)) refuseTransition(before.status, status, `marked ${status}`);
    cached(ctx.sqlite, 'UPDATE appointment SET status = ?, updatedAt = ? WHERE id = ?').run(status, ctx.now.toISOString(), id);
    // A no-show frees its time: conflict scans only see live segments.
    if (status === 'noShow') cached(ctx.sqlite, 'UPDATE appointmentService SET live = 0 WHERE appointmentId = ?').run(id);
    ctx.audit({ action: 'update', entity: 'appointment', entityId: id, summary: `${before.firstName} ${before.lastName}’s appointment: ${before.status} → ${status}`, details: { status: { from: before.status, to: status } } });
    return { ok: true };
  },

  'appointments.cancel': ({ id, reason, scope }, ctx) => {
    const refs = refsOf(ctx);
    const anchor = visitRow(ctx.sqlite, id);
    const cancellable = (Object.keys(allowedTransitions) as AppointmentStatus[]).filter((s) => allowedTransitions[s].includes('cancelled'));
    if (!cancellable.includes(anchor.status)) refuseTransition(anchor.status, 'cancelled', 'cancelled');
    const now = ctx.now.toISOString();
    const lateWindowMs = ctx.clinic().lateCancelHours * 60 * MINUTE_MS;
    const isLate = (v: VisitRow) => Date.parse(v.visitStartsAt) - ctx.now.getTime() < lateWindowMs;
    const targets = scopeTargets(ctx, anchor, scope, ['booked', 'confirmed']);
    for (const visit of targets) {
      const late = isLate(visit);
      cached(ctx.sqlite, "UPDATE appointment SET status = 'cancelled', cancelReason = ?, cancelledAt = ?, lateCancel = ?, updatedAt = ? WHERE id = ?").run(reason, now, late ? 1 : 0, now, visit.appointmentId);
      cached(ctx.sqlite, 'UPDATE appointmentService SET live = 0 WHERE appointmentId = ?').run(visit.appointmentId);
      ctx.audit({
        action: 'update',
        entity: 'appointment',
        entityId: visit.appointmentId,
        summary: `Cancelled ${visit.firstName} ${visit.lastName}’s appointment of ${visit.visitStartsAt}${late ? ' (late)' : ''}: ${reason}`,
        details: { status: { from: visit.status, to: 'cancelled' }, reason, lateCancel: late, scope },
      });
    }
    return { cancelled: targets.map((t) => t.appointmentId), lateCancel: isLate(anchor), waitlistMatches: freedMatches(ctx, refs, segmentsOf(ctx.sqlite, anchor.appointmentId)) };
  },
};
