import { z } from 'zod';
import { method } from './method';
import { CalendarDate, Cents, Id } from './common';

/**
 * Sales reports (issue 17): sales by category and by provider, coupon ROI, referral-source ROI, and the rows behind
 * any of their figures. Net sales are defined once (docs/ARCHITECTURE.md, "Sales reports"): issued invoices' lines net
 * of tax by the clinic-local day of issue, less credit notes on the day they are made; gift cards and top-ups are not
 * sales until spent; a package counts once, at sale or at redemption (`packageRevenue`).
 */

/** Rates and shares in basis points (6000 = 60.00 %); null when the denominator is zero (shown "—"). */
const BasisPoints = z.number().int().nullable();
const Count = z.number().int().min(0);

/** A clinic-local period, both days included; reversed is refused beside `to`. */
export const ReportPeriod = z.strictObject({ from: CalendarDate, to: CalendarDate });
const inOrder = (p: { from: string; to: string }) => p.from <= p.to;
const reversed = { message: 'The period ends before it starts.', path: ['to'] };

export const packageRevenueModes = ['sale', 'redemption'] as const;
export type PackageRevenueMode = (typeof packageRevenueModes)[number];
export const SalesSettings = z.strictObject({
  /** When a package's price is revenue: the day it is sold (default), or share by share as its units are used. */
  packageRevenue: z.enum(packageRevenueModes),
});
export type SalesSettings = z.output<typeof SalesSettings>;

/** A category of the catalogue, or the sales no category holds: retail products and other lines (a fee). */
export const CategoryKey = z.union([Id, z.enum(['retail', 'other'])]);
export type CategoryKey = z.infer<typeof CategoryKey>;

const comparisons = ['previousPeriod', 'lastYear', 'none'] as const;

export const SalesByCategoryInput = z.strictObject({ from: CalendarDate, to: CalendarDate, compareWith: z.enum(comparisons).default('previousPeriod') }).refine(inOrder, reversed);
export type SalesByCategoryInput = z.input<typeof SalesByCategoryInput>;

const Comparison = {
  /** The comparison period's net sales, and the change to it (amount and basis points of it; null without one). */
  compareAmountCents: Cents.nullable(),
  changeCents: Cents.nullable(),
  changeBp: BasisPoints,
};

export const CategorySalesRow = z.object({
  category: CategoryKey,
  name: z.string(),
  /** Net sales: lines (or package redemptions) less credit notes, in the period. */
  amountCents: Cents,
  /** Share of the period's total net sales. */
  shareBp: BasisPoints,
  /** Invoices with a sale of the category in the period (distinct). */
  count: Count,
  averageSaleCents: Cents.nullable(),
  /** Credit notes of the category's lines made in the period (a positive amount, already taken off `amountCents`). */
  refundsCents: Cents,
  ...Comparison,
});

export const SalesByCategory = z.object({
  from: CalendarDate,
  to: CalendarDate,
  comparePeriod: ReportPeriod.nullable(),
  packageRevenue: z.enum(packageRevenueModes),
  rows: z.array(CategorySalesRow),
  totals: z.object({ amountCents: Cents, count: Count, averageSaleCents: Cents.nullable(), refundsCents: Cents, ...Comparison }),
  /** For the chart: per month when the period is longer than a month, else per day; one series per row. */
  trend: z.object({
    granularity: z.enum(['day', 'month']),
    /** YYYY-MM-DD (days) or YYYY-MM (months). */
    buckets: z.array(z.string()),
    series: z.array(z.object({ category: CategoryKey, name: z.string(), amountsCents: z.array(Cents) })),
  }),
  /** Set when there is nothing to show (the screen shows it instead of an empty table). */
  emptyText: z.string().nullable(),
});
export type SalesByCategory = z.infer<typeof SalesByCategory>;

export const SalesByProviderInput = z.strictObject({ from: CalendarDate, to: CalendarDate, providerId: Id.optional() }).refine(inOrder, reversed);
export const PeriodInput = ReportPeriod.refine(inOrder, reversed);

export const ProviderSalesRow = z.object({
  /** The line's provider; null: lines sold without one ("No provider"). */
  staffId: Id.nullable(),
  name: z.string(),
  servicesCents: Cents,
  retailCents: Cents,
  packagesCents: Cents,
  otherCents: Cents,
  /** Credit notes of their lines made in the period (positive; already taken off `netCents`). */
  refundsCents: Cents,
  netCents: Cents,
  invoices: Count,
  averageTicketCents: Cents.nullable(),
  /** Patients on their service lines in the period. */
  patients: Count,
  /** Of those, with a later visit booked within 90 days of their last visit with this provider, or still ahead. */
  rebooked: Count,
  rebookingRateBp: BasisPoints,
});

export const SalesByProvider = z.object({
  from: CalendarDate,
  to: CalendarDate,
  packageRevenue: z.enum(packageRevenueModes),
  rows: z.array(ProviderSalesRow),
  totals: ProviderSalesRow.omit({ staffId: true, name: true }),
  emptyText: z.string().nullable(),
});
export type SalesByProvider = z.infer<typeof SalesByProvider>;

const RoiFigures = {
  /** Coupon uses in the period: issued (+1) less taken back (−1). */
  redemptions: z.number().int(),
  discountCents: Cents,
  /** Net sales of the redeeming invoices (still issued), less their credit notes up to the end of the period. */
  revenueCents: Cents,
  /** Those patients' net sales after their redeeming invoice, up to the end of the period (or now, if sooner). */
  laterRevenueCents: Cents,
  /** Patients whose redeeming invoice was their first purchase. */
  newPatients: Count,
  costCents: Cents,
  /** (revenue + later revenue − discount − cost) ÷ (discount + cost); null when that is zero. */
  roiBp: BasisPoints,
};

