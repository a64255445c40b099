import type { ChartContent } from '../../src-shared/contract/charts';
import { LumenError } from '../../src-shared/errors';
import { localDate } from '../../src-shared/time';
import { cached } from '../core/db';
import type { HandlerContext, HandlerMap } from '../core/registry';
import { CLINICAL_ENTITY } from '../clinical/index';
import { changesBetween } from './changes';
import { chartById, chartsOfPatient, chartsOfVisit, latestSigned, LOTS_SQL, patientNumberOf, recordLots, templateOf, type VisitRow, visitOf } from './queries';

/** A visit that did not happen has nothing to chart. */
function chartableVisit(ctx: HandlerContext, appointmentId: number): VisitRow {
  const visit = visitOf(ctx, appointmentId);
  if (visit.status === 'cancelled' || visit.status === 'noShow') {
    throw new LumenError('conflict', `This appointment was ${visit.status === 'noShow' ? 'a no-show' : 'cancelled'}; it has no visit note.`);
  }
  return visit;
}

/** A clinic must not chart a product that had expired on the day of the visit. */
function refuseExpiredLots(ctx: HandlerContext, visit: VisitRow, content: ChartContent): void {
  const visitDate = localDate(visit.startsAt, ctx.clinic().timeZone);
  const fieldErrors: Record<string, string[]> = {};
  content.injections.forEach((injection, i) => {
    if (injection.expiry < visitDate) fieldErrors[`content.injections.${i}.expiry`] = [`Lot ${injection.lot} expired on ${injection.expiry}, before this visit (${visitDate}).`];
  });
  if (Object.keys(fieldErrors).length) throw new LumenError('invalid_input', 'An expired product cannot be charted.', { formErrors: [], fieldErrors });
}

/** The trigger that keeps signed notes final is the last word; its refusal reads like ours. */
function updateDraft(ctx: HandlerContext, chartId: number, sql: string, ...params: unknown[]): void {
  try {
    cached(ctx.sqlite, sql).run(...params, chartId);
  } catch (error) {
    if (error instanceof Error && /signed chart cannot change/.test(error.message)) throw signedIsFinal();
    throw error;
  }
}

const signedIsFinal = () => new LumenError('conflict', 'This note is signed and cannot change. Amend it instead.');

