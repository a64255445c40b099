import { z } from 'zod';
import { method } from './method';
import { CalendarDate, Cents, Id, Instant, Name, OneLineText } from './common';

/**
 * Loyalty points. Earning: when an invoice is paid in full, each line that sells a service or a product earns
 * `pointsPerUnit` per whole currency unit of its net (after discounts and coupon, before tax), times its category's
 * multiplier; lines that sell stored value (gift cards, top-ups) earn nothing (their value earns when spent), a
 * package earns when bought and the visit lines it pays earn nothing, and the share of the invoice paid with points
 * earns nothing. The invoice's points are rounded down once (floor per invoice) and shared over its lines by largest
 * remainder, so a credit note takes back what its lines earned (units refunded ÷ units, cumulatively rounded).
 */
export const pointsEntryKinds = ['earned', 'redeemed', 'reversed', 'returned', 'referral', 'review', 'birthday', 'expired', 'adjustment'] as const;
export type PointsEntryKind = (typeof pointsEntryKinds)[number];

const Points = z.number().int().min(0).max(1_000_000_000);

export const Tier = z.strictObject({
  name: Name,
  /** Points earned in the last 12 months (earned net of reversals, referral and review points) to reach it. */
  thresholdPoints: Points,
  /** A discount at checkout on the chosen categories' lines (none chosen: every line but gift cards and top-ups), percent 0–100. */
  discountPercent: z.number().int().min(0).max(100).default(0),
  categoryIds: z.array(Id).max(200).default([]),
  /** Points given once a year on the patient's birthday while in this tier. */
  birthdayPoints: Points.default(0),
});
export type Tier = z.output<typeof Tier>;

export const LoyaltySettingsInput = z.strictObject({
  enabled: z.boolean(),
  /** Points per whole currency unit of a line's net (1 = one point per euro/dollar). */
  pointsPerUnit: z.number().int().min(0).max(1000),
  /** Per service category, in percent: 200 = double points, 0 = none. Categories not listed earn 100 %. */
  categoryMultipliers: z.array(z.strictObject({ categoryId: Id, percent: z.number().int().min(0).max(1000) })).max(200).default([]),
  /** What points pay at the desk: `redeemPoints` points pay `redeemCents` (100 points = 5.00 → 100 and 500). */
  redeemPoints: z.number().int().min(1).max(1_000_000),
  redeemCents: z.number().int().min(1).max(1_000_000_00),
  /** The fewest points one payment may use. */
  minimumRedeemPoints: Points.default(0),
  /** Points expire this many months after they were credited, oldest first (0: never). */
  expiryMonths: z.number().int().min(0).max(120),
  /** Tiers in increasing threshold order; the first usually starts at 0. */
  tiers: z.array(Tier).max(10).default([]),
  /** Points for a confirmed review (awarded by satisfaction). Referral rewards are the referral program's (referrals.settings). */
  reviewPoints: Points.default(0),
});
export type LoyaltySettingsInput = z.input<typeof LoyaltySettingsInput>;

export const LoyaltySettings = z.object({
  enabled: z.boolean(),
  pointsPerUnit: z.number().int(),
  categoryMultipliers: z.array(z.object({ categoryId: Id, percent: z.number().int() })),
  redeemPoints: z.number().int(),
  redeemCents: Cents,
  minimumRedeemPoints: z.number().int(),
  expiryMonths: z.number().int(),
  tiers: z.array(z.object({ name: z.string(), thresholdPoints: z.number().int(), discountPercent: z.number().int(), categoryIds: z.array(Id), birthdayPoints: z.number().int() })),
  reviewPoints: z.number().int(),
  updatedAt: Instant.nullable(),
});
export type LoyaltySettings = z.infer<typeof LoyaltySettings>;

/** A tier as a patient holds it: what it gives at checkout (the discount on its categories) and on the birthday. */
export const TierBenefits = z.object({ name: z.string(), thresholdPoints: z.number().int(), discountPercent: z.number().int(), categoryIds: z.array(Id), birthdayPoints: z.number().int() });
export type TierBenefits = z.infer<typeof TierBenefits>;

export const PointsEntry = z.object({
  id: Id,
  kind: z.enum(pointsEntryKinds),
  points: z.number().int(),
  at: Instant,
  expiresOn: CalendarDate.nullable(),
  invoiceId: Id.nullable(),
  invoiceNumber: z.string().nullable(),
  creditNoteId: Id.nullable(),
  note: z.string(),
  /** The balance after this entry. */
  balance: z.number().int(),
});
export type PointsEntry = z.infer<typeof PointsEntry>;

