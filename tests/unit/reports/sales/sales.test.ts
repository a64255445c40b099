import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Story, arrangeStory } from './arrange';
import { couponRoiDocument, referralRoiDocument, salesByCategoryDocument, salesByProviderDocument } from '../../../../src-shared/reports/sales';

// Every figure below is worked out by hand from the story in arrange.ts (amounts in cents).
let s: Story;
beforeAll(async () => {
  s = await arrangeStory();
}, 60_000);
afterAll(() => s?.clinic.close());

const JANUARY = { from: '2026-01-01', to: '2026-01-31' };
const FEBRUARY = { from: '2026-02-01', to: '2026-02-28' };

describe('sales by category', () => {
  it('counts January’s lines by the local day of issue: the 23:30 sale on the 31st is January’s, the void and the gift card are nothing', async () => {
    const report = await s.clinic.call('reports.salesByCategory', JANUARY);
    const { neurotoxin, filler, consult } = s.categories;
    expect(report.rows.map((r) => [r.category, r.amountCents, r.shareBp, r.count, r.averageSaleCents, r.refundsCents, r.compareAmountCents, r.changeBp])).toEqual([
      [neurotoxin, 60_000, 5714, 2, 30_000, 0, 0, null], // A and B
      [filler, 40_000, 3810, 1, 40_000, 0, 0, null], // A (C was voided)
      [consult, 5_000, 476, 1, 5_000, 0, 0, null], // D (its gift card is money held, not a sale)
    ]);
    expect(report.totals).toEqual({ amountCents: 105_000, count: 3, averageSaleCents: 35_000, refundsCents: 0, compareAmountCents: 0, changeCents: 105_000, changeBp: null });
    expect(report.comparePeriod).toEqual({ from: '2025-12-01', to: '2025-12-31' });
    expect(report.trend.granularity).toBe('day');
    const neuro = report.trend.series.find((t) => t.category === neurotoxin)!.amountsCents;
    expect(neuro[9]).toBe(30_000); // the 10th
    expect(neuro[30]).toBe(30_000); // the 31st, at 23:30 local
    expect(neuro.reduce((a, b) => a + b, 0)).toBe(60_000);
  });

  it('takes February’s credit note off February, counts the package when sold and the visit it paid as nothing, and compares with January', async () => {
    const report = await s.clinic.call('reports.salesByCategory', FEBRUARY);
    const { neurotoxin, filler, consult } = s.categories;
    expect(report.rows.map((r) => [r.category, r.amountCents, r.shareBp, r.count, r.averageSaleCents, r.refundsCents, r.compareAmountCents, r.changeCents, r.changeBp])).toEqual([
      [neurotoxin, 99_000, 10_000, 3, 33_000, 0, 60_000, 39_000, 6500], // E 240 + G 750 + H 0
      [consult, 0, 0, 0, null, 0, 5_000, -5_000, -10_000], // sold only in January
      [filler, 0, 0, 1, 0, 40_000, 40_000, -40_000, -10_000], // I 400 − A's refund 400
    ]);
    expect(report.totals).toMatchObject({ amountCents: 99_000, count: 4, refundsCents: 40_000, compareAmountCents: 105_000, changeCents: -6_000, changeBp: -571 });
  });

  it('at redemption, leaves the package out when sold and counts a third of it on the day a session is used', async () => {
    await s.clinic.call('reports.saveSalesSettings', { packageRevenue: 'redemption' });
    try {
      const report = await s.clinic.call('reports.salesByCategory', { ...FEBRUARY, compareWith: 'none' });
      expect(report.packageRevenue).toBe('redemption');
      const neuro = report.rows.find((r) => r.category === s.categories.neurotoxin)!;
      expect([neuro.amountCents, neuro.count, neuro.averageSaleCents, neuro.compareAmountCents]).toEqual([49_000, 2, 24_500, null]); // E 240 + H's 250
      expect(report.trend.series.find((t) => t.category === s.categories.neurotoxin)!.amountsCents[19]).toBe(25_000); // the 20th
      expect(report.totals.amountCents).toBe(49_000);
    } finally {
      await s.clinic.call('reports.saveSalesSettings', { packageRevenue: 'sale' });
    }
  });

  it('puts each sale of the DST week on its own local day (23:30 on both sides of the change)', async () => {
    const week = await s.clinic.call('reports.salesByCategory', { from: '2026-03-02', to: '2026-03-08', compareWith: 'none' });
    const consult = week.trend.series.find((t) => t.category === s.categories.consult)!;
    expect(week.trend.buckets.slice(5)).toEqual(['2026-03-07', '2026-03-08']);
    expect(consult.amountsCents).toEqual([0, 0, 0, 0, 0, 5_000, 5_000]);
    const sunday = await s.clinic.call('reports.salesByCategory', { from: '2026-03-08', to: '2026-03-08', compareWith: 'previousPeriod' });
    expect(sunday.totals).toMatchObject({ amountCents: 5_000, count: 1, compareAmountCents: 5_000, changeCents: 0, changeBp: 0 });
  });

  it('charts a period longer than a month by month', async () => {
    const report = await s.clinic.call('reports.salesByCategory', { from: '2026-01-01', to: '2026-03-31', compareWith: 'lastYear' });
    expect(report.trend.granularity).toBe('month');
    expect(report.trend.buckets).toEqual(['2026-01', '2026-02', '2026-03']);
    expect(report.trend.series.find((t) => t.category === s.categories.neurotoxin)!.amountsCents).toEqual([60_000, 99_000, 0]);
    expect(report.comparePeriod).toEqual({ from: '2025-01-01', to: '2025-03-31' });
    expect(report.totals.amountCents).toBe(105_000 + 99_000 + 10_000);
  });
});

