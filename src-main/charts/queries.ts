import type { Chart, ChartContent, ChartTemplate } from '../../src-shared/contract/charts';
import { LumenError } from '../../src-shared/errors';
import { cached } from '../core/db';
import type { HandlerContext } from '../core/registry';

export interface VisitRow {
  id: number;
  patientId: number;
  patientNumber: string;
  status: string;
  startsAt: string;
}

export function visitOf(ctx: HandlerContext, appointmentId: number): VisitRow {
  const visit = cached(
    ctx.sqlite,
    'SELECT a.id, a.patientId, p.number AS patientNumber, a.status, a.startsAt FROM appointment a JOIN patient p ON p.id = a.patientId WHERE a.id = ?',
  ).get(appointmentId) as VisitRow | undefined;
  if (!visit) throw new LumenError('not_found', 'No such appointment.');
  return visit;
}

export function patientNumberOf(ctx: HandlerContext, patientId: number): string {
  const number = cached(ctx.sqlite, 'SELECT number FROM patient WHERE id = ?').pluck().get(patientId) as string | undefined;
  if (!number) throw new LumenError('not_found', 'No such patient.');
  return number;
}

/**
 * The form a visit's note uses: the category template of its first treatment (a consult before Botox still
 * gets the injectable form), 'general' when the visit has no treatment.
 */
export function templateOf(ctx: HandlerContext, appointmentId: number): ChartTemplate {
  const template = cached(
    ctx.sqlite,
    `SELECT c.chartTemplate FROM appointmentService s JOIN service sv ON sv.id = s.serviceId JOIN serviceCategory c ON c.id = sv.categoryId
     WHERE s.appointmentId = ? AND sv.kind = 'treatment' ORDER BY s.position LIMIT 1`,
  ).pluck().get(appointmentId) as ChartTemplate | undefined;
  return template ?? 'general';
}

interface ChartRow {
  id: number;
  appointmentId: number;
  patientId: number;
  authorId: number;
  authorName: string;
  status: 'draft' | 'signed';
  content: string;
  signedAt: string | null;
  signedBy: string | null;
  amendsChartId: number | null;
  amendmentReason: string | null;
  changes: string | null;
  createdAt: string;
  updatedAt: string;
}

const CHART_SELECT = `SELECT c.id, c.appointmentId, c.patientId, c.authorId, a.displayName AS authorName, c.status, c.content, c.signedAt,
  s.displayName AS signedBy, c.amendsChartId, c.amendmentReason, c.changes, c.createdAt, c.updatedAt
  FROM chart c JOIN staff a ON a.id = c.authorId LEFT JOIN staff s ON s.id = c.signedBy`;

function toChart(row: ChartRow): Chart {
  return { ...row, content: JSON.parse(row.content) as ChartContent, changes: row.changes === null ? null : (JSON.parse(row.changes) as Chart['changes']) };
}

export function chartById(ctx: HandlerContext, chartId: number): Chart {
  const row = cached(ctx.sqlite, `${CHART_SELECT} WHERE c.id = ?`).get(chartId) as ChartRow | undefined;
  if (!row) throw new LumenError('not_found', 'No such visit note.');
  return toChart(row);
}

/** The original entry first, then its amendments in the order they were made. */
export function chartsOfVisit(ctx: HandlerContext, appointmentId: number): Chart[] {
  const rows = cached(ctx.sqlite, `${CHART_SELECT} WHERE c.appointmentId = ? ORDER BY c.amendsChartId IS NOT NULL, c.id`).all(appointmentId) as ChartRow[];
  return rows.map(toChart);
}

export function chartsOfPatient(ctx: HandlerContext, patientId: number): Chart[] {
  const rows = cached(ctx.sqlite, `${CHART_SELECT} WHERE c.patientId = ? ORDER BY c.createdAt DESC, c.id DESC`).all(patientId) as ChartRow[];
  return rows.map(toChart);
}

/** The newest signed entry of a note: its latest amendment, or the original when it was never amended. */
export function latestSigned(ctx: HandlerContext, originalId: number): Chart {
  const id = cached(ctx.sqlite, 'SELECT id FROM chart WHERE amendsChartId = ? ORDER BY id DESC LIMIT 1').pluck().get(originalId) as number | undefined;
  return chartById(ctx, id ?? originalId);
}

export const LOTS_SQL = `SELECT product, lot, expiry, lastUsedAt FROM productLot WHERE product LIKE ? ESCAPE '\\' ORDER BY lastUsedAt DESC, product, lot LIMIT 200`;

export function recordLots(ctx: HandlerContext, content: ChartContent): void {
  const upsert = cached(
    ctx.sqlite,
    `INSERT INTO productLot (product, lot, expiry, lastUsedAt) VALUES (?, ?, ?, ?)
     ON CONFLICT (product, lot) DO UPDATE SET expiry = excluded.expiry, lastUsedAt = max(lastUsedAt, excluded.lastUsedAt)`,
  );
  for (const injection of content.injections) upsert.run(injection.product, injection.lot, injection.expiry, ctx.now.toISOString());
}
