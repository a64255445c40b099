import { z } from 'zod';
import { method } from './method';
import { Color, Id, Name, NonNegativeCents, OneLineText } from './common';
import { chartTemplates } from './charts';

export const serviceKinds = ['consult', 'treatment', 'product', 'package'] as const;
export const referralChannels = ['online', 'social', 'search', 'referral', 'walk-in', 'print', 'event', 'other'] as const;

const IntervalDays = z.number().int().min(1).max(3650);

export const Category = z.object({
  id: Id,
  name: z.string(),
  color: z.string(),
  maintenanceIntervalDays: z.number().int().nullable(),
  averageSaleCents: z.number().int(),
  active: z.boolean(),
  serviceCount: z.number().int(),
  /** Which visit-note form the category's treatments use. */
  chartTemplate: z.enum(chartTemplates),
});
export type Category = z.infer<typeof Category>;

export const CategoryInput = z.strictObject({
  id: Id.optional(),
  name: Name,
  color: Color,
  /** Days until the treatment wears off and the patient is due again (neurotoxin 90). */
  maintenanceIntervalDays: IntervalDays.nullable().default(null),
  averageSaleCents: NonNegativeCents.default(0),
  active: z.boolean().default(true),
  chartTemplate: z.enum(chartTemplates).default('general'),
});

export const Service = z.object({
  id: Id,
  categoryId: Id,
  categoryName: z.string(),
  name: z.string(),
  kind: z.enum(serviceKinds),
  priceCents: z.number().int(),
  durationMinutes: z.number().int(),
  taxable: z.boolean(),
  active: z.boolean(),
  intervalOverrideDays: z.number().int().nullable(),
  /** The interval that applies: the override, else the category's. */
  maintenanceIntervalDays: z.number().int().nullable(),
});
export type Service = z.infer<typeof Service>;

export const ServiceInput = z.strictObject({
  id: Id.optional(),
  categoryId: Id,
  name: Name,
  kind: z.enum(serviceKinds),
  priceCents: NonNegativeCents,
  durationMinutes: z.number().int().min(0).max(24 * 60),
  taxable: z.boolean().default(true),
  active: z.boolean().default(true),
  intervalOverrideDays: IntervalDays.nullable().default(null),
});

export const ReferralSource = z.object({
  id: Id,
  name: z.string(),
  channel: z.enum(referralChannels),
  monthlyCostCents: z.number().int(),
  active: z.boolean(),
});
export type ReferralSource = z.infer<typeof ReferralSource>;

export const ReferralSourceInput = z.strictObject({
  id: Id.optional(),
  name: Name,
  channel: z.enum(referralChannels),
  monthlyCostCents: NonNegativeCents.default(0),
  active: z.boolean().default(true),
});

const Saved = z.object({ id: Id });

export const catalog = {
  'catalog.categories': method({
    summary: 'Service categories with their maintenance intervals.',
    input: z.strictObject({ includeInactive: z.boolean().default(false) }),
    output: z.array(Category),
    permission: 'patients.read',
    transaction: 'read',
    errors: ['invalid_input'],
  }),
  'catalog.saveCategory': method({
    summary: 'Create a category, or update it when an id is given.',
    input: CategoryInput,
    output: Saved,
    permission: 'catalog.manage',
    transaction: 'write',
    errors: ['invalid_input', 'not_found', 'conflict'],
  }),
  'catalog.services': method({
    summary: 'Services, optionally of one category or matching a name.',
    input: z.strictObject({
      categoryId: Id.optional(),
      q: OneLineText.max(100).optional(),
      includeInactive: z.boolean().default(false),
    }),
    output: z.array(Service),
    permission: 'patients.read',
    transaction: 'read',
    errors: ['invalid_input'],
  }),
  'catalog.saveService': method({
    summary: 'Create a service, or update it when an id is given.',
    input: ServiceInput,
    output: Saved,
    permission: 'catalog.manage',
    transaction: 'write',
    errors: ['invalid_input', 'not_found', 'conflict'],
  }),
  'catalog.referralSources': method({
    summary: 'Where patients hear of the clinic, with monthly cost.',
    input: z.strictObject({ includeInactive: z.boolean().default(false) }),
    output: z.array(ReferralSource),
    permission: 'patients.read',
    transaction: 'read',
    errors: ['invalid_input'],
  }),
  'catalog.saveReferralSource': method({
    summary: 'Create a referral source, or update it when an id is given.',
    input: ReferralSourceInput,
    output: Saved,
    permission: 'catalog.manage',
    transaction: 'write',
    errors: ['invalid_input', 'not_found', 'conflict'],
  }),
} as const;
