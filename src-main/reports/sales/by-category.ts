import type { CategoryKey, SalesByCategory } from '../../../src-shared/contract/reports-sales';
import type { HandlerContext, HandlerMap } from '../../core/registry';
import { cached } from '../../core/db';
import { CATEGORY_REPORT_SQL, CATEGORY_TOTALS_SQL } from './queries';
import { averageOf, boundsOf, categoryNames, comparisonOf, entryParams, invoiceOverlap, rateBp, trendBuckets } from './period';

interface CategoryGroup {
  category: CategoryKey | '*';
  day: string | null;
  amountCents: number;
  refundsCents: number;
  count: number;
}

/** Per category: net sales, refunds, invoices; `all` is the clinic's line; `days` the trend rows (report query only). */
function groupsOf(ctx: HandlerContext, from: string, to: string, withTrend: boolean) {
  const params = entryParams(ctx, boundsOf(from, to, ctx.clinic().timeZone));
  const { mode } = params;
  const rows = (withTrend ? cached(ctx.sqlite, CATEGORY_REPORT_SQL) : cached(ctx.sqlite, CATEGORY_TOTALS_SQL)).all({ from, to, mode }) as CategoryGroup[];
  const overlap = invoiceOverlap(ctx, params);
  const totals = rows.filter((r) => r.day === null).map((r) => ({ ...r, count: r.count - overlap(r.category === '*' ? 'all' : 'category', r.category) }));
  const all = totals.find((r) => r.category === '*');
  return {
    all: { amountCents: all?.amountCents ?? 0, refundsCents: all?.refundsCents ?? 0, count: all?.count ?? 0 },
    categories: totals.filter((r): r is CategoryGroup & { category: CategoryKey } => r.category !== '*'),
    days: rows.filter((r) => r.day !== null) as (CategoryGroup & { category: CategoryKey; day: string })[],
  };
}

const change = (amount: number, before: number | null) => ({
  compareAmountCents: before,
  changeCents: before === null ? null : amount - before,
  changeBp: before === null ? null : rateBp(amount - before, before),
});

export const byCategoryHandlers: HandlerMap<'reports.salesByCategory'> = {
  'reports.salesByCategory': async ({ from, to, compareWith }, ctx) => {
    const name = await categoryNames(ctx);
    const current = groupsOf(ctx, from, to, true);
    const comparePeriod = comparisonOf(from, to, compareWith);
    const earlier = comparePeriod ? groupsOf(ctx, comparePeriod.from, comparePeriod.to, false) : null;
    const before = earlier ? new Map(earlier.categories.map((t) => [t.category, t.amountCents])) : null;

    const total = current.all.amountCents;
    // A category sold only in the comparison period still shows, at zero, so its fall is visible.
    const byKey = new Map(current.categories.map((t) => [t.category, t]));
    const keys = new Set<CategoryKey>([...byKey.keys(), ...(before ? before.keys() : [])]);
    const rows: SalesByCategory['rows'] = [...keys].map((category) => {
      const t = byKey.get(category) ?? { amountCents: 0, refundsCents: 0, count: 0 };
      return {
        category,
        name: name(category),
        amountCents: t.amountCents,
        shareBp: rateBp(t.amountCents, total),
        count: t.count,
        averageSaleCents: averageOf(t.amountCents, t.count),
        refundsCents: t.refundsCents,
        ...change(t.amountCents, before ? (before.get(category) ?? 0) : null),
      };
    });
    rows.sort((a, b) => b.amountCents - a.amountCents || a.name.localeCompare(b.name));

    const trend = trendBuckets(from, to);
    const index = new Map(trend.buckets.map((b, i) => [b, i]));
    const series = new Map(rows.map((r) => [r.category, new Array<number>(trend.buckets.length).fill(0)]));
    for (const d of current.days) {
      const i = index.get(trend.bucketOf(d.day));
      const amounts = series.get(d.category);
      if (amounts && i !== undefined) amounts[i] += d.amountCents;
    }

    return {
      from,
      to,
      comparePeriod,
      packageRevenue: ctx.clinic().packageRevenue,
      rows,
      totals: {
        amountCents: total,
        count: current.all.count,
        averageSaleCents: averageOf(total, current.all.count),
        refundsCents: current.all.refundsCents,
        ...change(total, earlier ? earlier.all.amountCents : null),
      },
      trend: { granularity: trend.granularity, buckets: trend.buckets, series: rows.map((r) => ({ category: r.category, name: r.name, amountsCents: series.get(r.category)! })) },
      emptyText: rows.length ? null : 'No sales in this period: issued invoices, refunds and package redemptions between these dates show here.',
    };
  },
};
