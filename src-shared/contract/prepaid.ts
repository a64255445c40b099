import { z } from 'zod';
import { method } from './method';
import { CalendarDate, Cents, Id, Instant, Name, NonNegativeCents, OneLineText } from './common';

/** A package plan as a manager defines it: N sessions or units of one service, or of any service in a category. */
export const PackagePlanInput = z.strictObject({
  id: Id.optional(),
  name: Name,
  serviceId: Id.nullable().default(null),
  categoryId: Id.nullable().default(null),
  units: z.number().int().min(1).max(10_000),
  priceCents: NonNegativeCents.max(1_000_000_00),
  validityDays: z.number().int().min(1).max(3660),
  transferable: z.boolean().default(false),
  active: z.boolean().default(true),
});
export type PackagePlanInput = z.input<typeof PackagePlanInput>;

export const PackagePlan = z.object({
  id: Id,
  name: z.string(),
  serviceId: Id.nullable(),
  categoryId: Id.nullable(),
  /** The service or category it covers, by name. */
  covers: z.string(),
  units: z.number().int(),
  priceCents: Cents,
  validityDays: z.number().int(),
  transferable: z.boolean(),
  active: z.boolean(),
});
export type PackagePlan = z.infer<typeof PackagePlan>;

export const TopUpPlanInput = z.strictObject({
  id: Id.optional(),
  name: Name,
  amountCents: z.number().int().min(100).max(1_000_000_00),
  bonusCents: NonNegativeCents.max(1_000_000_00).default(0),
  active: z.boolean().default(true),
});
export type TopUpPlanInput = z.input<typeof TopUpPlanInput>;

export const TopUpPlan = z.object({ id: Id, name: z.string(), amountCents: Cents, bonusCents: Cents, active: z.boolean() });
export type TopUpPlan = z.infer<typeof TopUpPlan>;

export const packageEntryKinds = ['sold', 'redeemed', 'returned', 'transferOut', 'transferIn', 'refunded', 'voided', 'expired'] as const;
export const giftCardEntryKinds = ['issued', 'spent', 'refunded', 'cancelled', 'expired'] as const;

/** One line of a ledger as the profile or the desk shows it, with the invoice it came from. */
const Entry = { at: Instant, invoiceId: Id.nullable(), invoiceNumber: z.string().nullable(), note: z.string() };

export const PatientPackage = z.object({
  id: Id,
  patientId: Id,
  planId: Id,
  name: z.string(),
  covers: z.string(),
  units: z.number().int(),
  used: z.number().int(),
  left: z.number().int(),
  expiresOn: CalendarDate,
  /** open: units left and usable; used up, expired, or closed (refunded, voided or transferred away). */
  state: z.enum(['open', 'usedUp', 'expired', 'closed']),
  transferable: z.boolean(),
  saleInvoiceId: Id,
  saleInvoiceNumber: z.string().nullable(),
  entries: z.array(z.object({ id: Id, kind: z.enum(packageEntryKinds), units: z.number().int(), ...Entry })),
});
export type PatientPackage = z.infer<typeof PatientPackage>;

export const GiftCard = z.object({
  id: Id,
  code: z.string(),
  amountCents: Cents,
  balanceCents: Cents,
  expiresOn: CalendarDate,
  state: z.enum(['active', 'spent', 'expired']),
  activatedAt: Instant,
  saleInvoiceId: Id,
  saleInvoiceNumber: z.string().nullable(),
  entries: z.array(z.object({ id: Id, kind: z.enum(giftCardEntryKinds), amountCents: Cents, ...Entry })),
});
export type GiftCard = z.infer<typeof GiftCard>;

