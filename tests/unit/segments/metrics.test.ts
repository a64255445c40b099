import { afterEach, describe, expect, it } from 'vitest';
import { type SegmentClinic, openSegmentClinic } from './clinic';

let s: SegmentClinic | undefined;
afterEach(async () => {
  await s?.clinic.close();
  s = undefined;
});

describe('patient and clinic metrics', () => {
  it('a patient’s tier, RFM, lifetime value and engagement; a lead’s score', async () => {
    s = await openSegmentClinic();
    const c = s.clinic;
    const flyer = (await c.call('catalog.saveReferralSource', { name: 'Flyer', channel: 'print', monthlyCostCents: 12_000 })).id;
    await s.travel('2025-11-23T09:00:00Z');
    const ana = await s.patient('Ana', { referralSourceId: flyer });
    await c.call('patients.setConsent', { patientId: ana, channel: 'email', granted: true, source: 'form' });
    await s.sell(ana, '2025-11-23', [s.services.botox]);
    await s.travel('2026-06-01T09:00:00Z');
    const zoe = await s.patient('Zoe', { referralSourceId: flyer, referredByPatientId: ana });
    await s.sell(ana, '2026-05-23', [s.services.botox, s.services.filler]);
    await s.sell(ana, '2026-11-16', [s.services.botox]);
    await s.toToday();

    expect(await c.call('segments.patientMetrics', { patientId: ana })).toEqual({
      patientId: ana,
      tier: 'active',
      firstVisitDate: '2025-11-23',
      lastVisitDate: '2026-11-16',
      daysSinceLastVisit: 7,
      visits: 3,
      spentCents: 130_000,
      rfm: { recency: 5, frequency: 2, monetary: 2, segment: 'promising', action: 'keepWarm' },
      // 433.33 × 3 a year × 3 years − 120.00 × 12 ÷ the 2 patients the flyer brought this year.
      lifetimeValue: { averagePurchaseCents: 43_333, purchasesPerYear: 3, lifespanYears: 3, acquisitionCostCents: 72_000, valueCents: 317_997 },
      // Recency 39 (7 of 365 days), 3 visits this year 15, nothing booked, contactable 10.
      engagementScore: 64,
      leadScore: null,
    });
    // Zoe never bought: referred by a patient 25, created 175 days ago 5, no consent, no consult booked.
    expect(await c.call('segments.patientMetrics', { patientId: zoe })).toMatchObject({ tier: 'lead', rfm: null, lifetimeValue: null, visits: 0, leadScore: 30 });
    await expect(c.call('segments.patientMetrics', { patientId: 999_999 })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('churn and retention over a period, new patients and the clinic’s lifetime value', async () => {
    s = await openSegmentClinic();
    const c = s.clinic;
    await c.call('catalog.saveReferralSource', { name: 'Flyer', channel: 'print', monthlyCostCents: 12_000 });
    const [kept, gone, late, early, fresh] = [await s.patient('Kept'), await s.patient('Gone'), await s.patient('Late'), await s.patient('Early'), await s.patient('Fresh')];
    // The period starts 2026-01-01; active going in means a purchase from 2025-07-03 (local) on.
    await s.sell(early, '2025-07-02T21:30:00Z', [s.services.peel]); // 23:30 on 2 July in Berlin: not in the window
    await s.sell(late, '2025-07-02T22:30:00Z', [s.services.peel]); // 00:30 on 3 July: in it, and gone by June
    await s.sell(kept, '2025-09-01', [s.services.botox]);
    await s.sell(gone, '2025-10-01', [s.services.botox]);
    await s.sell(fresh, '2026-03-01', [s.services.botox]);
    await s.sell(kept, '2026-05-01', [s.services.botox, s.services.filler]);
    await s.toToday();
    const metrics = await c.call('segments.clinicMetrics', { from: '2026-01-01', to: '2026-06-30' });
    expect(metrics).toMatchObject({ activeAtStart: 3, lost: 2, churnRateBp: 6667, retentionRateBp: 3333, newPatients: 1 });
    // Period sales 300.00 + 700.00 by 2 patients over 181 days; 120.00 a month over the period for 1 new patient.
    expect(metrics.lifetimeValue).toEqual({ averagePurchaseCents: 50_000, purchasesPerYear: 2.02, lifespanYears: 3, acquisitionCostCents: 71_408, valueCents: 303_000 - 71_408 });
    expect(metrics.tierCounts).toMatchObject({ lead: 0, new: 0, active: 0, sleeping: 2, deepSleep: 3 });
    expect(Object.values(metrics.rfmCounts).reduce((a, b) => a + b, 0)).toBe(5);
    await expect(c.call('segments.clinicMetrics', { from: '2026-07-01', to: '2026-06-30' })).rejects.toMatchObject({ code: 'invalid_input' });
    const desk = await c.as('frontDesk');
    await expect(desk.call('segments.clinicMetrics', { from: '2026-01-01', to: '2026-06-30' })).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('the new tier turns on the clinic-local day across the autumn DST change, in the filter and the rows alike', async () => {
    s = await openSegmentClinic();
    const [edge, before] = [await s.patient('Edge'), await s.patient('Before')];
    // Today 2026-11-23 (UTC+1); 90 days back is 2026-08-25, which began at 22:00 UTC on the 24th (UTC+2).
    await s.sell(edge, '2026-08-24T22:30:00Z', [s.services.peel]);
    await s.sell(before, '2026-08-24T21:30:00Z', [s.services.peel]);
    await s.toToday();
    const run = await s.clinic.call('segments.run', { query: {} });
    expect(Object.fromEntries(run.rows.map((row) => [row.name, row.tier]))).toEqual({ 'Edge Kunde': 'new', 'Before Kunde': 'active' });
    expect((await s.clinic.call('segments.run', { query: { tiers: ['new'] } })).rows.map((row) => row.id)).toEqual([edge]);
    // A manager moves the threshold; the tiers follow, refused settings change nothing.
    await expect(s.clinic.call('segments.saveSettings', { ...(await s.clinic.call('segments.settings', {})), activeDays: 30 })).rejects.toMatchObject({
      code: 'invalid_input',
      details: { fieldErrors: { newDays: [expect.any(String)] } },
    });
    expect(s.clinic.count('segmentSettings')).toBe(0);
    await s.clinic.call('segments.saveSettings', { ...(await s.clinic.call('segments.settings', {})), newDays: 60, activeDays: 80 });
    expect((await s.clinic.call('segments.run', { query: {} })).rows.map((row) => row.tier)).toEqual(['sleeping', 'sleeping']);
  });
});
