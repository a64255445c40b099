import type { SalesByProvider } from '../../../src-shared/contract/reports-sales';
import { fieldError } from '../../../src-shared/errors';
import type { HandlerMap } from '../../core/registry';
import { cached } from '../../core/db';
import { PROVIDER_TOTALS_SQL } from './queries';
import { averageOf, boundsOf, entryParams, invoiceOverlap, rateBp, staffNames } from './period';

type Figures = Omit<SalesByProvider['rows'][number], 'staffId' | 'name' | 'averageTicketCents' | 'rebookingRateBp'>;

const sumOf = (rows: Figures[], key: keyof Figures) => rows.reduce((sum, r) => sum + r[key], 0);

export const byProviderHandlers: HandlerMap<'reports.salesByProvider'> = {
  'reports.salesByProvider': async ({ from, to, providerId }, ctx) => {
    if (providerId !== undefined && !(await ctx.db.selectFrom('staff').select('id').where('id', '=', providerId).executeTakeFirst()))
      throw fieldError('not_found', 'There is no such provider.', 'providerId');
    const params = entryParams(ctx, boundsOf(from, to, ctx.clinic().timeZone));
    const overlap = invoiceOverlap(ctx, params);
    const found = (cached(ctx.sqlite, PROVIDER_TOTALS_SQL).all({ ...params, nowAt: ctx.now.toISOString() }) as (Figures & { staffId: number | null })[])
      .filter((r) => providerId === undefined || r.staffId === providerId)
      .map((r) => ({ ...r, invoices: r.invoices - overlap('staff', r.staffId ?? 0) }));
    const name = await staffNames(ctx);
    const rows: SalesByProvider['rows'] = found
      .map((r) => ({
        ...r,
        name: name(r.staffId),
        averageTicketCents: averageOf(r.netCents, r.invoices),
        rebookingRateBp: rateBp(r.rebooked, r.patients),
      }))
      .sort((a, b) => b.netCents - a.netCents || (a.staffId === null ? 1 : b.staffId === null ? -1 : a.name.localeCompare(b.name)));

    // Invoices and patients are summed over providers: an invoice two providers sold on is a ticket of each.
    const keys: (keyof Figures)[] = ['servicesCents', 'retailCents', 'packagesCents', 'otherCents', 'refundsCents', 'netCents', 'invoices', 'patients', 'rebooked'];
    const totals = Object.fromEntries(keys.map((k) => [k, sumOf(found, k)])) as Figures;
    return {
      from,
      to,
      packageRevenue: ctx.clinic().packageRevenue,
      rows,
      totals: { ...totals, averageTicketCents: averageOf(totals.netCents, totals.invoices), rebookingRateBp: rateBp(totals.rebooked, totals.patients) },
      emptyText: rows.length ? null : 'No sales in this period: each provider’s services, retail and packages sold between these dates show here.',
    };
  },
};