/** `referralReward`: store credit given to a referrer (positive) or taken back with its referral (negative). */
export const storedValueKinds = ['topUp', 'bonus', 'spend', 'refund', 'storeCredit', 'adjustment', 'topUpReversed', 'referralReward'] as const;
export const StoredValueHistory = z.object({
  patientId: Id,
  balanceCents: Cents,
  entries: z.array(z.object({ id: Id, kind: z.enum(storedValueKinds), amountCents: Cents, balanceAfterCents: Cents, ...Entry })),
});
export type StoredValueHistory = z.infer<typeof StoredValueHistory>;

export const PrepaidSettings = z.strictObject({ giftCardValidityMonths: z.number().int().min(1).max(240) });

export const prepaid = {
  'packagePlans.list': method({
    summary: 'Package plans (sessions or units of a service or category), active first.',
    input: z.strictObject({ includeInactive: z.boolean().default(false) }),
    output: z.array(PackagePlan),
    permission: 'checkout.sell',
    transaction: 'read',
    errors: ['invalid_input'],
  }),
  'packagePlans.save': method({
    summary: 'Define or change a package plan; packages already sold keep what they were sold with.',
    input: PackagePlanInput,
    output: PackagePlan,
    permission: 'prepaid.manage',
    transaction: 'write',
    errors: ['invalid_input', 'not_found'],
  }),
  'topUpPlans.list': method({
    summary: 'Stored-value top-up plans (pay an amount, receive it plus a bonus).',
    input: z.strictObject({ includeInactive: z.boolean().default(false) }),
    output: z.array(TopUpPlan),
    permission: 'checkout.sell',
    transaction: 'read',
    errors: ['invalid_input'],
  }),
  'topUpPlans.save': method({
    summary: 'Define or change a top-up plan.',
    input: TopUpPlanInput,
    output: TopUpPlan,
    permission: 'prepaid.manage',
    transaction: 'write',
    errors: ['invalid_input', 'not_found'],
  }),
  'packages.forPatient': method({
    summary: 'The packages a patient holds: sessions left, expiry and history, open ones first.',
    input: z.strictObject({ patientId: Id }),
    output: z.array(PatientPackage),
    permission: 'checkout.sell',
    transaction: 'read',
    errors: ['invalid_input', 'not_found'],
  }),
  'packages.transfer': method({
    summary: 'Move what is left of a transferable package to another patient (same expiry).',
    input: z.strictObject({ patientPackageId: Id, toPatientId: Id, reason: OneLineText.min(2).max(300) }),
    output: PatientPackage,
    permission: 'prepaid.manage',
    transaction: 'write',
    errors: ['invalid_input', 'not_found', 'invalid_transition'],
  }),
  'giftCards.lookup': method({
    summary: 'A gift card by its code: balance, expiry and history.',
    input: z.strictObject({ code: z.string().trim().min(4).max(24) }),
    output: GiftCard,
    permission: 'checkout.sell',
    transaction: 'read',
    errors: ['invalid_input', 'not_found'],
  }),
  'giftCards.forInvoice': method({
    summary: 'The gift cards an invoice sold (for printing the vouchers).',
    input: z.strictObject({ invoiceId: Id }),
    output: z.array(GiftCard),
    permission: 'checkout.sell',
    transaction: 'read',
    errors: ['invalid_input', 'not_found'],
  }),
  'storedValue.history': method({
    summary: 'A patient’s stored value: every entry with its invoice and the balance after it.',
    input: z.strictObject({ patientId: Id }),
    output: StoredValueHistory,
    permission: 'checkout.sell',
    transaction: 'read',
    errors: ['invalid_input', 'not_found'],
  }),
  'prepaid.settings': method({
    summary: 'Prepaid settings: how long a gift card stays valid.',
    input: z.strictObject({}),
    output: PrepaidSettings,
    permission: 'checkout.sell',
    transaction: 'read',
    errors: [],
  }),
  'prepaid.saveSettings': method({
    summary: 'Change how long new gift cards stay valid (months).',
    input: PrepaidSettings,
    output: PrepaidSettings,
    permission: 'prepaid.manage',
    transaction: 'write',
    errors: ['invalid_input'],
  }),
} as const;
