import { z } from 'zod';
import { Discount } from './checkout';
import { CalendarDate, Cents, Id, Instant, LongText, Name, NonNegativeCents, OneLineText } from './common';
import { method } from './method';
import { roles } from '../permissions';

/** A coupon code as typed at the desk: letters, digits and dashes, compared without regard to case. */
export const CouponCode = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9-]{2,31}$/, '3–32 letters, digits or dashes');

export const CampaignInput = z.strictObject({
  id: Id.optional(),
  name: Name,
  /** Where it ran (Instagram, newsletter, flyer…). */
  channel: OneLineText.max(80).default(''),
  notes: LongText.default(''),
  /** What the campaign cost, for its return later. */
  costCents: NonNegativeCents.default(0),
});
export type CampaignInput = z.input<typeof CampaignInput>;

const CouponRules = z.strictObject({
  campaignId: Id,
  name: Name,
  discount: Discount,
  validFrom: CalendarDate,
  validTo: CalendarDate,
  maxUses: z.number().int().min(1).max(1_000_000).nullable().default(null),
  maxUsesPerPatient: z.number().int().min(1).max(1000).nullable().default(null),
  minSpendCents: NonNegativeCents.default(0),
  /** Both empty: every line is eligible. */
  serviceIds: z.array(Id).max(500).default([]),
  categoryIds: z.array(Id).max(200).default([]),
  active: z.boolean().default(true),
});

export const CouponInput = CouponRules.extend({
  id: Id.optional(),
  /** A new coupon's shared code; leave it out to hand out e-coupons (one code per patient) instead. */
  code: CouponCode.optional(),
}).refine((coupon) => coupon.validFrom <= coupon.validTo, { message: 'The last day is before the first', path: ['validTo'] });
export type CouponInput = z.input<typeof CouponInput>;

export const Coupon = z.object({
  id: Id,
  campaignId: Id,
  campaignName: z.string(),
  name: z.string(),
  discount: Discount,
  validFrom: CalendarDate,
  validTo: CalendarDate,
  maxUses: z.number().int().nullable(),
  maxUsesPerPatient: z.number().int().nullable(),
  minSpendCents: Cents,
  serviceIds: z.array(Id),
  categoryIds: z.array(Id),
  active: z.boolean(),
  /** The shared code, or null when the coupon is handed out as e-coupons. */
  sharedCode: z.string().nullable(),
  eCouponCount: z.number().int(),
  /** Net of reversals. */
  uses: z.number().int(),
  discountGivenCents: Cents,
});
export type Coupon = z.infer<typeof Coupon>;

export const Campaign = z.object({
  id: Id,
  name: z.string(),
  channel: z.string(),
  notes: z.string(),
  costCents: Cents,
  createdAt: Instant,
  coupons: z.array(Coupon),
});
export type Campaign = z.infer<typeof Campaign>;

/** Null: no limit. */
export const DiscountLimits = z.strictObject({
  role: z.enum(roles),
  lineBasisPoints: z.number().int().min(0).max(10_000).nullable(),
  lineCents: NonNegativeCents.nullable(),
  invoiceBasisPoints: z.number().int().min(0).max(10_000).nullable(),
  invoiceCents: NonNegativeCents.nullable(),
});
export type DiscountLimits = z.infer<typeof DiscountLimits>;

export const dealKinds = ['consult', 'treatment', 'product', 'package', 'other'] as const;
export const DealDefinition = z.strictObject({
  minCents: NonNegativeCents,
  /** Service kinds a deal includes at least one line of ('other': a line without a service). */
  kinds: z.array(z.enum(dealKinds)).min(1),
});
export type DealDefinition = z.infer<typeof DealDefinition>;

export const dealStatuses = ['never', 'first', 'repeat'] as const;
export type DealStatus = (typeof dealStatuses)[number];

export const PatientStanding = z.object({
  patientId: Id,
  dealStatus: z.enum(dealStatuses),
  dealCount: z.number().int(),
  /** What the patient owes on issued invoices; above zero is arrears. */
  owedCents: Cents,
  storedValueCents: Cents,
});
export type PatientStanding = z.infer<typeof PatientStanding>;