export const CouponRoiRow = z.object({ couponId: Id, name: z.string(), campaignId: Id, campaignName: z.string(), ...RoiFigures });
export const CampaignRoiRow = z.object({ campaignId: Id, name: z.string(), channel: z.string(), ...RoiFigures });

export const CouponRoi = z.object({
  from: CalendarDate,
  to: CalendarDate,
  coupons: z.array(CouponRoiRow),
  campaigns: z.array(CampaignRoiRow),
  totals: z.object(RoiFigures),
  emptyText: z.string().nullable(),
});
export type CouponRoi = z.infer<typeof CouponRoi>;

/** A referral source, a patient who referred them, or no source recorded. */
export const SourceKey = z.union([Id, z.enum(['patient', 'unknown'])]);
export type SourceKey = z.infer<typeof SourceKey>;

export const ReferralRoiRow = z.object({
  source: SourceKey,
  name: z.string(),
  channel: z.string().nullable(),
  /** Patients created in the period with this source. */
  leads: Count,
  /** Of those, who have bought anything so far. */
  patients: Count,
  conversionBp: BasisPoints,
  /** Their net sales in the 365 days from their first purchase. */
  firstYearRevenueCents: Cents,
  lifetimeRevenueCents: Cents,
  /** The source's monthly cost over the period, pro rata by days. */
  costCents: Cents,
  costPerPatientCents: Cents.nullable(),
  /** (lifetime revenue − cost) ÷ cost; null without a cost. */
  roiBp: BasisPoints,
});

export const ReferralRoi = z.object({
  from: CalendarDate,
  to: CalendarDate,
  rows: z.array(ReferralRoiRow),
  totals: ReferralRoiRow.omit({ source: true, name: true, channel: true }),
  emptyText: z.string().nullable(),
});
export type ReferralRoi = z.infer<typeof ReferralRoi>;

export const salesReports = ['salesByCategory', 'salesByProvider', 'couponRoi', 'referralRoi'] as const;

/** Which figure's rows: the category, provider (null: no provider), coupon or source of a report's row. */
export const SalesRowsInput = z
  .strictObject({
    from: CalendarDate,
    to: CalendarDate,
    report: z.enum(salesReports),
  key: z.union([Id, z.enum(['retail', 'other', 'none', 'patient', 'unknown'])]),
    limit: z.number().int().min(1).max(500).default(100),
    offset: z.number().int().min(0).default(0),
  })
  .refine(inOrder, reversed);
export type SalesRowsInput = z.input<typeof SalesRowsInput>;

const CellValue = z.union([z.string(), z.number(), z.null()]);
const Column = z.object({ key: z.string(), label: z.string(), format: z.enum(['money', 'percent', 'integer', 'text', 'date', 'days']) });
/** A `ReportTable` (src-shared/reports/document.ts); rows carry `patientId` / `invoiceId` for links. */
export const SalesRowsTable = z.object({
  kind: z.literal('table'),
  title: z.string(),
  columns: z.array(Column),
  rows: z.array(z.record(z.string(), CellValue)),
  totals: z.record(z.string(), CellValue).optional(),
  emptyText: z.string(),
});

export const SalesRows = z.object({ table: SalesRowsTable, total: Count });

export const reportsSales = {
  'reports.salesByCategory': method({
    summary: 'Net sales per category ranked (amount, share of the total, invoices, average sale, refunds), against the previous period or last year, with a daily or monthly trend.',
    input: SalesByCategoryInput,
    output: SalesByCategory,
    permission: 'reports.read',
    transaction: 'read',
    errors: ['invalid_input'],
  }),
  'reports.salesByProvider': method({
    summary: 'Per provider: services, retail, packages, refunds and net sales, invoices, average ticket, patients and their rebooking rate.',
    input: SalesByProviderInput,
    output: SalesByProvider,
    permission: 'reports.read',
    transaction: 'read',
    errors: ['invalid_input', 'not_found'],
  }),
  'reports.couponRoi': method({
    summary: 'Per coupon and campaign: redemptions, discount given, revenue of the redeeming invoices and the patients’ later purchases, new patients, cost and ROI.',
    input: PeriodInput,
    output: CouponRoi,
    permission: 'reports.read',
    transaction: 'read',
    errors: ['invalid_input'],
  }),
  'reports.referralRoi': method({
    summary: 'Per referral source: leads, patients, conversion, first-year and lifetime revenue, cost over the period, cost per acquired patient and ROI.',
    input: PeriodInput,
    output: ReferralRoi,
    permission: 'reports.read',
    transaction: 'read',
    errors: ['invalid_input'],
  }),
  'reports.salesRows': method({
    summary: 'The rows behind one figure of a sales report (invoice lines, credit notes, redemptions, redeeming invoices or patients), paged; they add up to the figure.',
    input: SalesRowsInput,
    output: SalesRows,
    permission: 'reports.read',
    transaction: 'read',
    errors: ['invalid_input', 'not_found'],
  }),
  'reports.salesSettings': method({
    summary: 'How the sales reports count package revenue: at sale (default) or at redemption.',
    input: z.strictObject({}),
    output: SalesSettings,
    permission: 'reports.read',
    transaction: 'read',
    errors: [],
  }),
  'reports.saveSalesSettings': method({
    summary: 'Change when package revenue counts (at sale or at redemption); audited.',
    input: SalesSettings,
    output: SalesSettings,
    permission: 'settings.manage',
    transaction: 'write',
    errors: ['invalid_input'],
  }),
} as const;
