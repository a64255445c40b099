import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FieldErrors, LumenErrorShape } from '../../../../src-shared/errors';
import { type Story, arrangeStory } from './arrange';

let s: Story;
beforeAll(async () => {
  s = await arrangeStory();
}, 60_000);
afterAll(() => s?.clinic.close());

const FEBRUARY = { from: '2026-02-01', to: '2026-02-28' };
const sum = (rows: Record<string, unknown>[], key: string) => rows.reduce((total, r) => total + (r[key] as number), 0);

async function refusal(call: Promise<unknown>): Promise<LumenErrorShape> {
  try {
    await call;
  } catch (error) {
    return error as LumenErrorShape;
  }
  throw new Error('The call was not refused');
}

describe('the rows behind a figure', () => {
  it('lists February’s Neurotoxin sales (E, G, and H paid by the package) adding up to the figure, page by page', async () => {
    const all = await s.clinic.call('reports.salesRows', { report: 'salesByCategory', key: s.categories.neurotoxin, ...FEBRUARY });
    expect(all.total).toBe(3);
    expect(all.table.rows.map((r) => [r.invoiceId, r.date, r.amountCents])).toEqual([
      [s.invoices.E, '2026-02-10', 24_000],
      [s.invoices.G, '2026-02-12', 75_000],
      [s.invoices.H, '2026-02-20', 0],
    ]);
    expect(sum(all.table.rows, 'amountCents')).toBe(99_000);
    expect(all.table.totals).toEqual({ amountCents: 99_000 });
    const second = await s.clinic.call('reports.salesRows', { report: 'salesByCategory', key: s.categories.neurotoxin, ...FEBRUARY, limit: 2, offset: 2 });
    expect([second.total, second.table.rows.map((r) => r.invoiceId), second.table.totals]).toEqual([3, [s.invoices.H], { amountCents: 99_000 }]);
  });

  it('lists a provider’s sales and refunds: Ben’s January and February add up to his net 240', async () => {
    const rows = await s.clinic.call('reports.salesRows', { report: 'salesByProvider', key: s.staff.ben, from: '2026-01-01', to: '2026-02-28' });
    expect(rows.table.rows.map((r) => [r.entry, r.invoiceId, r.amountCents])).toEqual([
      ['Sale', s.invoices.A, 40_000],
      ['Refund', s.invoices.A, -40_000],
      ['Sale', s.invoices.E, 24_000],
    ]);
    expect(rows.table.totals).toEqual({ amountCents: 24_000 });
    const nobody = await s.clinic.call('reports.salesRows', { report: 'salesByProvider', key: 'none', ...FEBRUARY });
    expect(nobody.table.rows.map((r) => [r.invoiceId, r.amountCents])).toEqual([[s.invoices.G, 75_000]]);
  });

  it('at redemption, shows the package’s share on the visit it paid', async () => {
    await s.clinic.call('reports.saveSalesSettings', { packageRevenue: 'redemption' });
    try {
      const rows = await s.clinic.call('reports.salesRows', { report: 'salesByCategory', key: s.categories.neurotoxin, ...FEBRUARY });
      expect(rows.table.rows.map((r) => [r.entry, r.invoiceId, r.amountCents])).toEqual([
        ['Sale', s.invoices.E, 24_000],
        ['Sale', s.invoices.H, 0],
        ['Package redemption', s.invoices.H, 25_000],
      ]);
      expect(rows.table.totals).toEqual({ amountCents: 49_000 });
    } finally {
      await s.clinic.call('reports.saveSalesSettings', { packageRevenue: 'sale' });
    }
  });

  it('lists the invoices that used a coupon, the voided one at zero uses, adding up to the coupon’s figures', async () => {
    const rows = await s.clinic.call('reports.salesRows', { report: 'couponRoi', key: s.coupons.spring, ...FEBRUARY });
    expect(rows.table.rows.map((r) => [r.invoiceId, r.status, r.uses, r.discountCents, r.revenueCents, r.laterRevenueCents, r.newPatient])).toEqual([
      [s.invoices.E, 'Redeemed', 1, 6_000, 24_000, 40_000, 1],
      [s.invoices.F, 'Voided', 0, 0, 0, 0, 0],
    ]);
    expect(rows.table.totals).toEqual({ uses: 1, discountCents: 6_000, revenueCents: 24_000, laterRevenueCents: 40_000, newPatient: 1 });
  });

  it('lists a source’s leads with their revenue, adding up to the source’s figures', async () => {
    const rows = await s.clinic.call('reports.salesRows', { report: 'referralRoi', key: s.sources.instagram, from: '2026-01-01', to: '2026-01-31' });
    expect(rows.table.rows.map((r) => [r.patientId, r.firstPurchase, r.firstYearRevenueCents, r.lifetimeRevenueCents])).toEqual([
      [s.patients.paula, '2026-01-10', 35_000, 35_000],
      [s.patients.quinn, '2026-01-31', 30_000, 30_000],
    ]);
    expect(rows.table.totals).toEqual({ patient: 2, firstYearRevenueCents: 65_000, lifetimeRevenueCents: 65_000 });
  });
});

describe('refusals', () => {
  it('refuses a reversed period beside its end, and unknown providers, categories, coupons and sources, changing nothing', async () => {
    const auditBefore = s.clinic.count('audit');
    const reversed = await refusal(s.clinic.call('reports.salesByCategory', { from: '2026-02-01', to: '2026-01-31' }));
    expect([reversed.code, Object.keys((reversed.details as FieldErrors).fieldErrors)]).toEqual(['invalid_input', ['to']]);
    const missingEnd = await refusal(s.clinic.call('reports.couponRoi', { from: '2026-02-01' } as never));
    expect(missingEnd.code).toBe('invalid_input');
    expect((await refusal(s.clinic.call('reports.salesByProvider', { ...FEBRUARY, providerId: 999_999 }))).code).toBe('not_found');
    for (const [report, key] of [
      ['salesByCategory', 999_999],
      ['salesByProvider', 999_999],
      ['couponRoi', 999_999],
      ['referralRoi', 999_999],
    ] as const)
      expect((await refusal(s.clinic.call('reports.salesRows', { report, key, ...FEBRUARY }))).code).toBe('not_found');
    expect((await refusal(s.clinic.call('reports.salesRows', { report: 'salesByCategory', key: 'patient', ...FEBRUARY }))).code).toBe('invalid_input');
    expect((await refusal(s.clinic.call('reports.saveSalesSettings', { packageRevenue: 'whenever' } as never))).code).toBe('invalid_input');
    expect((await s.clinic.call('reports.salesSettings', {})).packageRevenue).toBe('sale');
    expect(s.clinic.count('audit')).toBe(auditBefore);
  });

  it('keeps reports from front desk and practitioners, and audits a change of the package setting', async () => {
    const desk = await s.clinic.as('frontDesk');
    expect((await refusal(desk.call('reports.salesByCategory', FEBRUARY))).code).toBe('forbidden');
    const practitioner = await s.clinic.as('practitioner');
    expect((await refusal(practitioner.call('reports.couponRoi', FEBRUARY))).code).toBe('forbidden');
    const manager = await s.clinic.as('manager');
    expect((await manager.call('reports.salesByProvider', FEBRUARY)).rows.length).toBeGreaterThan(0);
    await manager.call('reports.saveSalesSettings', { packageRevenue: 'redemption' });
    await manager.call('reports.saveSalesSettings', { packageRevenue: 'sale' });
    const audited = await s.clinic.call('audit.list', { entity: 'clinic' });
    expect(JSON.stringify(audited)).toContain('Package revenue now counts as its units are redeemed');
  });
});
