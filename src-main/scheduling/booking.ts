import type { z } from 'zod';
import type { Conflict, Override, VisitType } from '../../src-shared/contract/scheduling';
import { LumenError } from '../../src-shared/errors';
import { isoOf } from '../../src-shared/time';
import type { HandlerContext } from '../core/registry';
import { withNewIds } from '../core/save-row';
import type { Planned } from './conflicts';

/* Booking a visit, one at a time or as a series. */

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
export async function insertVisit(ctx: HandlerContext, v: NewVisit): Promise<number> {
  const now = ctx.now.toISOString();
  const id = ctx.newId('appointment');
  await ctx.db
    .insertInto('appointment')
    .values({
      id,
      patientId: v.patientId,
      status: 'booked',
      visitType: v.visitType,
      startsAt: isoOf(Math.min(...v.planned.map((p) => p.start))),
      endsAt: isoOf(Math.max(...v.planned.map((p) => p.end))),
      notes: v.notes,
      seriesId: v.seriesId,
      seriesIndex: v.seriesIndex,
      overrideReason: v.overrideReason,
      lateCancel: 0,
      createdBy: ctx.requireSession().staffId,
      createdAt: now,
      updatedAt: now,
    })
    .execute();
  const segments = v.planned.map((p, position) => ({
    appointmentId: id,
    position,
    serviceId: p.service.id,
    staffId: p.staffId,
    roomId: p.roomId,
    deviceId: p.deviceId,
    startsAt: isoOf(p.start),
    endsAt: isoOf(p.end),
    priceCents: p.service.priceCents,
    live: 1 as const,
  }));
  await ctx.db.insertInto('appointmentService').values(withNewIds(ctx, 'appointmentService', segments)).execute();
  return id;
}
