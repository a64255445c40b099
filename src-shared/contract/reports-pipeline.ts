import { z } from 'zod';
import { method } from './method';
import { CalendarDate, Cents, Id, NonNegativeCents } from './common';

/**
 * The pipeline reports: projected sales, the conversion cascade, stalled consults and quotes on the table, their
 * assumptions and the rows behind every figure. Money in minor units, rates in basis points (6000 = 60.00 %); a rate
 * whose denominator is zero is null (shown "—").
 */

/** A conversion rate in basis points: 0 – 10 000 (0 – 100 %). */
export const RateBp = z.number().int().min(0, 'A rate is between 0 % and 100 %').max(10_000, 'A rate is between 0 % and 100 %');
/** A calendar month, YYYY-MM. */
export const CalendarMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'A month like 2026-03');

/** The longest period a pipeline report covers: three years. */
export const MAX_PERIOD_DAYS = 1_100;

const periodDays = (p: { from: string; to: string }) => Math.round((Date.parse(p.to) - Date.parse(p.from)) / 86_400_000) + 1;
/** A clinic-local period, both days included; refused reversed or longer than three years. */
export const Period = { from: CalendarDate, to: CalendarDate };
const periodChecks = <S extends z.ZodType<{ from: string; to: string }>>(schema: S) =>
  schema
    .refine((p) => p.from <= p.to, { message: 'The period ends before it starts.', path: ['to'] })
    .refine((p) => p.from > p.to || periodDays(p) <= MAX_PERIOD_DAYS, { message: 'Choose a period of three years at most.', path: ['to'] });

// ── Assumptions ────────────────────────────────────────────────────────────────────────────────────────────────

export const CategoryAssumption = z.object({
  categoryId: Id,
  categoryName: z.string(),
  /** The assumed average sale (the category's setting). */
  averageSaleCents: Cents,
  /** What a sale of the category actually averaged over the last 12 months (net of tax, per invoice); null: none sold. */
  actualAverageSaleCents: Cents.nullable(),
  actualSales: z.number().int(),
});

export const MonthlyTarget = z.object({ month: CalendarMonth, targetCents: NonNegativeCents });

export const PipelineSettings = z.object({
  leadToConsultBp: RateBp,
  consultToTreatmentBp: RateBp,
  /** Leads are patients created in the last N days who never bought and have nothing booked. */
  openLeadDays: z.number().int(),
  /** A consult is stalled N days after it with no treatment bought and nothing booked. */
  stallDays: z.number().int(),
  weeklyTargetCents: Cents,
  /** Months with their own target (else the weekly target × days ÷ 7). */
  monthlyTargets: z.array(MonthlyTarget),
  categories: z.array(CategoryAssumption),
});
export type PipelineSettings = z.infer<typeof PipelineSettings>;

export const UpdatePipelineSettingsInput = z.strictObject({
  leadToConsultBp: RateBp.optional(),
  consultToTreatmentBp: RateBp.optional(),
  openLeadDays: z.number().int().min(1).max(730).optional(),
  stallDays: z.number().int().min(1).max(365).optional(),
  weeklyTargetCents: NonNegativeCents.optional(),
  /** A month's target; null removes it (the weekly target applies again). */
  monthlyTargets: z.array(z.strictObject({ month: CalendarMonth, targetCents: NonNegativeCents.nullable() })).max(120).optional(),
  categories: z.array(z.strictObject({ categoryId: Id, averageSaleCents: NonNegativeCents })).max(200).optional(),
});
export type UpdatePipelineSettingsInput = z.input<typeof UpdatePipelineSettingsInput>;

/** People a referral source reached in a month (filled in by a manager: ad impressions, event visitors…). */
export const AwarenessEntry = z.object({ month: CalendarMonth, referralSourceId: Id, referralSourceName: z.string(), reached: z.number().int() });
export const SetAwarenessInput = z.strictObject({
  month: CalendarMonth,
  referralSourceId: Id,
  /** null removes the entry (the month is "not measured" again for this source). */
  reached: z.number().int().min(0).max(100_000_000).nullable(),
});

// ── Projected sales ────────────────────────────────────────────────────────────────────────────────────────────

export const ProjectionOverrides = z.strictObject({
  leadToConsultBp: RateBp.optional(),
  consultToTreatmentBp: RateBp.optional(),
  /** Average sale per category id (a record keyed by the id as text). */
  averageSaleCents: z.record(z.string().regex(/^\d+$/, 'A category id'), NonNegativeCents).optional(),
});

