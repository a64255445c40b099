import type { z } from 'zod';
import type { PipelineRows, PipelineRowsKey } from '../../../src-shared/contract/reports-pipeline';
import { stageLabels } from '../../../src-shared/contract/reports-pipeline';
import type { ParsedInputOf } from '../../../src-shared/contract/index';
import { fieldError } from '../../../src-shared/errors';
import type { ReportColumn } from '../../../src-shared/reports/document';
import { cached } from '../../core/db';
import type { HandlerContext, HandlerMap } from '../../core/registry';
import { assumptionsOf } from './assumptions';
import { cohortParams } from './cascade';
import { leadSinceOf, projectionParams } from './projected';
import { CASCADE_ROWS_SQL, CASCADE_ROWS_TOTAL_SQL, OPEN_LEAD_ROWS_SQL, OPEN_LEADS_SQL, PROJECTED_ROWS_SQL, PROJECTED_ROWS_TOTAL_SQL } from './queries';

type Input = ParsedInputOf<'reports.pipelineRows'>;
type Key = z.output<typeof PipelineRowsKey>;
type Rows = z.infer<typeof PipelineRows>;

const BOOKING_COLUMNS: ReportColumn[] = [
  { key: 'date', label: 'Day', format: 'date' },
  { key: 'patientName', label: 'Patient', format: 'text' },
  { key: 'serviceName', label: 'Service', format: 'text' },
  { key: 'categoryName', label: 'Category', format: 'text' },
  { key: 'staffName', label: 'Provider', format: 'text' },
  { key: 'kind', label: 'Kind', format: 'text' },
  { key: 'expectedCents', label: 'Expected', format: 'money' },
];
const LEAD_COLUMNS: ReportColumn[] = [
  { key: 'createdOn', label: 'Added', format: 'date' },
  { key: 'patientName', label: 'Patient', format: 'text' },
  { key: 'phone', label: 'Phone', format: 'text' },
  { key: 'sourceName', label: 'Source', format: 'text' },
  { key: 'expectedCents', label: 'Expected', format: 'money' },
];
const PATIENT_COLUMNS: ReportColumn[] = [
  { key: 'patientName', label: 'Patient', format: 'text' },
  { key: 'createdOn', label: 'Added', format: 'date' },
  { key: 'consultOn', label: 'Consult', format: 'date' },
  { key: 'treatedOn', label: 'First treatment', format: 'date' },
  { key: 'revenueCents', label: 'Net sales to date', format: 'money' },
];

const refuse = (message: string) => fieldError('invalid_input', message, 'key');

function projectedRows(ctx: HandlerContext, input: Input, key: Key): Rows {
  const a = assumptionsOf(ctx, input.include.leads, input.overrides);
  const page = { limit: input.limit, offset: input.offset };
  if (key.kind === 'leads') {
    if (!a.includeLeads) throw refuse('Leads are not included in this projection.');
    const leadSince = leadSinceOf(ctx, a.openLeadDays);
    const { leads } = cached(ctx.sqlite, OPEN_LEADS_SQL).get({ leadSince }) as { leads: number };
    const rows = cached(ctx.sqlite, OPEN_LEAD_ROWS_SQL).all({ leadSince, zone: ctx.clinic().timeZone, ...page }) as Record<string, string | number | null>[];
    const table = { kind: 'table' as const, title: 'Open leads', columns: LEAD_COLUMNS, rows: rows.map((r) => ({ ...r, expectedCents: a.perLeadCents })), emptyText: 'No open leads.' };
    return { table, total: leads, sum: leads * a.perLeadCents };
  }
  if (key.kind === 'stage') throw refuse('A cascade stage is not a figure of projected sales.');
  const narrow = {
    date: key.kind === 'day' ? key.date : null,
    categoryId: key.kind === 'category' ? key.categoryId : null,
    staffId: key.kind === 'provider' ? key.staffId : null,
  };
  const params = { ...projectionParams(ctx, input.from, input.to, a), ...narrow };
  const { total, sum } = cached(ctx.sqlite, PROJECTED_ROWS_TOTAL_SQL).get(params) as { total: number; sum: number };
  const rows = cached(ctx.sqlite, PROJECTED_ROWS_SQL).all({ ...params, ...page }) as Record<string, string | number | null>[];
  const table = { kind: 'table' as const, title: 'Bookings behind the figure', columns: BOOKING_COLUMNS, rows, emptyText: 'Nothing is booked here.' };
  return { table, total, sum };
}

function cascadeRows(ctx: HandlerContext, input: Input, key: Key): Rows {
  if (key.kind !== 'stage') throw refuse('Name a stage of the cascade.');
  if (key.stage === 'awareness') throw refuse('Awareness is a number entered per source and month; it has no patients behind it.');
  const params = { ...cohortParams(ctx, input.from, input.to), stage: key.stage };
  const { total } = cached(ctx.sqlite, CASCADE_ROWS_TOTAL_SQL).get(params) as { total: number };
  const rows = cached(ctx.sqlite, CASCADE_ROWS_SQL).all({ ...params, limit: input.limit, offset: input.offset }) as Record<string, string | number | null>[];
  const table = { kind: 'table' as const, title: `${stageLabels[key.stage]}: patients`, columns: PATIENT_COLUMNS, rows, emptyText: 'No patients reached this stage.' };
  return { table, total, sum: total };
}

export const rowsHandlers: HandlerMap<'reports.pipelineRows'> = {
  'reports.pipelineRows': (input, ctx) => (input.report === 'projectedSales' ? projectedRows(ctx, input, input.key) : cascadeRows(ctx, input, input.key)),
};
