import { localDate } from '../../src-shared/time';
import type { Sqlite } from '../core/db';
import type { Registry } from '../core/registry';
import { newConnection } from '../core/session';
import { DEMO_PASSWORD } from '../demo/index';
import {
  boundsOf,
  CATEGORY_REPORT_SQL,
  CATEGORY_TOTALS_SQL,
  comparisonOf,
  COUPON_USES_SQL,
  COUPONS_SQL,
  couponScopes,
  type CouponUse,
  INVOICE_REVENUE_SQL,
  type Lead,
  LEADS_SQL,
  leadScopes,
  PROVIDER_TOTALS_SQL,
  SCOPE_REVENUE_SQL,
} from '../reports/index';
import { type BenchRow, type FloorStatement, percentile, queryPlan, round3 } from './measure';

/** A year-long report takes tens of milliseconds: a few warm-up runs, then this many timed (calls and floors alternate). */
const WARM_UP = 5;
const TIMED = 40;
const TARGET_P95_MS = 200;

interface ReportRow {
  name: string;
  call(): Promise<unknown>;
  floor: FloorStatement[];
}

/**
 * "sales by category", "sales by provider", "coupon ROI", "referral ROI": each over the demo's last full calendar
 * year, as a manager runs it, beside its floor — the handler's own SQL texts (reports/sales/queries.ts) with the same
 * parameters, run raw. The few small name reads (categories, staff, sources) are left out of the floor.
 */
export async function reportSalesRows(registry: Registry, sqlite: Sqlite, now: Date): Promise<{ row: BenchRow; target: number; plans: string[] }[]> {
  const conn = newConnection('cli');
  await registry.call('auth.signIn', { username: 'manager', password: DEMO_PASSWORD }, conn);
  const { timeZone, packageRevenue: mode } = sqlite.prepare('SELECT timeZone, packageRevenue FROM clinic').get() as { timeZone: string; packageRevenue: string };
  const lastYear = Number(localDate(now.toISOString(), timeZone).slice(0, 4)) - 1;
  const from = `${lastYear}-01-01`;
  const to = `${lastYear}-12-31`;
  const year = boundsOf(from, to, timeZone);
  const before = comparisonOf(from, to, 'previousPeriod')!;
  const previous = boundsOf(before.from, before.to, timeZone);
  const nowAt = now.toISOString();
  const period = { from, to };

  const uses = sqlite.prepare(COUPON_USES_SQL).all({ fromAt: year.fromAt, toAt: year.toAt }) as CouponUse[];
  const coupons = couponScopes(uses, year.toAt < nowAt ? year.toAt : nowAt);
  const buyers = (sqlite.prepare(LEADS_SQL).all({ fromAt: year.fromAt, toAt: year.toAt }) as Lead[]).filter((l): l is Lead & { firstAt: string } => l.firstAt !== null);
  const leads = leadScopes(buyers, nowAt);

  const reports: ReportRow[] = [
    {
      name: 'sales by category',
      call: () => registry.call('reports.salesByCategory', period, conn),
      floor: [
        { sql: CATEGORY_REPORT_SQL, params: { fromAt: year.fromAt, toAt: year.toAt, mode, slice: 13 } },
        { sql: CATEGORY_TOTALS_SQL, params: { fromAt: previous.fromAt, toAt: previous.toAt, mode } },
      ],
    },
    {
      name: 'sales by provider',
      call: () => registry.call('reports.salesByProvider', period, conn),
      floor: [{ sql: PROVIDER_TOTALS_SQL, params: { fromAt: year.fromAt, toAt: year.toAt, mode, nowAt } }],
    },
    {
      name: 'coupon ROI',
      call: () => registry.call('reports.couponRoi', period, conn),
      floor: [
        { sql: COUPON_USES_SQL, params: { fromAt: year.fromAt, toAt: year.toAt } },
        { sql: COUPONS_SQL, params: { from, to, fromAt: year.fromAt, toAt: year.toAt } },
        { sql: INVOICE_REVENUE_SQL, params: { invoices: coupons.invoices, mode } },
        { sql: SCOPE_REVENUE_SQL, params: { scope: coupons.later, mode } },
      ],
    },
    {
      name: 'referral ROI',
      call: () => registry.call('reports.referralRoi', period, conn),
      floor: [
        { sql: LEADS_SQL, params: { fromAt: year.fromAt, toAt: year.toAt } },
        { sql: SCOPE_REVENUE_SQL, params: { scope: leads.firstYear, mode } },
        { sql: SCOPE_REVENUE_SQL, params: { scope: leads.lifetime, mode } },
      ],
    },
  ];

  const results: { row: BenchRow; target: number; plans: string[] }[] = [];
  for (const report of reports) {
    const statements = report.floor.map((f) => ({ statement: sqlite.prepare(f.sql), params: f.params }));
    const floor = () => {
      for (const { statement, params } of statements) statement.all(params);
    };
    const time = async (run: () => unknown) => {
      const started = process.hrtime.bigint();
      await run();
      return Number(process.hrtime.bigint() - started) / 1e6;
    };
    for (let i = 0; i < WARM_UP; i++) {
      await report.call();
      floor();
    }
    const calls: number[] = [];
    const floors: number[] = [];
    // Alternating, each first every other round, so a slow patch of the machine hits both alike.
    for (let i = 0; i < TIMED; i++) {
      if (i % 2 === 0) {
        calls.push(await time(report.call));
        floors.push(await time(floor));
      } else {
        floors.push(await time(floor));
        calls.push(await time(report.call));
      }
    }
    calls.sort((a, b) => a - b);
    floors.sort((a, b) => a - b);
    const p50 = percentile(calls, 0.5);
    const floorP50 = percentile(floors, 0.5);
    results.push({
      row: { name: report.name, p50_ms: round3(p50), p95_ms: round3(percentile(calls, 0.95)), floor_p50_ms: round3(floorP50), ratio: Math.round((p50 / floorP50) * 100) / 100 },
      target: TARGET_P95_MS,
      plans: report.floor.map((f) => queryPlan(sqlite, f)),
    });
  }
  return results;
}