const ProjectionOptions = {
  include: z.strictObject({ leads: z.boolean().default(true) }).default({ leads: true }),
  overrides: ProjectionOverrides.optional(),
};

export const ProjectedSalesInput = periodChecks(z.strictObject({ ...Period, ...ProjectionOptions }));
export type ProjectedSalesInput = z.input<typeof ProjectedSalesInput>;

/** Expected revenue split by where it comes from. */
const Expected = {
  treatments: z.number().int(),
  treatmentsCents: Cents,
  consults: z.number().int(),
  consultsCents: Cents,
  expectedCents: Cents,
};

export const ProjectionAssumptions = z.object({
  leadToConsultBp: RateBp,
  consultToTreatmentBp: RateBp,
  openLeadDays: z.number().int(),
  includeLeads: z.boolean(),
  /** The mean of the categories' average sales (those above zero): what a lead is worth once treated. */
  overallAverageSaleCents: Cents,
  categories: z.array(z.object({ categoryId: Id, categoryName: z.string(), averageSaleCents: Cents, overridden: z.boolean() })),
  /** Which assumptions this answer overrode (the settings are unchanged). */
  overridden: z.array(z.string()),
});

export const ProjectedSales = z.object({
  from: CalendarDate,
  to: CalendarDate,
  assumptions: ProjectionAssumptions,
  totals: z.object({ ...Expected, openLeads: z.number().int(), leadsCents: Cents }),
  byDay: z.array(z.object({ date: CalendarDate, ...Expected })),
  byCategory: z.array(z.object({ categoryId: Id, categoryName: z.string(), ...Expected })),
  byProvider: z.array(z.object({ staffId: Id, staffName: z.string(), ...Expected })),
  /** The same days a year earlier: actual net sales (issued invoices net of tax, less credit notes). */
  lastYear: z.object({ from: CalendarDate, to: CalendarDate, netSalesCents: Cents }),
  /** Month targets pro rata by days, else the weekly target × days ÷ 7; gap = target − expected (negative: ahead). */
  target: z.object({ targetCents: Cents, gapCents: Cents, monthsWithTarget: z.array(CalendarMonth) }),
  /** Call lists that could close the gap: overdue at the start of the period, and falling due within it. */
  gapClosers: z.object({
    delinquent: z.object({ patients: z.number().int(), potentialCents: Cents }),
    dueSoon: z.object({ patients: z.number().int(), potentialCents: Cents }),
  }),
  /** Shown when nothing is booked and there are no leads. */
  emptyText: z.string().nullable(),
});
export type ProjectedSales = z.infer<typeof ProjectedSales>;

// ── Conversion cascade ─────────────────────────────────────────────────────────────────────────────────────────

export const cascadeStages = ['awareness', 'lead', 'consult', 'treatment', 'maintenance', 'crossServices', 'ambassador'] as const;
export type CascadeStage = (typeof cascadeStages)[number];
export const stageLabels: Record<CascadeStage, string> = {
  awareness: 'Awareness',
  lead: 'Lead',
  consult: 'Consult',
  treatment: 'Treatment',
  maintenance: 'Maintenance',
  crossServices: 'Cross-services',
  ambassador: 'Ambassador',
};
/** Each link leads into its stage, from the stage named in `cascadeLinkFrom`. */
export const cascadeLinks = ['lead', 'consult', 'treatment', 'maintenance', 'crossServices', 'ambassador'] as const;
export type CascadeLink = (typeof cascadeLinks)[number];
export const cascadeLinkFrom: Record<CascadeLink, CascadeStage> = {
  lead: 'awareness',
  consult: 'lead',
  treatment: 'consult',
  maintenance: 'treatment',
  crossServices: 'maintenance',
  ambassador: 'treatment',
};
/** The "rule of eights": 80 % at every link. */
export const CASCADE_TARGET_BP = 8_000;

export const ConversionCascadeInput = periodChecks(
  z.strictObject({
    ...Period,
    /** "+N points on one link": the extra patients down the cascade and their revenue, beside the actual figures. */
    whatIf: z.strictObject({ link: z.enum(cascadeLinks), points: z.number().int().min(-100).max(100) }).optional(),
  }),
);
export type ConversionCascadeInput = z.input<typeof ConversionCascadeInput>;

