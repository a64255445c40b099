import { z } from 'zod';
import { CalendarDate, Cents, Id, Name, NonNegativeCents, Ok } from './common';
import { method } from './method';
import { consentChannels, genders } from './patients';

/** Activity tiers, from the last purchase: never bought is a lead. */
export const tiers = ['new', 'active', 'sleeping', 'deepSleep', 'lead'] as const;
export type Tier = (typeof tiers)[number];
export const tierLabels: Record<Tier, string> = { new: 'New', active: 'Active', sleeping: 'Sleeping', deepSleep: 'Deep sleep', lead: 'Lead (never bought)' };

/** RFM segments, from the recency, frequency and monetary scores (1–5). */
export const rfmSegments = ['champions', 'loyal', 'promising', 'needsAttention', 'aboutToSleep', 'atRisk', 'hibernating', 'cantLose', 'lost'] as const;
export type RfmSegment = (typeof rfmSegments)[number];
export const rfmSegmentLabels: Record<RfmSegment, string> = {
  champions: 'Champions',
  loyal: 'Loyal',
  promising: 'Promising',
  needsAttention: 'Needs attention',
  aboutToSleep: 'About to sleep',
  atRisk: 'At risk',
  hibernating: 'Hibernating',
  cantLose: 'Can’t lose them',
  lost: 'Lost',
};

/** What to do about a segment: recent buyers are kept warm; R > 3 months an offer, 6–12 months a return gift, > 1 year a personal call. */
export const suggestedActions = ['keepWarm', 'offer', 'returnGift', 'personalCall'] as const;
export type SuggestedAction = (typeof suggestedActions)[number];
export const suggestedActionLabels: Record<SuggestedAction, string> = {
  keepWarm: 'Keep warm (thank, invite to refer)',
  offer: 'Send an offer',
  returnGift: 'Send a return gift',
  personalCall: 'Personal call',
};

const Days = z.number().int().min(1).max(3650);
const ascending = (values: readonly number[]) => values.every((value, i) => i === 0 || value > values[i - 1]);
const Boundaries = (value: z.ZodNumber) => z.tuple([value, value, value, value]).refine(ascending, 'Each boundary must be larger than the one before');

/**
 * A manager's thresholds for tiers and RFM. RFM uses fixed thresholds, not quintiles: a patient's score does not move
 * because other patients bought, the same query is fast on 50,000 patients, and a manager can read what "R4" means.
 */
export const SegmentSettings = z
  .strictObject({
    /** New: the first purchase at most this many days ago. */
    newDays: Days,
    /** Active: the last purchase at most this many days ago; sleeping up to `sleepingDays`; deep sleep beyond. */
    activeDays: Days,
    sleepingDays: Days,
    /** Recency: R5 when the last purchase is at most [0] days ago, R4 at most [1], R3 at most [2], R2 at most [3], else R1. */
    recencyDays: Boundaries(Days),
    /** Frequency: F2 from [0] purchases (invoices), F3 from [1], F4 from [2], F5 from [3]; F1 below. */
    frequencyPurchases: Boundaries(z.number().int().min(2).max(10_000)),
    /** Monetary: M2 from [0] spent (minor units), M3 from [1], M4 from [2], M5 from [3]; M1 below. */
    monetaryCents: Boundaries(NonNegativeCents.min(1)),
    /** Customer lifetime value: how many years a patient is expected to stay. */
    expectedLifespanYears: z.number().int().min(1).max(50),
  })
  .refine((s) => s.newDays <= s.activeDays, { message: 'A new patient is also active: at most the active days', path: ['newDays'] })
  .refine((s) => s.activeDays < s.sleepingDays, { message: 'Sleeping starts after active ends', path: ['sleepingDays'] });
export type SegmentSettings = z.infer<typeof SegmentSettings>;

const minNotAboveMax = (range: { min?: number; max?: number }) => range.min === undefined || range.max === undefined || range.min <= range.max;
const Range = (value: z.ZodNumber) =>
  z.strictObject({ min: value.optional(), max: value.optional() }).refine(minNotAboveMax, { message: 'The least is above the most', path: ['max'] });

/** Bought any of, all of, never any of. */
const Picks = z.strictObject({
  any: z.array(Id).max(200).default([]),
  all: z.array(Id).max(50).default([]),
  never: z.array(Id).max(200).default([]),
});
export type Picks = z.input<typeof Picks>;

/**
 * The universal search: every field narrows the patients (AND). Compiled to one parameterised SQL query over the
 * patient and the purchase projection. Archived and merged patients are never members.
 */
