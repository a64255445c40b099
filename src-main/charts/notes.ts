import type { Updateable } from 'kysely';
import type { ChartContent } from '../../src-shared/contract/charts';
import { fieldError, LumenError } from '../../src-shared/errors';
import { localDate } from '../../src-shared/time';
import type { HandlerContext, HandlerMap } from '../core/registry';
import type { ChartTable } from '../core/schema-calendar';
import { CLINICAL_ENTITY } from '../clinical/index';
import { patientNumberOf } from '../patients/index';
import { changesBetween } from './changes';
import { chartById, chartsOfPatient, chartsOfVisit, latestSigned, templateOf, type Visit, visitOf } from './lookup';
import { recordLots } from './lots';

/** A visit that did not happen has nothing to chart. */
async function chartableVisit(ctx: HandlerContext, appointmentId: number): Promise<Visit> {
  const visit = await visitOf(ctx, appointmentId);
  if (visit.status === 'cancelled' || visit.status === 'noShow') {
    throw new LumenError('conflict', `This appointment was ${visit.status === 'noShow' ? 'a no-show' : 'cancelled'}; it has no visit note.`);
  }
  return visit;
}

/** A clinic must not chart a product that had expired on the day of the visit. */
function refuseExpiredLots(ctx: HandlerContext, visit: Visit, content: ChartContent): void {
  const visitDate = localDate(visit.startsAt, ctx.clinic().timeZone);
  const fieldErrors: Record<string, string[]> = {};
  content.injections.forEach((injection, i) => {
    if (injection.expiry < visitDate) fieldErrors[`content.injections.${i}.expiry`] = [`Lot ${injection.lot} expired on ${injection.expiry}, before this visit (${visitDate}).`];
  });
  if (Object.keys(fieldErrors).length) throw new LumenError('invalid_input', 'An expired product cannot be charted.', { formErrors: [], fieldErrors });
}

/** The trigger that keeps signed notes final is the last word; its refusal reads like ours. */
async function updateDraft(ctx: HandlerContext, chartId: number, changes: Updateable<ChartTable>): Promise<void> {
  try {
    await ctx.db.updateTable('chart').set(changes).where('id', '=', chartId).execute();
  } catch (error) {
    if (error instanceof Error && /signed chart cannot change/.test(error.message)) throw signedIsFinal();
    throw error;
  }
}

const signedIsFinal = () => new LumenError('conflict', 'This note is signed and cannot change. Amend it instead.');

