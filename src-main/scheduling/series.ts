import type { z } from 'zod';
import type { RecurrenceRule } from '../../src-shared/contract/scheduling';
import { fieldError } from '../../src-shared/errors';
import { addCalendarDays, addCalendarMonths, calendarDaysBetween, hhmm, isoOf, localInstant } from '../../src-shared/time';
import type { Sqlite } from '../core/db';
import type { HandlerContext, HandlerMap } from '../core/registry';
import { requirePatient } from '../patients/index';
import { guardConflicts, insertVisit } from './booking';
import { findConflicts } from './conflicts';
import { localParts } from './local';
import { refsOf, type Refs } from './refs';
import { type ParsedSegment, planSegments, segmentInputOf } from './segments';

/**
 * The occurrences' segments: every `every` `unit` from the first, each segment at the same local wall-clock
 * time (10:00 stays 10:00 across a DST change, so the UTC instant shifts by an hour).
 */
export function occurrenceSegments(segments: ParsedSegment[], rule: z.output<typeof RecurrenceRule>, timeZone: string): ParsedSegment[][] {
  const first = localParts(Date.parse(segments[0].startsAt), timeZone);
  const offsets = segments.map((s) => {
    const local = localParts(Date.parse(s.startsAt), timeZone);
    return { days: calendarDaysBetween(first.date, local.date), minute: local.minute };
  });
  return Array.from({ length: rule.count }, (_, i) => {
    const step = i * rule.every;
    const date = rule.unit === 'month' ? addCalendarMonths(first.date, step) : addCalendarDays(first.date, rule.unit === 'week' ? step * 7 : step);
    return segments.map((s, k) => ({ ...s, startsAt: isoOf(localInstant(addCalendarDays(date, offsets[k].days), offsets[k].minute, timeZone)) }));
  });
}

function planSeries(sqlite: Sqlite, refs: Refs, segments: ParsedSegment[], rule: z.output<typeof RecurrenceRule>, timeZone: string) {
  return occurrenceSegments(segments, rule, timeZone).map((occurrence, index) => {
    const planned = planSegments(sqlite, refs, occurrence, null);
    return { index, planned, conflicts: findConflicts(sqlite, refs, planned, timeZone, null) };
  });
}

async function seriesPreview(input: { patientId: number; segments: ParsedSegment[]; rule: z.output<typeof RecurrenceRule> }, ctx: HandlerContext) {
  await requirePatient(ctx, input.patientId);
  const refs = await refsOf(ctx);
  return planSeries(ctx.sqlite, refs, input.segments, input.rule, ctx.clinic().timeZone).map(({ index, planned, conflicts }) => ({
    index,
    startsAt: isoOf(planned[0].start),
    endsAt: isoOf(Math.max(...planned.map((p) => p.end))),
    segments: planned.map(segmentInputOf),
    conflicts,
  }));
}

export const seriesHandlers: HandlerMap<'series.preview' | 'series.create'> = {
  'series.preview': seriesPreview,

  'series.create': async (input, ctx) => {
    const session = ctx.requireSession();
    const patient = await requirePatient(ctx, input.patientId);
    const refs = await refsOf(ctx);
    const timeZone = ctx.clinic().timeZone;
    const skip = new Set(input.skipIndexes);
    const occurrences = planSeries(ctx.sqlite, refs, input.segments, input.rule, timeZone).filter((o) => !skip.has(o.index));
    if (!occurrences.length) throw fieldError('invalid_input', 'Every occurrence is skipped; there is nothing to book.', 'skipIndexes', 'Keep at least one');
    const conflicting = occurrences.filter((o) => o.conflicts.length);
    const overridden = guardConflicts(
      ctx,
      conflicting.flatMap((o) => o.conflicts),
      input.override,
      { occurrences: conflicting.map((o) => ({ index: o.index, startsAt: isoOf(o.planned[0].start), conflicts: o.conflicts })) },
    );
    const now = ctx.now.toISOString();
    const first = localParts(occurrences[0].planned[0].start, timeZone);
    const seriesId = ctx.newId('series');
    await ctx.db
      .insertInto('series')
      .values({ id: seriesId, patientId: input.patientId, every: input.rule.every, unit: input.rule.unit, count: input.rule.count, localTime: hhmm(first.minute), timeZone, createdBy: session.staffId, createdAt: now })
      .execute();
    const appointmentIds: number[] = [];
    for (const o of occurrences) {
      const overrideReason = o.conflicts.length ? (input.override?.reason ?? null) : null;
      const id = await insertVisit(ctx, { patientId: input.patientId, planned: o.planned, visitType: 'inCourse', notes: input.notes, overrideReason, seriesId, seriesIndex: o.index });
      ctx.audit({
        action: 'create',
        entity: 'appointment',
        entityId: id,
        summary: `Booked occurrence ${o.index + 1} of ${input.rule.count} for ${patient.firstName} ${patient.lastName} on ${localParts(o.planned[0].start, timeZone).date} at ${hhmm(first.minute)}`,
        details: { seriesId, seriesIndex: o.index, overridden: o.conflicts, overrideReason },
      });
      appointmentIds.push(id);
    }
    ctx.audit({
      action: 'create',
      entity: 'series',
      entityId: seriesId,
      summary: `Booked a series for ${patient.firstName} ${patient.lastName}: every ${input.rule.every} ${input.rule.unit}(s) × ${input.rule.count} at ${hhmm(first.minute)}${skip.size ? `, ${skip.size} skipped` : ''}`,
      details: { rule: input.rule, appointmentIds, skipped: [...skip], overridden, overrideReason: overridden.length ? (input.override?.reason ?? null) : null },
    });
    return { seriesId, appointmentIds, overridden };
  },
};
