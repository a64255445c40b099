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
  INVOICE_OVERLAP_SQL,
  INVOICE_REVENUE_SQL,
  LEAD_REVENUE_SQL,
  LEADS_SQL,
  PROVIDER_TOTALS_SQL,
  SCOPE_REVENUE_SQL,
} from '../reports/index';
import type { FloorStatement, Operation } from './measure';

/** A year-long report takes tens of milliseconds: fewer runs than a quick lookup. */
const RUNS = { warmUp: 20, timed: 100 };
const TARGET_P95_MS = 200;

type Setting = 'sale' | 'redemption';

/** The rows' names when packages count at redemption (a clinic setting; the demo counts them at sale). */
const AT_REDEMPTION = ' (packages counted at redemption)';

/**
 * "sales by category", "sales by provider", "coupon ROI", "referral ROI": each over the demo's last full calendar
 * year, as a manager runs it, beside its floor — the handler's own SQL texts (reports/sales/queries.ts) with the same
 * parameters, run raw. The few small name reads (categories, staff, sources) are left out of the floor. Then the four
 * again with packages counted at redemption, which reads package redemptions the other setting never does.
 */
export async function reportSalesOperations(registry: Registry, sqlite: Sqlite, now: Date): Promise<Operation[]> {
  const conn = newConnection('cli');
  await registry.call('auth.signIn', { username: 'manager', password: DEMO_PASSWORD }, conn);
  const { timeZone, packageRevenue } = sqlite.prepare('SELECT timeZone, packageRevenue FROM clinic').get() as { timeZone: string; packageRevenue: Setting };
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

  const countPackages = (mode: Setting) => () => registry.call('reports.saveSalesSettings', { packageRevenue: mode }, conn);
  const atRedemption = { apply: countPackages('redemption'), restore: countPackages(packageRevenue) };
  return [...reports(packageRevenue, ''), ...reports('redemption', AT_REDEMPTION, atRedemption)];

  function reports(mode: Setting, suffix: string, under?: Operation['under']): Operation[] {
    const report = (name: string, method: 'reports.salesByCategory' | 'reports.salesByProvider' | 'reports.couponRoi' | 'reports.referralRoi', floor: FloorStatement[]): Operation => ({
      name: name + suffix,
      targetP95Ms: TARGET_P95_MS,
      runs: RUNS,
      call: () => registry.call(method, period, conn),
      floor: () => floor,
      under,
    });
    return [
      report('sales by category', 'reports.salesByCategory', [
        { sql: CATEGORY_REPORT_SQL, params: { from, to, mode } },
        { sql: INVOICE_OVERLAP_SQL, params: { fromAt: year.fromAt, toAt: year.toAt, mode } },
        { sql: CATEGORY_TOTALS_SQL, params: { from: before.from, to: before.to, mode } },
        { sql: INVOICE_OVERLAP_SQL, params: { fromAt: previous.fromAt, toAt: previous.toAt, mode } },
      ]),
      report('sales by provider', 'reports.salesByProvider', [
        { sql: INVOICE_OVERLAP_SQL, params: { fromAt: year.fromAt, toAt: year.toAt, mode } },
        { sql: PROVIDER_TOTALS_SQL, params: { from, to, fromAt: year.fromAt, toAt: year.toAt, mode, nowAt } },
      ]),
      report('coupon ROI', 'reports.couponRoi', [
        { sql: COUPON_USES_SQL, params: { fromAt: year.fromAt, toAt: year.toAt } },
        { sql: COUPONS_SQL, params: { from, to, fromAt: year.fromAt, toAt: year.toAt } },
        { sql: INVOICE_REVENUE_SQL, params: { invoices: coupons.invoices, mode } },
        { sql: SCOPE_REVENUE_SQL, params: { scope: coupons.later, mode } },
      ]),
      report('referral ROI', 'reports.referralRoi', [
        { sql: LEADS_SQL, params: { fromAt: year.fromAt, toAt: year.toAt } },
        { sql: LEAD_REVENUE_SQL, params: { fromAt: year.fromAt, toAt: year.toAt, nowAt, mode, source: null, byPatient: 0 } },
      ]),
    ];
  }
}