export const CascadeStageRow = z.object({
  stage: z.enum(cascadeStages),
  label: z.string(),
  /** null: not measured (awareness with no entry for the period). */
  patients: z.number().int().nullable(),
  /** Net sales to the stage's patients from their creation to today. */
  revenueCents: Cents,
});

export const CascadeLinkRow = z.object({
  link: z.enum(cascadeLinks),
  from: z.enum(cascadeStages),
  to: z.enum(cascadeStages),
  label: z.string(),
  countIn: z.number().int().nullable(),
  countOut: z.number().int(),
  rateBp: z.number().int().nullable(),
  targetBp: z.number().int(),
  belowTarget: z.boolean().nullable(),
});

export const ConversionCascade = z.object({
  from: CalendarDate,
  to: CalendarDate,
  stages: z.array(CascadeStageRow),
  links: z.array(CascadeLinkRow),
  /** What one more treated, maintained or cross-sold patient is worth: the clinic's overall average sale. */
  averageSaleCents: Cents,
  whatIf: z
    .object({
      link: z.enum(cascadeLinks),
      points: z.number().int(),
      rateBp: z.number().int().nullable(),
      /** Extra patients per stage (the link's own stage and every stage below it). */
      extraPatients: z.array(z.object({ stage: z.enum(cascadeStages), patients: z.number().int() })),
      revenueEffectCents: Cents,
    })
    .nullable(),
  emptyText: z.string().nullable(),
});
export type ConversionCascade = z.infer<typeof ConversionCascade>;

// ── Call lists ─────────────────────────────────────────────────────────────────────────────────────────────────

const Paging = { limit: z.number().int().min(1).max(500).default(100), offset: z.number().int().min(0).default(0) };

export const StalledConsultsInput = z.strictObject({ asOf: CalendarDate.optional(), days: z.number().int().min(1).max(365).optional(), ...Paging });

export const StalledConsultRow = z.object({
  patientId: Id,
  patientNumber: z.string(),
  patientName: z.string(),
  phone: z.string().nullable(),
  appointmentId: Id,
  consultDate: CalendarDate,
  staffId: Id,
  staffName: z.string(),
  categoryId: Id,
  categoryName: z.string(),
  ageDays: z.number().int(),
  doNotContact: z.boolean(),
  /** The patient agreed to phone calls. */
  phoneConsent: z.boolean(),
});

export const StalledConsults = z.object({ asOf: CalendarDate, days: z.number().int(), total: z.number().int(), rows: z.array(StalledConsultRow), emptyText: z.string().nullable() });
export type StalledConsults = z.infer<typeof StalledConsults>;

export const OpenQuotesInput = z.strictObject({ asOf: CalendarDate.optional(), ...Paging });

export const OpenQuoteRow = z.object({
  invoiceId: Id,
  patientId: Id,
  patientNumber: z.string(),
  patientName: z.string(),
  phone: z.string().nullable(),
  appointmentId: Id.nullable(),
  startedOn: CalendarDate,
  ageDays: z.number().int(),
  /** The lines' descriptions, in order. */
  services: z.string(),
  netCents: Cents,
  totalCents: Cents,
  startedById: Id.nullable(),
  startedByName: z.string().nullable(),
  doNotContact: z.boolean(),
});

export const OpenQuotes = z.object({
  asOf: CalendarDate,
  total: z.number().int(),
  /** Value of every open quote (not only this page). */
  totalNetCents: Cents,
  totalCents: Cents,
  rows: z.array(OpenQuoteRow),
  emptyText: z.string().nullable(),
});
export type OpenQuotes = z.infer<typeof OpenQuotes>;

// ── Drill-down ─────────────────────────────────────────────────────────────────────────────────────────────────

/** Which figure's rows: a projected-sales day, category, provider or the leads; a cascade stage. */
export const PipelineRowsKey = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('all') }),
  z.strictObject({ kind: z.literal('day'), date: CalendarDate }),
  z.strictObject({ kind: z.literal('category'), categoryId: Id }),
  z.strictObject({ kind: z.literal('provider'), staffId: Id }),
  z.strictObject({ kind: z.literal('leads') }),
  z.strictObject({ kind: z.literal('stage'), stage: z.enum(cascadeStages) }),
]);