describe('sales by provider', () => {
  it('splits services, packages and refunds per provider, with tickets, patients and who rebooked', async () => {
    const report = await s.clinic.call('reports.salesByProvider', { from: '2026-01-01', to: '2026-02-28' });
    const { ana, ben } = s.staff;
    const pick = (r: (typeof report.rows)[number]) => [
      r.staffId,
      r.servicesCents,
      r.packagesCents,
      r.refundsCents,
      r.netCents,
      r.invoices,
      r.averageTicketCents,
      r.patients,
      r.rebooked,
      r.rebookingRateBp,
    ];
    expect(report.rows.map(pick)).toEqual([
      // A 300 + B 300 + D 50 + H 0 (paid by the package) + I 400. Paula (03-15) and Quinn (06-01, ahead) rebooked;
      // Rosa's visit was cancelled, Tom's was the day of I, not later.
      [ana, 105_000, 0, 0, 105_000, 5, 21_000, 4, 2, 5000],
      [null, 0, 75_000, 0, 75_000, 1, 75_000, 0, 0, null], // G, sold by nobody
      // A 400 + E 240 − A's refund 400; Paula (03-15) and Tom (02-25, 15 days after E) rebooked.
      [ben, 64_000, 0, 40_000, 24_000, 2, 12_000, 2, 2, 10_000],
    ]);
    expect(report.rows.map((r) => r.name)).toEqual(['Ana Alves', 'No provider', 'Ben Brook']);
    expect(report.totals).toMatchObject({ servicesCents: 169_000, packagesCents: 75_000, refundsCents: 40_000, netCents: 204_000, invoices: 8, averageTicketCents: 25_500, patients: 6, rebooked: 4, rebookingRateBp: 6667 });
  });

  it('at redemption, gives the package’s share to the provider of the visit it paid', async () => {
    await s.clinic.call('reports.saveSalesSettings', { packageRevenue: 'redemption' });
    try {
      const report = await s.clinic.call('reports.salesByProvider', { ...FEBRUARY, providerId: s.staff.ana });
      expect(report.rows.map((r) => [r.staffId, r.servicesCents, r.packagesCents, r.netCents, r.invoices, r.patients])).toEqual([[s.staff.ana, 65_000, 0, 65_000, 2, 2]]); // H's 250 + I 400
    } finally {
      await s.clinic.call('reports.saveSalesSettings', { packageRevenue: 'sale' });
    }
  });
});

