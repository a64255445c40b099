import type { SalesRowsInput } from '../../../src-shared/contract/reports-sales';
import { fieldError } from '../../../src-shared/errors';
import type { ReportColumn, ReportTable } from '../../../src-shared/reports/document';
import { localDate } from '../../../src-shared/time';
import type { z } from 'zod';
import type { HandlerContext, HandlerMap } from '../../core/registry';
import { cached } from '../../core/db';
import { DRILL_ROWS_SQL, DRILL_SUM_SQL } from './queries';
import { boundsOf, categoryNames, entryParams, staffNames } from './period';
import { couponRows, referralRows } from './rows-roi';

type Input = z.output<typeof SalesRowsInput>;

const entryLabels: Record<string, string> = { sale: 'Sale', refund: 'Refund', redemption: 'Package redemption' };

const ENTRY_COLUMNS: ReportColumn[] = [
  { key: 'date', label: 'Date', format: 'date' },
  { key: 'entry', label: 'Entry', format: 'text' },
  { key: 'invoiceNumber', label: 'Invoice', format: 'text' },
  { key: 'patientName', label: 'Patient', format: 'text' },
  { key: 'description', label: 'Line', format: 'text' },
  { key: 'providerName', label: 'Provider', format: 'text' },
  { key: 'quantity', label: 'Units', format: 'integer' },
  { key: 'amountCents', label: 'Net sales', format: 'money' },
];

interface EntryRow {
  entry: string;
  at: string;
  invoiceId: number;
  invoiceNumber: string | null;
  patientId: number | null;
  patientName: string | null;
  lineId: number;
  description: string;
  staffId: number | null;
  quantity: number;
  amountCents: number;
}

/** The revenue entries behind a category's amount or a provider's net sales: sales, refunds and redemptions. */
async function entryRows(input: Input, ctx: HandlerContext): Promise<{ table: ReportTable; total: number }> {
  const zone = ctx.clinic().timeZone;
  const byCategory = input.report === 'salesByCategory';
  let title: string;
  if (byCategory) {
    if (typeof input.key === 'number' && !(await ctx.db.selectFrom('serviceCategory').select('id').where('id', '=', input.key).executeTakeFirst()))
      throw fieldError('not_found', 'There is no such category.', 'key');
    if (typeof input.key === 'string' && input.key !== 'retail' && input.key !== 'other') throw fieldError('invalid_input', 'A category is an id, “retail” or “other”.', 'key');
    title = `Sales of ${(await categoryNames(ctx))(input.key)}`;
  } else {
    if (typeof input.key === 'number' && !(await ctx.db.selectFrom('staff').select('id').where('id', '=', input.key).executeTakeFirst()))
      throw fieldError('not_found', 'There is no such provider.', 'key');
    if (typeof input.key === 'string' && input.key !== 'none') throw fieldError('invalid_input', 'A provider is a staff id, or “none” for lines without one.', 'key');
    title = `Sales by ${(await staffNames(ctx))(input.key === 'none' ? null : input.key)}`;
  }
  const params = { ...entryParams(ctx, boundsOf(input.from, input.to, zone)), by: byCategory ? 'category' : 'staff', key: input.key === 'none' ? null : input.key };
  const sum = cached(ctx.sqlite, DRILL_SUM_SQL).get(params) as { total: number; amountCents: number };
  const found = cached(ctx.sqlite, DRILL_ROWS_SQL).all({ ...params, limit: input.limit, offset: input.offset }) as EntryRow[];
  const provider = await staffNames(ctx);
  return {
    total: sum.total,
    table: {
      kind: 'table',
      title,
      columns: ENTRY_COLUMNS,
      rows: found.map((r) => ({
        date: localDate(r.at, zone),
        entry: entryLabels[r.entry] ?? r.entry,
        invoiceId: r.invoiceId,
        invoiceNumber: r.invoiceNumber,
        patientId: r.patientId,
        patientName: r.patientName,
        description: r.entry === 'redemption' ? `${r.description} (paid by a package)` : r.description,
        providerName: provider(r.staffId),
        quantity: r.quantity,
        amountCents: r.amountCents,
      })),
      // The whole figure, not just this page: every page's rows add up to it.
      totals: { amountCents: sum.amountCents },
      emptyText: 'No sales, refunds or redemptions behind this figure in the period.',
    },
  };
}

export const rowsHandlers: HandlerMap<'reports.salesRows'> = {
  'reports.salesRows': (input, ctx) => {
    if (input.report === 'couponRoi') return couponRows(input, ctx);
    if (input.report === 'referralRoi') return referralRows(input, ctx);
    return entryRows(input, ctx);
  },
};
