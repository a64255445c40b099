import type { LifetimeValue, Rfm, RfmSegment, SegmentSettings, SuggestedAction, Tier } from '../../src-shared/contract/segments';
import { divRound } from '../../src-shared/money';

/**
 * The figures of segments as pure functions of numbers already read, so each is unit tested by hand and the SQL
 * compiler (query.ts) builds its CASE expressions from the same rules.
 */

/** What a patient's purchase history says, as of a day: from the purchase projection (patientPurchase). */
export interface Purchases {
  /** Days from the first / last purchase to the as-of day; null for a lead (never bought). */
  daysSinceFirst: number | null;
  daysSinceLast: number | null;
  /** Issued invoices. */
  purchases: number;
  spentCents: number;
}

/** Lead without a purchase; new while the first purchase is recent; then by the last purchase: active, sleeping, deep sleep. */
export function tierOf(p: Purchases, s: SegmentSettings): Tier {
  if (p.daysSinceLast === null || p.daysSinceFirst === null) return 'lead';
  if (p.daysSinceFirst <= s.newDays) return 'new';
  if (p.daysSinceLast <= s.activeDays) return 'active';
  if (p.daysSinceLast <= s.sleepingDays) return 'sleeping';
  return 'deepSleep';
}

/** R: 5 when the last purchase is within the first boundary (days), down to 1 beyond the last. */
export function recencyScore(daysSinceLast: number, boundaries: readonly number[]): number {
  const within = boundaries.findIndex((days) => daysSinceLast <= days);
  return within === -1 ? 1 : 5 - within;
}

/** F and M: 1 below the first boundary, up to 5 from the last (purchases, or minor units spent). */
export function ascendingScore(value: number, boundaries: readonly number[]): number {
  return 1 + boundaries.filter((least) => value >= least).length;
}

/**
 * Segments from the scores, the first rule that matches wins (the classic RFM grid, recency first): recent buyers
 * (R 4–5) are champions, loyal or promising by how often and how much they bought; R 3 needs attention or is about to
 * sleep; R 2 is at risk or hibernating; R 1 can't be lost (was frequent) or is lost.
 */
export const rfmRules: readonly { segment: RfmSegment; minR: number; maxR: number; minF: number; minM: number }[] = [
  { segment: 'champions', minR: 4, maxR: 5, minF: 4, minM: 4 },
  { segment: 'loyal', minR: 4, maxR: 5, minF: 3, minM: 1 },
  { segment: 'promising', minR: 4, maxR: 5, minF: 1, minM: 1 },
  { segment: 'needsAttention', minR: 3, maxR: 3, minF: 3, minM: 1 },
  { segment: 'aboutToSleep', minR: 3, maxR: 3, minF: 1, minM: 1 },
  { segment: 'atRisk', minR: 2, maxR: 2, minF: 3, minM: 1 },
  { segment: 'hibernating', minR: 2, maxR: 2, minF: 1, minM: 1 },
  { segment: 'cantLose', minR: 1, maxR: 1, minF: 3, minM: 1 },
  { segment: 'lost', minR: 1, maxR: 1, minF: 1, minM: 1 },
];

/**
 * The suggested action follows recency, as the clinic's playbook says: with the default boundaries (30, 90, 180, 365
 * days) R 3 is 3–6 months → an offer, R 2 is 6–12 months → a return gift, R 1 is over a year → a personal call.
 */
export const segmentActions: Record<RfmSegment, SuggestedAction> = {
  champions: 'keepWarm',
  loyal: 'keepWarm',
  promising: 'keepWarm',
  needsAttention: 'offer',
  aboutToSleep: 'offer',
  atRisk: 'returnGift',
  hibernating: 'returnGift',
  cantLose: 'personalCall',
  lost: 'personalCall',
};

export function rfmSegmentOf(recency: number, frequency: number, monetary: number): RfmSegment {
  const rule = rfmRules.find((r) => recency >= r.minR && recency <= r.maxR && frequency >= r.minF && monetary >= r.minM);
  return rule ? rule.segment : 'lost';
}