describe('coupon ROI', () => {
  it('counts SPRING once (the voided use is taken back), its revenue, Tom’s later purchase, one new patient and the campaign’s cost', async () => {
    const report = await s.clinic.call('reports.couponRoi', FEBRUARY);
    const pick = (r: (typeof report.coupons)[number]) => [r.name, r.redemptions, r.discountCents, r.revenueCents, r.laterRevenueCents, r.newPatients, r.costCents, r.roiBp];
    expect(report.coupons.map(pick)).toEqual([
      // (240 + 400 − 60 − 200) ÷ (60 + 200) = 146.15 %
      ['Spring 20 %', 1, 6_000, 24_000, 40_000, 1, 20_000, 14_615],
      ['VIP 50 off', 0, 0, 0, 0, 0, 0, null], // no discount given: the whole cost is SPRING's
    ]);
    expect(report.campaigns).toEqual([
      { campaignId: s.campaign, name: 'Spring mailer', channel: 'Mail', redemptions: 1, discountCents: 6_000, revenueCents: 24_000, laterRevenueCents: 40_000, newPatients: 1, costCents: 20_000, roiBp: 14_615 },
    ]);
    expect(report.totals.roiBp).toBe(14_615);
  });
});

describe('referral ROI', () => {
  it('follows January’s leads per source: conversion, first-year and lifetime revenue (refund taken off), cost and ROI', async () => {
    const report = await s.clinic.call('reports.referralRoi', JANUARY);
    const pick = (r: (typeof report.rows)[number]) => [r.name, r.leads, r.patients, r.conversionBp, r.firstYearRevenueCents, r.lifetimeRevenueCents, r.costCents, r.costPerPatientCents, r.roiBp];
    expect(report.rows.map(pick)).toEqual([
      ['Flyers', 0, 0, null, 0, 0, 0, null, null],
      // Paula: A 700 − 400 refund + D 50 = 350; Quinn: B 300. (650 − 310) ÷ 310 = 109.68 %
      ['Instagram ads', 2, 2, 10_000, 65_000, 65_000, 31_000, 15_500, 10_968],
      ['Referred by a patient', 1, 1, 10_000, 75_000, 75_000, 0, null, null], // Rosa: G 750, H paid by it
      ['Unknown', 1, 0, 0, 0, 0, 0, null, null], // Sam: only a voided invoice
    ]);
    expect(report.totals).toEqual({
      leads: 4,
      patients: 3,
      conversionBp: 7500,
      firstYearRevenueCents: 140_000,
      lifetimeRevenueCents: 140_000,
      costCents: 31_000,
      costPerPatientCents: 10_333,
      roiBp: 35_161,
    });
  });
});

describe('documents (the print family)', () => {
  const meta = { clinicName: 'Lumen Test Clinic', generatedAt: '2026-03-10T15:00:00.000Z', timeZone: 'America/New_York' };
  it('prints each report with its period, figures, ranked table and totals line', async () => {
    const byCategory = salesByCategoryDocument(await s.clinic.call('reports.salesByCategory', FEBRUARY), meta);
    expect([byCategory.title, byCategory.from, byCategory.to, byCategory.orientation]).toEqual(['Sales by category', '2026-02-01', '2026-02-28', 'landscape']);
    const table = byCategory.sections.find((x) => x.kind === 'table')!;
    expect(table.kind === 'table' && [table.rows.map((r) => r.name), table.totals?.amountCents, table.totals?.changeBp]).toEqual([['Neurotoxin', 'Consultation', 'Dermal filler'], 99_000, -571]);
    const byProvider = salesByProviderDocument(await s.clinic.call('reports.salesByProvider', { from: '2026-01-01', to: '2026-02-28' }), meta);
    const providers = byProvider.sections.find((x) => x.kind === 'table')!;
    expect(providers.kind === 'table' && [providers.rows.map((r) => r.name), providers.totals?.netCents, providers.totals?.rebookingRateBp]).toEqual([['Ana Alves', 'No provider', 'Ben Brook'], 204_000, 6667]);
    const coupons = couponRoiDocument(await s.clinic.call('reports.couponRoi', FEBRUARY), meta);
    expect(coupons.sections.filter((x) => x.kind === 'table').map((t) => t.kind === 'table' && t.rows.length)).toEqual([1, 2]);
    const referral = referralRoiDocument(await s.clinic.call('reports.referralRoi', JANUARY), meta);
    const sources = referral.sections.find((x) => x.kind === 'table')!;
    expect(sources.kind === 'table' && sources.totals).toMatchObject({ name: 'Total', leads: 4, costPerPatientCents: 10_333, roiBp: 35_161 });
  });
});