export const promotions = {
  'campaigns.list': method({
    summary: 'Every campaign with its coupons, their uses and the discount they gave.',
    input: z.strictObject({}),
    output: z.array(Campaign),
    permission: 'checkout.sell',
    transaction: 'read',
    errors: [],
  }),
  'campaigns.save': method({
    summary: 'Create or edit a campaign (name, channel, notes, cost).',
    input: CampaignInput,
    output: z.object({ id: Id }),
    permission: 'promotions.manage',
    transaction: 'write',
    errors: ['invalid_input', 'not_found', 'conflict'],
  }),
  'coupons.save': method({
    summary: 'Create or edit a coupon: its value, validity window, limits, eligible services and categories, minimum spend.',
    input: CouponInput,
    output: Coupon,
    permission: 'promotions.manage',
    transaction: 'write',
    errors: ['invalid_input', 'not_found', 'conflict'],
  }),
  'coupons.extend': method({
    summary: 'Move a coupon’s last valid day later.',
    input: z.strictObject({ id: Id, validTo: CalendarDate }),
    output: Coupon,
    permission: 'promotions.manage',
    transaction: 'write',
    errors: ['invalid_input', 'not_found'],
  }),
  'coupons.setActive': method({
    summary: 'Deactivate a coupon (its codes are refused from now on) or activate it again.',
    input: z.strictObject({ id: Id, active: z.boolean() }),
    output: Coupon,
    permission: 'promotions.manage',
    transaction: 'write',
    errors: ['invalid_input', 'not_found'],
  }),
  'coupons.issueCodes': method({
    summary: 'Hand out e-coupons: one new unique code per patient, usable only by that patient.',
    input: z.strictObject({ couponId: Id, patientIds: z.array(Id).min(1).max(5000) }),
    output: z.array(z.object({ patientId: Id, code: z.string() })),
    permission: 'promotions.manage',
    transaction: 'write',
    errors: ['invalid_input', 'not_found'],
  }),
  'discountLimits.list': method({
    summary: 'The largest discount each role may give without a manager’s approval.',
    input: z.strictObject({}),
    output: z.array(DiscountLimits),
    permission: 'checkout.sell',
    transaction: 'read',
    errors: [],
  }),
  'discountLimits.save': method({
    summary: 'Set a role’s discount limits (per line and per invoice, percent and amount; empty: no limit).',
    input: DiscountLimits,
    output: DiscountLimits,
    permission: 'promotions.manage',
    transaction: 'write',
    errors: ['invalid_input'],
  }),
  'deals.definition': method({
    summary: 'Which sales count as a deal.',
    input: z.strictObject({}),
    output: DealDefinition,
    permission: 'checkout.sell',
    transaction: 'read',
    errors: [],
  }),
  'deals.saveDefinition': method({
    summary: 'Set which sales count as a deal: the least total and the kinds of item it includes.',
    input: DealDefinition,
    output: DealDefinition,
    permission: 'promotions.manage',
    transaction: 'write',
    errors: ['invalid_input'],
  }),
  'deals.patients': method({
    summary: 'Patients by deal status (never bought, first deal, repeat), for lists and segments.',
    input: z.strictObject({ status: z.enum(dealStatuses), limit: z.number().int().min(1).max(500).default(100) }),
    output: z.array(z.object({ id: Id, name: z.string(), number: z.string(), dealCount: z.number().int() })),
    permission: 'patients.read',
    transaction: 'read',
    errors: ['invalid_input'],
  }),
  'patients.standing': method({
    summary: 'A patient’s profile tags in one call: deal status, arrears (what they owe) and stored value.',
    input: z.strictObject({ patientId: Id }),
    output: PatientStanding,
    permission: 'checkout.sell',
    transaction: 'read',
    errors: ['invalid_input', 'not_found'],
  }),
} as const;