export const SegmentQuery = z.strictObject({
  /** Age in whole years today. */
  age: Range(z.number().int().min(0).max(130)).optional(),
  genders: z.array(z.enum(genders)).min(1).optional(),
  referralSourceIds: z.array(Id).min(1).max(100).optional(),
  tags: Picks.optional(),
  tiers: z.array(z.enum(tiers)).min(1).optional(),
  rfmSegments: z.array(z.enum(rfmSegments)).min(1).optional(),
  categories: Picks.optional(),
  services: Picks.optional(),
  /** Had a treatment (a service line) between these clinic-local dates, of these categories when given. */
  treated: z
    .strictObject({ from: CalendarDate.optional(), to: CalendarDate.optional(), categoryIds: z.array(Id).max(200).default([]) })
    .refine((range) => !range.from || !range.to || range.from <= range.to, { message: 'The last day is before the first', path: ['to'] })
    .optional(),
  /** Lifetime spend (net of refunds), minor units. */
  spentCents: Range(NonNegativeCents).optional(),
  /** Visits: issued invoices (one per visit). */
  visits: Range(z.number().int().min(0).max(100_000)).optional(),
  /** Days since the last purchase ("not seen in 6 months": min 183). Leads have no last purchase and never match. */
  daysSinceLastVisit: Range(z.number().int().min(0).max(36_500)).optional(),
  /** Was treated (had a line) by any of these providers. */
  providerIds: z.array(Id).min(1).max(100).optional(),
  /** Has consent for at least one of these channels and is not do-not-contact. */
  contactableBy: z.array(z.enum(consentChannels)).min(1).optional(),
  doNotContact: z.boolean().optional(),
});
export type SegmentQuery = z.input<typeof SegmentQuery>;
export type ParsedSegmentQuery = z.output<typeof SegmentQuery>;

export const segmentSorts = ['name', 'lastVisit', 'spent', 'visits'] as const;

const Rfm = z.object({
  recency: z.number().int().min(1).max(5),
  frequency: z.number().int().min(1).max(5),
  monetary: z.number().int().min(1).max(5),
  segment: z.enum(rfmSegments),
  action: z.enum(suggestedActions),
});
export type Rfm = z.infer<typeof Rfm>;

/** One member of a segment, with what a call list needs. */
export const SegmentMember = z.object({
  id: Id,
  number: z.string(),
  name: z.string(),
  preferredName: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  doNotContact: z.boolean(),
  /** Channels with consent given (empty when do-not-contact). */
  contactable: z.array(z.enum(consentChannels)),
  tier: z.enum(tiers),
  rfm: Rfm.nullable(),
  lastVisitDate: CalendarDate.nullable(),
  lastServiceName: z.string().nullable(),
  visits: z.number().int(),
  spentCents: Cents,
});
export type SegmentMember = z.infer<typeof SegmentMember>;

export const SavedSegment = z.object({ id: Id, name: z.string(), query: SegmentQuery, count: z.number().int(), updatedAt: z.string() });
export type SavedSegment = z.infer<typeof SavedSegment>;

/** Customer lifetime value and its parts (formula in src-main/segments/formulas.ts). */
export const LifetimeValue = z.object({
  averagePurchaseCents: Cents,
  purchasesPerYear: z.number(),
  lifespanYears: z.number().int(),
  acquisitionCostCents: Cents,
  valueCents: Cents,
});
export type LifetimeValue = z.infer<typeof LifetimeValue>;

export const PatientMetrics = z.object({
  patientId: Id,
  tier: z.enum(tiers),
  firstVisitDate: CalendarDate.nullable(),
  lastVisitDate: CalendarDate.nullable(),
  daysSinceLastVisit: z.number().int().nullable(),
  visits: z.number().int(),
  spentCents: Cents,
  rfm: Rfm.nullable(),
  lifetimeValue: LifetimeValue.nullable(),
  /** 0–100: recency, visits in the last year, a booked visit ahead, contactable. */
  engagementScore: z.number().int().min(0).max(100),
  /** 0–100, only for leads (never bought): consult booked, referred by a patient, consent, how recently created. */
  leadScore: z.number().int().min(0).max(100).nullable(),
});
export type PatientMetrics = z.infer<typeof PatientMetrics>;

export const ClinicMetrics = z.object({
  from: CalendarDate,
  to: CalendarDate,
  /** Active (bought within the active days) the day before `from`. */
  activeAtStart: z.number().int(),
  /** Of those, no longer active at `to` (sleeping or deeper: no purchase within the active days). */
  lost: z.number().int(),
  /** lost ÷ activeAtStart and its complement, basis points; null when nobody was active. */
  churnRateBp: z.number().int().nullable(),
  retentionRateBp: z.number().int().nullable(),
  newPatients: z.number().int(),
  lifetimeValue: LifetimeValue.nullable(),
  tierCounts: z.record(z.enum(tiers), z.number().int()),
  rfmCounts: z.record(z.enum(rfmSegments), z.number().int()),
});
export type ClinicMetrics = z.infer<typeof ClinicMetrics>;

