import { describe, expect, it } from 'vitest';
import { SegmentSettings } from '../../../src-shared/contract/segments';
import {
  acquisitionCostCents,
  ascendingScore,
  churnAndRetention,
  engagementScore,
  leadScore,
  patientLifetimeValue,
  recencyScore,
  rfmOf,
  rfmSegmentOf,
  tierOf,
} from '../../../src-main/segments/formulas';
import { defaultSegmentSettings as s } from '../../../src-main/segments/settings';

const bought = (daysSinceFirst: number, daysSinceLast: number, purchases = 1, spentCents = 10_000) => ({ daysSinceFirst, daysSinceLast, purchases, spentCents });

describe('tiers', () => {
  it('lead, new, active, sleeping and deep sleep at the thresholds (90 / 182 / 365 days)', () => {
    expect(tierOf({ daysSinceFirst: null, daysSinceLast: null, purchases: 0, spentCents: 0 }, s)).toBe('lead');
    expect(tierOf(bought(90, 90), s)).toBe('new');
    expect(tierOf(bought(91, 91), s)).toBe('active');
    expect(tierOf(bought(400, 182), s)).toBe('active');
    expect(tierOf(bought(400, 183), s)).toBe('sleeping');
    expect(tierOf(bought(400, 365), s)).toBe('sleeping');
    expect(tierOf(bought(400, 366), s)).toBe('deepSleep');
  });
});

describe('RFM', () => {
  it('scores recency down and frequency and monetary up by the boundaries', () => {
    expect([0, 30, 31, 91, 92, 182, 183, 365, 366].map((days) => recencyScore(days, s.recencyDays))).toEqual([5, 5, 4, 4, 3, 3, 2, 2, 1]);
    expect([1, 2, 3, 4, 6, 7, 10, 11, 50].map((n) => ascendingScore(n, s.frequencyPurchases))).toEqual([1, 2, 2, 3, 3, 4, 4, 5, 5]);
    expect([0, 49_999, 50_000, 150_000, 300_000, 600_000].map((c) => ascendingScore(c, s.monetaryCents))).toEqual([1, 1, 2, 3, 4, 5]);
  });

  it('names the segment, recency first, with the playbook’s action', () => {
    expect(rfmSegmentOf(5, 5, 5)).toBe('champions');
    expect(rfmSegmentOf(4, 4, 3)).toBe('loyal');
    expect(rfmSegmentOf(5, 1, 5)).toBe('promising');
    expect(rfmSegmentOf(3, 3, 1)).toBe('needsAttention');
    expect(rfmSegmentOf(3, 2, 5)).toBe('aboutToSleep');
    expect(rfmSegmentOf(2, 4, 1)).toBe('atRisk');
    expect(rfmSegmentOf(2, 1, 1)).toBe('hibernating');
    expect(rfmSegmentOf(1, 5, 5)).toBe('cantLose');
    expect(rfmSegmentOf(1, 1, 1)).toBe('lost');
    // R > 3 months → offer; 6–12 months → return gift; > 1 year → personal call.
    expect(rfmOf(bought(500, 100, 2, 60_000), s)).toMatchObject({ recency: 3, frequency: 2, monetary: 2, segment: 'aboutToSleep', action: 'offer' });
    expect(rfmOf(bought(500, 200, 1, 60_000), s)?.action).toBe('returnGift');
    expect(rfmOf(bought(900, 400, 12, 700_000), s)).toMatchObject({ segment: 'cantLose', action: 'personalCall' });
    expect(rfmOf(bought(40, 10, 11, 600_000), s)).toMatchObject({ recency: 5, frequency: 5, monetary: 5, segment: 'champions', action: 'keepWarm' });
    expect(rfmOf({ daysSinceFirst: null, daysSinceLast: null, purchases: 0, spentCents: 0 }, s)).toBeNull();
  });
});

describe('settings', () => {
  it('refuse impossible thresholds with the field path', () => {
    const refused = (patch: object) => SegmentSettings.safeParse({ ...s, ...patch }).error?.issues.map((issue) => issue.path.join('.'));
    expect(refused({ newDays: 200 })).toEqual(['newDays']);
    expect(refused({ sleepingDays: 182 })).toEqual(['sleepingDays']);
    expect(refused({ recencyDays: [30, 20, 182, 365] })).toEqual(['recencyDays']);
    expect(refused({ activeDays: 0 })).toContain('activeDays');
    expect(SegmentSettings.safeParse(s).success).toBe(true);
  });
});

describe('lifetime value', () => {
  it('is average purchase × purchases a year × lifespan − acquisition cost', () => {
    // 6 purchases, 1,800.00 spent, over two years: 300.00 × 3 a year × 3 years − 50.00.
    expect(patientLifetimeValue({ spentCents: 180_000, purchases: 6, daysSinceFirst: 730, lifespanYears: 3, acquisitionCostCents: 5_000 })).toEqual({
      averagePurchaseCents: 30_000,
      purchasesPerYear: 3,
      lifespanYears: 3,
      acquisitionCostCents: 5_000,
      valueCents: 265_000,
    });
    // A new patient's two visits in one month count over a whole year, not as 24 a year.
    expect(patientLifetimeValue({ spentCents: 20_000, purchases: 2, daysSinceFirst: 30, lifespanYears: 3, acquisitionCostCents: 0 })?.valueCents).toBe(60_000);
    expect(patientLifetimeValue({ spentCents: 0, purchases: 0, daysSinceFirst: 0, lifespanYears: 3, acquisitionCostCents: 0 })).toBeNull();
  });

  it('acquisition cost is the source’s monthly cost over its new patients a month', () => {
    expect(acquisitionCostCents(100_000, 24)).toBe(50_000);
    expect(acquisitionCostCents(100_000, 0)).toBe(0);
    expect(acquisitionCostCents(10_000, 7)).toBe(17_143);
  });
});

describe('churn, engagement and lead score', () => {
  it('churn is lost over active at the start; retention its complement', () => {
    expect(churnAndRetention(8, 2)).toEqual({ churnRateBp: 2500, retentionRateBp: 7500 });
    expect(churnAndRetention(3, 1)).toEqual({ churnRateBp: 3333, retentionRateBp: 6667 });
    expect(churnAndRetention(0, 0)).toEqual({ churnRateBp: null, retentionRateBp: null });
  });

  it('engagement adds recency, visits, a booked visit and contactability', () => {
    expect(engagementScore({ daysSinceLast: 0, visitsLastYear: 9, hasUpcomingVisit: true, contactable: true }, s)).toBe(100);
    expect(engagementScore({ daysSinceLast: 365, visitsLastYear: 1, hasUpcomingVisit: false, contactable: false }, s)).toBe(5);
    expect(engagementScore({ daysSinceLast: 73, visitsLastYear: 2, hasUpcomingVisit: false, contactable: true }, s)).toBe(32 + 10 + 10);
    expect(engagementScore({ daysSinceLast: null, visitsLastYear: 0, hasUpcomingVisit: true, contactable: false }, s)).toBe(20);
  });

  it('lead score adds a booked consult, a patient referral, consent and freshness', () => {
    expect(leadScore({ consultBooked: true, referredByPatient: true, contactable: true, daysSinceCreated: 3 })).toBe(100);
    expect(leadScore({ consultBooked: false, referredByPatient: false, contactable: true, daysSinceCreated: 60 })).toBe(30);
    expect(leadScore({ consultBooked: false, referredByPatient: false, contactable: false, daysSinceCreated: 400 })).toBe(0);
  });
});