export const noteHandlers: HandlerMap<'charts.forAppointment' | 'charts.forPatient' | 'charts.saveDraft' | 'charts.sign' | 'charts.amend'> = {
  'charts.forAppointment': async ({ appointmentId }, ctx) => {
    const visit = await visitOf(ctx, appointmentId);
    const charts = await chartsOfVisit(ctx, appointmentId);
    ctx.audit({
      action: 'view',
      entity: CLINICAL_ENTITY,
      entityId: visit.patientId,
      summary: `Viewed the visit note of ${visit.patientNumber} (appointment ${appointmentId})`,
      details: { appointmentId, chartIds: charts.map((c) => c.id) },
    });
    return { template: await templateOf(ctx, appointmentId), charts };
  },

  'charts.forPatient': async ({ patientId }, ctx) => {
    const number = await patientNumberOf(ctx, patientId);
    const charts = await chartsOfPatient(ctx, patientId);
    ctx.audit({ action: 'view', entity: CLINICAL_ENTITY, entityId: patientId, summary: `Viewed the visit notes of ${number}`, details: { chartIds: charts.map((c) => c.id) } });
    return charts;
  },

  'charts.saveDraft': async ({ appointmentId, chartId, content }, ctx) => {
    const visit = await chartableVisit(ctx, appointmentId);
    refuseExpiredLots(ctx, visit, content);
    const at = ctx.now.toISOString();
    const json = JSON.stringify(content);
    if (chartId === undefined) {
      const existing = await ctx.db.selectFrom('chart').select(['id', 'status']).where('appointmentId', '=', appointmentId).where('amendsChartId', 'is', null).executeTakeFirst();
      if (existing) {
        throw new LumenError(
          'conflict',
          existing.status === 'signed' ? 'This visit already has a signed note. Amend it instead.' : 'This visit already has a draft note; open it to continue.',
          { chartId: existing.id },
        );
      }
      const id = ctx.newId('chart');
      await ctx.db
        .insertInto('chart')
        .values({ id, appointmentId, patientId: visit.patientId, authorId: ctx.requireSession().staffId, status: 'draft', content: json, createdAt: at, updatedAt: at })
        .execute();
      ctx.audit({ action: 'create', entity: CLINICAL_ENTITY, entityId: visit.patientId, summary: `Started the visit note of ${visit.patientNumber} (appointment ${appointmentId})`, details: { chartId: id, appointmentId, content } });
      return { id };
    }
    const before = await chartById(ctx, chartId);
    if (before.appointmentId !== appointmentId) throw fieldError('invalid_input', 'This note belongs to another visit.', 'chartId', 'Not a note of this visit.');
    if (before.status === 'signed') throw signedIsFinal();
    await updateDraft(ctx, chartId, { content: json, updatedAt: at });
    ctx.audit({
      action: 'update',
      entity: CLINICAL_ENTITY,
      entityId: visit.patientId,
      summary: `Changed the draft visit note of ${visit.patientNumber} (appointment ${appointmentId})`,
      details: { chartId, appointmentId, changes: changesBetween(before.content, content) },
    });
    return { id: chartId };
  },

  'charts.sign': async ({ chartId }, ctx) => {
    const chart = await chartById(ctx, chartId);
    if (chart.status === 'signed') throw new LumenError('conflict', 'This note is already signed.');
    const visit = await chartableVisit(ctx, chart.appointmentId);
    refuseExpiredLots(ctx, visit, chart.content);
    const at = ctx.now.toISOString();
    await updateDraft(ctx, chartId, { status: 'signed', signedAt: at, signedBy: ctx.requireSession().staffId, updatedAt: at });
    await recordLots(ctx, { id: chartId, originalId: chart.amendsChartId ?? chartId, appointmentId: chart.appointmentId, patientId: chart.patientId }, chart.content);
    ctx.audit({
      action: 'update',
      entity: CLINICAL_ENTITY,
      entityId: chart.patientId,
      summary: `Signed the visit note of ${visit.patientNumber} (appointment ${chart.appointmentId})`,
      details: { chartId, appointmentId: chart.appointmentId, content: chart.content },
    });
    return { ok: true as const };
  },

  'charts.amend': async ({ chartId, content, reason }, ctx) => {
    const target = await chartById(ctx, chartId);
    if (target.status !== 'signed') throw new LumenError('conflict', 'Only a signed note can be amended; this one is still a draft.');
    const originalId = target.amendsChartId ?? target.id;
    const latest = await latestSigned(ctx, originalId);
    if (target.id !== originalId && target.id !== latest.id) throw new LumenError('conflict', 'A newer amendment of this note exists; amend that one.', { chartId: latest.id });
    const visit = await chartableVisit(ctx, target.appointmentId);
    refuseExpiredLots(ctx, visit, content);
    const changes = changesBetween(latest.content, content);
    if (!Object.keys(changes).length) throw new LumenError('invalid_input', 'The amendment changes nothing.', { formErrors: ['Change something before amending.'], fieldErrors: {} });
    const at = ctx.now.toISOString();
    const staffId = ctx.requireSession().staffId;
    const id = ctx.newId('chart');
    await ctx.db
      .insertInto('chart')
      .values({
        id,
        appointmentId: target.appointmentId,
        patientId: target.patientId,
        authorId: staffId,
        status: 'signed',
        content: JSON.stringify(content),
        signedAt: at,
        signedBy: staffId,
        amendsChartId: originalId,
        amendmentReason: reason,
        changes: JSON.stringify(changes),
        createdAt: at,
        updatedAt: at,
      })
      .execute();
    await recordLots(ctx, { id, originalId, appointmentId: target.appointmentId, patientId: target.patientId }, content);
    ctx.audit({
      action: 'create',
      entity: CLINICAL_ENTITY,
      entityId: target.patientId,
      summary: `Amended the visit note of ${visit.patientNumber} (appointment ${target.appointmentId})`,
      details: { chartId: id, amends: originalId, reason, changes },
    });
    return { id, changes };
  },
};