export const CrossSellPair = z.object({
  boughtCategoryId: Id,
  boughtCategory: z.string(),
  neverCategoryId: Id,
  neverCategory: z.string(),
  count: z.number().int(),
});
export type CrossSellPair = z.infer<typeof CrossSellPair>;

export const SaveSegmentInput = z.strictObject({ id: Id.optional(), name: Name, query: SegmentQuery });
export type SaveSegmentInput = z.input<typeof SaveSegmentInput>;

export const RunSegmentInput = z.strictObject({
  query: SegmentQuery,
  sort: z.enum(segmentSorts).default('name'),
  descending: z.boolean().default(false),
  offset: z.number().int().min(0).max(1_000_000).default(0),
  limit: z.number().int().min(1).max(500).default(50),
});

export const segments = {
  'segments.settings': method({
    summary: 'The thresholds of activity tiers and RFM scores, and the expected lifespan for lifetime value.',
    input: z.strictObject({}),
    output: SegmentSettings,
    permission: 'segments.read',
    transaction: 'read',
    errors: [],
  }),
  'segments.saveSettings': method({
    summary: 'Set the thresholds of activity tiers and RFM scores, and the expected lifespan.',
    input: SegmentSettings,
    output: SegmentSettings,
    permission: 'segments.manage',
    transaction: 'write',
    errors: ['invalid_input'],
  }),
  'segments.count': method({
    summary: 'How many patients a segment query matches (the live count while a query is edited).',
    input: z.strictObject({ query: SegmentQuery }),
    output: z.object({ count: z.number().int() }),
    permission: 'segments.read',
    transaction: 'read',
    errors: ['invalid_input'],
  }),
  'segments.run': method({
    summary: 'A page of the patients a segment query matches, with what a call list needs, sorted.',
    input: RunSegmentInput,
    output: z.object({ total: z.number().int(), rows: z.array(SegmentMember) }),
    permission: 'segments.read',
    transaction: 'read',
    errors: ['invalid_input'],
  }),
  'segments.export': method({
    summary: 'Every patient a segment query matches as CSV (spreadsheet-safe cells), for a call list or a campaign audience.',
    input: z.strictObject({ query: SegmentQuery, format: z.literal('csv') }),
    output: z.object({ filename: z.string(), content: z.string(), count: z.number().int() }),
    permission: 'segments.manage',
    transaction: 'read',
    errors: ['invalid_input'],
  }),
  'segments.audience': method({
    summary: 'The members of a segment who may be contacted (not do-not-contact), for a campaign’s e-coupons.',
    input: z.strictObject({ query: SegmentQuery, limit: z.number().int().min(1).max(5000).default(5000) }),
    output: z.object({ patientIds: z.array(Id), total: z.number().int() }),
    permission: 'segments.manage',
    transaction: 'read',
    errors: ['invalid_input'],
  }),
  'segments.list': method({
    summary: 'Saved segments with their current counts.',
    input: z.strictObject({}),
    output: z.array(SavedSegment),
    permission: 'segments.read',
    transaction: 'read',
    errors: [],
  }),
  'segments.save': method({
    summary: 'Save a segment query under a name (or change a saved one).',
    input: SaveSegmentInput,
    output: SavedSegment,
    permission: 'segments.manage',
    transaction: 'write',
    errors: ['invalid_input', 'not_found', 'conflict'],
  }),
  'segments.delete': method({
    summary: 'Delete a saved segment.',
    input: z.strictObject({ id: Id }),
    output: Ok,
    permission: 'segments.manage',
    transaction: 'write',
    errors: ['invalid_input', 'not_found'],
  }),
  'segments.crossSell': method({
    summary: 'Cross-marketing presets: for each pair of categories, how many patients bought the first and never the second.',
    input: z.strictObject({ limit: z.number().int().min(1).max(500).default(50) }),
    output: z.array(CrossSellPair),
    permission: 'segments.read',
    transaction: 'read',
    errors: ['invalid_input'],
  }),
  'segments.patientMetrics': method({
    summary: 'A patient’s tier, RFM segment and suggested action, lifetime value, engagement and (for a lead) lead score.',
    input: z.strictObject({ patientId: Id }),
    output: PatientMetrics,
    permission: 'segments.read',
    transaction: 'read',
    errors: ['invalid_input', 'not_found'],
  }),
  'segments.clinicMetrics': method({
    summary: 'Churn and retention over a period, new patients, lifetime value, and patients per tier and RFM segment.',
    input: z
      .strictObject({ from: CalendarDate, to: CalendarDate })
      .refine((period) => period.from <= period.to, { message: 'The last day is before the first', path: ['to'] }),
    output: ClinicMetrics,
    permission: 'segments.manage',
    transaction: 'read',
    errors: ['invalid_input'],
  }),
} as const;
