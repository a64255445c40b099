import type { InferResult } from 'kysely';
import type { Chart, ChartContent, ChartTemplate } from '../../src-shared/contract/charts';
import { LumenError } from '../../src-shared/errors';
import type { Db } from '../core/db';
import type { HandlerContext } from '../core/registry';

/** The appointment a note or photo belongs to, with its patient's number and photo consent. */
export async function visitOf(ctx: HandlerContext, appointmentId: number) {
  const visit = await ctx.db
    .selectFrom('appointment as a')
    .innerJoin('patient as p', 'p.id', 'a.patientId')
    .select(['a.id', 'a.patientId', 'p.number as patientNumber', 'p.photoConsent', 'a.status', 'a.startsAt'])
    .where('a.id', '=', appointmentId)
    .executeTakeFirst();
  if (!visit) throw new LumenError('not_found', 'No such appointment.');
  return visit;
}

export type Visit = Awaited<ReturnType<typeof visitOf>>;

/**
 * The form a visit's note uses: the category template of its first treatment (a consult before Botox still
 * gets the injectable form), 'general' when the visit has no treatment.
 */
export async function templateOf(ctx: HandlerContext, appointmentId: number): Promise<ChartTemplate> {
  const row = await ctx.db
    .selectFrom('appointmentService as s')
    .innerJoin('service as sv', 'sv.id', 's.serviceId')
    .innerJoin('serviceCategory as c', 'c.id', 'sv.categoryId')
    .select('c.chartTemplate')
    .where('s.appointmentId', '=', appointmentId)
    .where('sv.kind', '=', 'treatment')
    .orderBy('s.position')
    .limit(1)
    .executeTakeFirst();
  return row?.chartTemplate ?? 'general';
}

const chartRows = (db: Db) =>
  db
    .selectFrom('chart as c')
    .innerJoin('staff as a', 'a.id', 'c.authorId')
    .leftJoin('staff as s', 's.id', 'c.signedBy')
    .select([
      'c.id',
      'c.appointmentId',
      'c.patientId',
      'c.authorId',
      'a.displayName as authorName',
      'c.status',
      'c.content',
      'c.signedAt',
      's.displayName as signedBy',
      'c.amendsChartId',
      'c.amendmentReason',
      'c.changes',
      'c.createdAt',
      'c.updatedAt',
    ]);

function toChart(row: InferResult<ReturnType<typeof chartRows>>[number]): Chart {
  return { ...row, content: JSON.parse(row.content) as ChartContent, changes: row.changes === null ? null : (JSON.parse(row.changes) as Chart['changes']) };
}

export async function chartById(ctx: HandlerContext, chartId: number): Promise<Chart> {
  const row = await chartRows(ctx.db).where('c.id', '=', chartId).executeTakeFirst();
  if (!row) throw new LumenError('not_found', 'No such visit note.');
  return toChart(row);
}

/** The original entry first, then its amendments in the order they were made. */
export async function chartsOfVisit(ctx: HandlerContext, appointmentId: number): Promise<Chart[]> {
  const rows = await chartRows(ctx.db)
    .where('c.appointmentId', '=', appointmentId)
    .orderBy((eb) => eb('c.amendsChartId', 'is not', null))
    .orderBy('c.id')
    .execute();
  return rows.map(toChart);
}

export async function chartsOfPatient(ctx: HandlerContext, patientId: number): Promise<Chart[]> {
  const rows = await chartRows(ctx.db).where('c.patientId', '=', patientId).orderBy('c.createdAt', 'desc').orderBy('c.id', 'desc').execute();
  return rows.map(toChart);
}

/** The newest signed entry of a note: its latest amendment, or the original when it was never amended. */
export async function latestSigned(ctx: HandlerContext, originalId: number): Promise<Chart> {
  const latest = await ctx.db.selectFrom('chart').select('id').where('amendsChartId', '=', originalId).orderBy('id', 'desc').limit(1).executeTakeFirst();
  return chartById(ctx, latest?.id ?? originalId);
}