export const noteHandlers: HandlerMap<'charts.forAppointment' | 'charts.forPatient' | 'charts.saveDraft' | 'charts.sign' | 'charts.amend' | 'charts.lots'> = {
  'charts.forAppointment': ({ appointmentId }, ctx) => {
    const visit = visitOf(ctx, appointmentId);
    const charts = chartsOfVisit(ctx, appointmentId);
    ctx.audit({
      action: 'view',
      entity: CLINICAL_ENTITY,
      entityId: visit.patientId,
      summary: `Viewed the visit note of ${visit.patientNumber} (appointment ${appointmentId})`,
      details: { appointmentId, chartIds: charts.map((c) => c.id) },
    });
    return { template: templateOf(ctx, appointmentId), charts };
  },

  'charts.forPatient': ({ patientId }, ctx) => {
    const number = patientNumberOf(ctx, patientId);
    const charts = chartsOfPatient(ctx, patientId);
    ctx.audit({ action: 'view', entity: CLINICAL_ENTITY, entityId: patientId, summary: `Viewed the visit notes of ${number}`, details: { chartIds: charts.map((c) => c.id) } });
    return charts;
  },

  'charts.saveDraft': ({ appointmentId, chartId, content }, ctx) => {
    const visit = chartableVisit(ctx, appointmentId);
    refuseExpiredLots(ctx, visit, content);
    const at = ctx.now.toISOString();
    const json = JSON.stringify(content);
    if (chartId === undefined) {
      const existing = cached(ctx.sqlite, 'SELECT id, status FROM chart WHERE appointmentId = ? AND amendsChartId IS NULL').get(appointmentId) as
        | { id: number; status: string }
        | undefined;
      if (existing) {
        throw new LumenError(
          'conflict',
          existing.status === 'signed' ? 'This visit already has a signed note. Amend it instead.' : 'This visit already has a draft note; open it to continue.',
          { chartId: existing.id },
        );
      }
      const id = Number(
        cached(ctx.sqlite, `INSERT INTO chart (appointmentId, patientId, authorId, status, content, createdAt, updatedAt) VALUES (?, ?, ?, 'draft', ?, ?, ?)`).run(
          appointmentId,
          visit.patientId,
          ctx.requireSession().staffId,
          json,
          at,
          at,
        ).lastInsertRowid,
      );
      ctx.audit({ action: 'create', entity: CLINICAL_ENTITY, entityId: visit.patientId, summary: `Started the visit note of ${visit.patientNumber} (appointment ${appointmentId})`, details: { chartId: id, appointmentId, content } });
      return { id };
    }
    const before = chartById(ctx, chartId);
    if (before.appointmentId !== appointmentId) throw new LumenError('invalid_input', 'This note belongs to another visit.', { formErrors: [], fieldErrors: { chartId: ['Not a note of this visit.'] } });
    if (before.status === 'signed') throw signedIsFinal();
    updateDraft(ctx, chartId, 'UPDATE chart SET content = ?, updatedAt = ? WHERE id = ?', json, at);
    ctx.audit({
      action: 'update',
      entity: CLINICAL_ENTITY,
      entityId: visit.patientId,
      summary: `Changed the draft visit note of ${visit.patientNumber} (appointment ${appointmentId})`,
      details: { chartId, appointmentId, changes: changesBetween(before.content, content) },
    });
    return { id: chartId };
  },

  'charts.sign': ({ chartId }, ctx) => {
    const chart = chartById(ctx, chartId);
    if (chart.status === 'signed') throw new LumenError('conflict', 'This note is already signed.');
    const visit = chartableVisit(ctx, chart.appointmentId);
    refuseExpiredLots(ctx, visit, chart.content);
    const at = ctx.now.toISOString();
    updateDraft(ctx, chartId, `UPDATE chart SET status = 'signed', signedAt = ?, signedBy = ?, updatedAt = ? WHERE id = ?`, at, ctx.requireSession().staffId, at);
    recordLots(ctx, chart.content);
    ctx.audit({
      action: 'update',
      entity: CLINICAL_ENTITY,
      entityId: chart.patientId,
      summary: `Signed the visit note of ${visit.patientNumber} (appointment ${chart.appointmentId})`,
      details: { chartId, appointmentId: chart.appointmentId, content: chart.content },
    });
    return { ok: true as const };
  },

  'charts.amend': ({ chartId, content, reason }, ctx) => {
    const target = chartById(ctx, chartId);
    if (target.status !== 'signed') throw new LumenError('conflict', 'Only a signed note can be amended; this one is still a draft.');
    const originalId = target.amendsChartId ?? target.id;
    const latest = latestSigned(ctx, originalId);
    if (target.id !== originalId && target.id !== latest.id) throw new LumenError('conflict', 'A newer amendment of this note exists; amend that one.', { chartId: latest.id });
    const visit = chartableVisit(ctx, target.appointmentId);
    refuseExpiredLots(ctx, visit, content);
    const changes = changesBetween(latest.content, content);
    if (!Object.keys(changes).length) throw new LumenError('invalid_input', 'The amendment changes nothing.', { formErrors: ['Change something before amending.'], fieldErrors: {} });
    const at = ctx.now.toISOString();
    const staffId = ctx.requireSession().staffId;
    const id = Number(
      cached(
        ctx.sqlite,
        `INSERT INTO chart (appointmentId, patientId, authorId, status, content, signedAt, signedBy, amendsChartId, amendmentReason, changes, createdAt, updatedAt)
         VALUES (?, ?, ?, 'signed', ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(target.appointmentId, target.patientId, staffId, JSON.stringify(content), at, staffId, originalId, reason, JSON.stringify(changes), at, at).lastInsertRowid,
    );
    recordLots(ctx, content);
    ctx.audit({
      action: 'create',
      entity: CLINICAL_ENTITY,
      entityId: target.patientId,
      summary: `Amended the visit note of ${visit.patientNumber} (appointment ${target.appointmentId})`,
      details: { chartId: id, amends: originalId, reason, changes },
    });
    return { id, changes };
  },

  'charts.lots': ({ product }, ctx) => {
    const prefix = (product ?? '').replace(/[\\%_]/g, (c) => `\\${c}`);
    return cached(ctx.sqlite, LOTS_SQL).all(`${prefix}%`) as { product: string; lot: string; expiry: string; lastUsedAt: string }[];
  },
};