export const PipelineRowsInput = periodChecks(
  z.strictObject({
    report: z.enum(['projectedSales', 'conversionCascade']),
    key: PipelineRowsKey,
    ...Period,
    ...ProjectionOptions,
    ...Paging,
  }),
);
export type PipelineRowsInput = z.input<typeof PipelineRowsInput>;

const Cell = z.union([z.string(), z.number(), z.null()]);
/** The ReportTable of src-shared/reports/document.ts. */
export const ReportTableSchema = z.object({
  kind: z.literal('table'),
  title: z.string(),
  columns: z.array(z.object({ key: z.string(), label: z.string(), format: z.enum(['money', 'percent', 'integer', 'text', 'date', 'days']) })),
  rows: z.array(z.record(z.string(), Cell)),
  totals: z.record(z.string(), Cell).optional(),
  emptyText: z.string(),
});

export const PipelineRows = z.object({
  table: ReportTableSchema,
  /** Rows behind the figure (all pages). */
  total: z.number().int(),
  /** The figure they add up to (money: expected cents; cascade: patients). */
  sum: z.number().int(),
});

export const reportsPipeline = {
  'reports.pipelineSettings': method({
    summary: 'The projection’s assumptions: conversion rates, average sale per category (and the last 12 months’ actual), open-lead window, stall threshold, weekly and monthly targets.',
    input: z.strictObject({}),
    output: PipelineSettings,
    permission: 'reports.read',
    transaction: 'read',
    errors: [],
  }),
  'reports.updatePipelineSettings': method({
    summary: 'Change the projection’s assumptions (rates 0–100 %, amounts ≥ 0, a month’s target or none); audited.',
    input: UpdatePipelineSettingsInput,
    output: PipelineSettings,
    permission: 'settings.manage',
    transaction: 'write',
    errors: ['invalid_input', 'not_found'],
  }),
  'reports.awareness': method({
    summary: 'People reached per referral source per month (the cascade’s awareness), for a range of months.',
    input: z.strictObject({ from: CalendarMonth, to: CalendarMonth }).refine((p) => p.from <= p.to, { message: 'The range ends before it starts.', path: ['to'] }),
    output: z.array(AwarenessEntry),
    permission: 'reports.read',
    transaction: 'read',
    errors: ['invalid_input'],
  }),
  'reports.setAwareness': method({
    summary: 'Record how many people a referral source reached in a month (null removes it); audited.',
    input: SetAwarenessInput,
    output: z.object({ ok: z.literal(true) }),
    permission: 'settings.manage',
    transaction: 'write',
    errors: ['invalid_input', 'not_found'],
  }),
  'reports.projectedSales': method({
    summary: 'Expected revenue for a period: booked treatments at their price + booked consults × consult→treatment × category ASP + open leads × both rates × ASP; by day, category and provider; last year, target, gap and the call lists that could close it.',
    input: ProjectedSalesInput,
    output: ProjectedSales,
    permission: 'reports.read',
    transaction: 'read',
    errors: ['invalid_input', 'not_found'],
  }),
  'reports.conversionCascade': method({
    summary: 'The patients created in a period through awareness → lead → consult → treatment → maintenance → cross-services, and treatment → ambassador: counts, rates against 80 %, revenue, and a what-if.',
    input: ConversionCascadeInput,
    output: ConversionCascade,
    permission: 'reports.read',
    transaction: 'read',
    errors: ['invalid_input'],
  }),
  'reports.stalledConsults': method({
    summary: 'Consults done more than N days ago with no treatment bought since and nothing booked: a call list.',
    input: StalledConsultsInput,
    output: StalledConsults,
    permission: 'reports.read',
    transaction: 'read',
    errors: ['invalid_input'],
  }),
  'reports.openQuotes': method({
    summary: 'Quotes on the table: draft invoices of a patient not yet issued, with value, age, services and who started them.',
    input: OpenQuotesInput,
    output: OpenQuotes,
    permission: 'reports.read',
    transaction: 'read',
    errors: ['invalid_input'],
  }),
  'reports.pipelineRows': method({
    summary: 'The rows behind a projected-sales or cascade figure (appointments, leads or patients), paged; they add up to it.',
    input: PipelineRowsInput,
    output: PipelineRows,
    permission: 'reports.read',
    transaction: 'read',
    errors: ['invalid_input', 'not_found'],
  }),
} as const;