/** RFM of a patient who bought; null for a lead. */
export function rfmOf(p: Purchases, s: SegmentSettings): Rfm | null {
  if (p.daysSinceLast === null) return null;
  const recency = recencyScore(p.daysSinceLast, s.recencyDays);
  const frequency = ascendingScore(p.purchases, s.frequencyPurchases);
  const monetary = ascendingScore(p.spentCents, s.monetaryCents);
  const segment = rfmSegmentOf(recency, frequency, monetary);
  return { recency, frequency, monetary, segment, action: segmentActions[segment] };
}

/**
 * Acquisition cost of one patient from a referral source: its monthly cost × 12 ÷ the patients it brought in the
 * twelve months before (0 when it brought none: the cost is not attributable to anyone).
 */
export function acquisitionCostCents(monthlyCostCents: number, newPatientsInYear: number): number {
  return newPatientsInYear > 0 ? divRound(monthlyCostCents * 12, newPatientsInYear) : 0;
}

/**
 * Customer lifetime value = average purchase × purchases per year × expected lifespan (years) − acquisition cost.
 * Purchases per year count over the years since the first purchase, at least one year, so two visits in a new
 * patient's first month do not read as 24 a year.
 */
export function lifetimeValue(parts: Omit<LifetimeValue, 'valueCents'>): LifetimeValue {
  return { ...parts, valueCents: Math.round(parts.averagePurchaseCents * parts.purchasesPerYear * parts.lifespanYears) - parts.acquisitionCostCents };
}

/** A patient's lifetime value from their own purchases; null for a lead. */
export function patientLifetimeValue(input: { spentCents: number; purchases: number; daysSinceFirst: number; lifespanYears: number; acquisitionCostCents: number }): LifetimeValue | null {
  if (input.purchases <= 0) return null;
  return lifetimeValue({
    averagePurchaseCents: divRound(input.spentCents, input.purchases),
    purchasesPerYear: roundTo2(input.purchases / Math.max(1, input.daysSinceFirst / 365)),
    lifespanYears: input.lifespanYears,
    acquisitionCostCents: input.acquisitionCostCents,
  });
}

export const roundTo2 = (value: number): number => Math.round(value * 100) / 100;

/** Churn = lost ÷ active at the start of the period; retention its complement. Basis points; null when nobody was active. */
export function churnAndRetention(activeAtStart: number, lost: number): { churnRateBp: number | null; retentionRateBp: number | null } {
  if (activeAtStart === 0) return { churnRateBp: null, retentionRateBp: null };
  const churnRateBp = divRound(lost * 10_000, activeAtStart);
  return { churnRateBp, retentionRateBp: 10_000 - churnRateBp };
}

/**
 * Engagement, 0–100: recency up to 40 (falling evenly to 0 at the sleeping threshold), visits in the last year up to
 * 30 (5 each, six or more is full), a visit booked ahead 20, contactable on some channel 10.
 */
export function engagementScore(input: { daysSinceLast: number | null; visitsLastYear: number; hasUpcomingVisit: boolean; contactable: boolean }, s: SegmentSettings): number {
  const recency = input.daysSinceLast === null ? 0 : Math.max(0, 40 * (1 - input.daysSinceLast / s.sleepingDays));
  const visits = Math.min(6, input.visitsLastYear) * 5;
  return Math.round(recency) + visits + (input.hasUpcomingVisit ? 20 : 0) + (input.contactable ? 10 : 0);
}

/**
 * Lead score, 0–100, for a patient who never bought: a consultation booked 35, referred by a patient 25, consent for
 * a channel (and not do-not-contact) 15, and how recently the lead came in: 25 within 30 days, 15 within 90, 5 within a
 * year.
 */
export function leadScore(input: { consultBooked: boolean; referredByPatient: boolean; contactable: boolean; daysSinceCreated: number }): number {
  const fresh = input.daysSinceCreated <= 30 ? 25 : input.daysSinceCreated <= 90 ? 15 : input.daysSinceCreated <= 365 ? 5 : 0;
  return (input.consultBooked ? 35 : 0) + (input.referredByPatient ? 25 : 0) + (input.contactable ? 15 : 0) + fresh;
}