export const PatientLoyalty = z.object({
  patientId: Id,
  enabled: z.boolean(),
  /** The sum of the patient's entries. */
  balance: z.number().int(),
  /** What can be redeemed today: the balance less points past their date the daily job has not yet written off. */
  available: z.number().int(),
  /** What `available` pays at the desk (minor units, rounded down). */
  valueCents: Cents,
  /** Points earned in the last 12 months (clinic-local days), the measure of the tier. */
  earned12Months: z.number().int(),
  tier: TierBenefits.nullable(),
  nextTier: z.object({ name: z.string(), thresholdPoints: z.number().int(), missingPoints: z.number().int() }).nullable(),
  /** Points that expire within 60 days, by date (the last day they can be used). */
  expiringSoon: z.array(z.object({ expiresOn: CalendarDate, points: z.number().int() })),
  /** A page of the statement, newest first. */
  statement: z.array(PointsEntry),
  statementTotal: z.number().int(),
});
export type PatientLoyalty = z.infer<typeof PatientLoyalty>;

export const LiabilityRow = z.object({ tier: z.string().nullable(), patients: z.number().int(), points: z.number().int(), valueCents: Cents });

export const loyalty = {
  'loyalty.settings': method({
    input: z.strictObject({}),
    output: LoyaltySettings,
    permission: 'loyalty.read',
    transaction: 'read',
    errors: [],
    summary: 'The loyalty program: earning, redemption value and minimum, expiry, tiers, review points',
  }),
  'loyalty.saveSettings': method({
    input: LoyaltySettingsInput,
    output: LoyaltySettings,
    permission: 'loyalty.manage',
    transaction: 'write',
    errors: ['invalid_input', 'not_found'],
    summary: 'Saves the loyalty program (thresholds must increase; an unknown category is refused); audited',
  }),
  'loyalty.forPatient': method({
    input: z.strictObject({ patientId: Id, page: z.number().int().min(0).max(100_000).default(0), pageSize: z.number().int().min(1).max(100).default(20) }),
    output: PatientLoyalty,
    permission: 'loyalty.read',
    transaction: 'read',
    errors: ['invalid_input', 'not_found'],
    summary: "A patient's points: balance, what is redeemable, tier and the next, points expiring within 60 days, a statement page",
  }),
  'loyalty.benefits': method({
    input: z.strictObject({ patientId: Id }),
    output: z.object({ tier: TierBenefits.nullable(), available: z.number().int(), valueCents: Cents }),
    permission: 'loyalty.read',
    transaction: 'read',
    errors: ['invalid_input', 'not_found'],
    summary: "What the desk offers a patient at checkout: their tier's discount on its categories, and the points they can redeem",
  }),
  'loyalty.adjust': method({
    input: z.strictObject({ patientId: Id, points: z.number().int().min(-1_000_000).max(1_000_000).refine((n) => n !== 0, 'Give a number of points other than 0'), reason: OneLineText.min(3).max(200) }),
    output: z.object({ entryId: Id, balance: z.number().int() }),
    permission: 'loyalty.manage',
    transaction: 'write',
    errors: ['invalid_input', 'not_found'],
    summary: "Adds or takes points by hand with a reason (never below zero); audited",
  }),
  'loyalty.liability': method({
    input: z.strictObject({ asOf: CalendarDate }),
    output: z.object({ asOf: CalendarDate, points: z.number().int(), valueCents: Cents, patients: z.number().int(), byTier: z.array(LiabilityRow) }),
    permission: 'loyalty.manage',
    transaction: 'read',
    errors: ['invalid_input'],
    summary: 'Outstanding points at the end of a clinic-local day and what they would pay, by tier (tiers as of that day)',
  }),
  'loyalty.runDaily': method({
    input: z.strictObject({ asOf: CalendarDate.optional() }),
    output: z.object({ asOf: CalendarDate, expiredEntries: z.number().int(), expiredPoints: z.number().int(), birthdays: z.number().int() }),
    permission: 'loyalty.manage',
    transaction: 'write',
    errors: ['invalid_input', 'conflict'],
    summary: 'Writes off points past their date and gives birthday points, as the daily job does (on the rules workstation); repeats nothing',
  }),
} as const;
