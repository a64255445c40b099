import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allocate } from '../../../../src-main/reports/sales/period';
import { costOverPeriod } from '../../../../src-main/reports/sales/referral-roi';
import { type TestClinic, openTestClinic } from '../../../support/clinic';

/** Every number in a report, found anywhere in it. */
function numbers(value: unknown): number[] {
  if (typeof value === 'number') return [value];
  if (value && typeof value === 'object') return Object.values(value).flatMap(numbers);
  return [];
}

describe('an empty clinic', () => {
  let clinic: TestClinic;
  beforeAll(async () => {
    clinic = await openTestClinic({ now: '2026-03-10T15:00:00Z', timeZone: 'America/New_York', country: 'US', currency: 'USD' });
  });
  afterAll(() => clinic.close());
  const YEAR = { from: '2026-01-01', to: '2026-12-31' };

  it('gives zeros, no rates (null, shown “—”) and a helpful text, never NaN', async () => {
    const byCategory = await clinic.call('reports.salesByCategory', YEAR);
    expect([byCategory.rows, byCategory.totals]).toEqual([[], { amountCents: 0, count: 0, averageSaleCents: null, refundsCents: 0, compareAmountCents: 0, changeCents: 0, changeBp: null }]);
    expect(byCategory.trend).toEqual({ granularity: 'month', buckets: ['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11', '2026-12'], series: [] });
    const byProvider = await clinic.call('reports.salesByProvider', YEAR);
    expect(byProvider.totals).toEqual({ servicesCents: 0, retailCents: 0, packagesCents: 0, otherCents: 0, refundsCents: 0, netCents: 0, invoices: 0, averageTicketCents: null, patients: 0, rebooked: 0, rebookingRateBp: null });
    const coupons = await clinic.call('reports.couponRoi', YEAR);
    expect([coupons.coupons, coupons.campaigns, coupons.totals.roiBp]).toEqual([[], [], null]);
    const referral = await clinic.call('reports.referralRoi', YEAR);
    expect(referral.totals).toEqual({ leads: 0, patients: 0, conversionBp: null, firstYearRevenueCents: 0, lifetimeRevenueCents: 0, costCents: 0, costPerPatientCents: null, roiBp: null });
    const rows = await clinic.call('reports.salesRows', { report: 'salesByCategory', key: 'retail', ...YEAR });
    expect([rows.total, rows.table.rows, rows.table.totals]).toEqual([0, [], { amountCents: 0 }]);
    for (const report of [byCategory, byProvider, coupons, referral, rows]) {
      expect(numbers(report).every(Number.isFinite)).toBe(true);
      if ('emptyText' in report) expect(report.emptyText).toMatch(/\w+/);
    }
  });
});

describe('money shared out', () => {
  it('costs a monthly amount pro rata by the days of each month the period touches', () => {
    expect(costOverPeriod(31_000, '2026-01-01', '2026-01-31')).toBe(31_000);
    // 17 of January’s 31 days (170.00) and 14 of February’s 28 (155.00)
    expect(costOverPeriod(31_000, '2026-01-15', '2026-02-14')).toBe(32_500);
    expect(costOverPeriod(30_000, '2026-01-01', '2026-12-31')).toBe(360_000);
    expect(costOverPeriod(10_000, '2024-02-29', '2024-02-29')).toBe(345); // 100.00 ÷ 29, half up
  });

  it('shares a campaign’s cost by discount given, by largest remainder, equally when none was given', () => {
    expect(allocate(20_000, [6_000, 0])).toEqual([20_000, 0]);
    expect(allocate(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(allocate(1_000, [200, 300, 500])).toEqual([200, 300, 500]);
    expect(allocate(10, [0, 0])).toEqual([5, 5]);
    expect(allocate(7, [-3, 1])).toEqual([0, 7]);
  });
});
