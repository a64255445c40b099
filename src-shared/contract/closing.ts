import { z } from 'zod';
import { method } from './method';
import { CalendarDate, Cents, Id, Instant, NonNegativeCents, OneLineText } from './common';
import { tenders } from './checkout';

/** Money per tender over a day: taken in, refunded out, and the net. */
export const TenderTakings = z.object({
  tender: z.enum(tenders),
  count: z.number().int(),
  takenCents: Cents,
  refundedCents: Cents,
  netCents: Cents,
});

/** The day's figures of one till (or the whole clinic): the Z report without the drawer count. */
export const ZReportFigures = z.object({
  tenders: z.array(TenderTakings),
  /** Money taken, net of refunds: cash, card and transfer. */
  takingsCents: Cents,
  /** Stored value, gift cards and packages spent, net of what went back on them. */
  prepaidRedeemedCents: Cents,
  /** Loyalty points paid with, net of points given back (neither takings nor prepaid; 0 in closes from before points). */
  pointsRedeemedCents: Cents.default(0),
  /** Cash handed back as change (already left out of cash taken). */
  changeGivenCents: Cents,
  refunds: z.object({
    count: z.number().int(),
    totalCents: Cents,
    refundedCents: Cents,
    byRefundTo: z.array(z.object({ refundTo: z.enum(['originalTender', 'storeCredit']), count: z.number().int(), totalCents: Cents, refundedCents: Cents })),
    notes: z.array(z.object({ number: z.string(), invoiceNumber: z.string().nullable(), reason: z.string(), refundTo: z.enum(['originalTender', 'storeCredit']), totalCents: Cents, refundedCents: Cents })),
  }),
  voids: z.object({
    count: z.number().int(),
    totalCents: Cents,
    invoices: z.array(z.object({ number: z.string().nullable(), totalCents: Cents, reason: z.string() })),
  }),
  /** Line and invoice discounts on the invoices issued that day. */
  discountsCents: Cents,
  issued: z.object({
    count: z.number().int(),
    netCents: Cents,
    taxCents: Cents,
    totalCents: Cents,
    taxes: z.array(z.object({ rateMillipercent: z.number().int(), netCents: Cents, taxCents: Cents })),
  }),
  /** Still owed on the invoices issued that day. */
  owedCents: Cents,
  cash: z.object({ openingFloatCents: NonNegativeCents, takenCents: Cents, refundedCents: Cents, expectedCents: Cents }),
});
export type ZReportFigures = z.infer<typeof ZReportFigures>;

export const Denomination = z.strictObject({ valueCents: z.number().int().min(1).max(1_000_000_00), count: z.number().int().min(0).max(100_000) });

export const DayCloseRecord = z.object({
  id: Id,
  workstationNumber: z.number().int(),
  workstationName: z.string(),
  date: CalendarDate,
  openingFloatCents: NonNegativeCents,
  expectedCashCents: Cents,
  countedCents: NonNegativeCents,
  differenceCents: Cents,
  floatLeftCents: NonNegativeCents,
  /** What leaves the drawer for the bank: counted less the float left. */
  bankedCents: NonNegativeCents,
  denominations: z.array(z.object({ valueCents: z.number().int(), count: z.number().int() })),
  note: z.string(),
  closedBy: z.string().nullable(),
  closedAt: Instant,
});
export type DayCloseRecord = z.infer<typeof DayCloseRecord>;

export const ZReport = z.object({
  date: CalendarDate,
  scope: z.enum(['till', 'clinic']),
  /** The till's workstation; null for the clinic's total. */
  workstation: z.object({ number: z.number().int(), name: z.string() }).nullable(),
  clinicName: z.string(),
  currency: z.string(),
  figures: ZReportFigures,
  /** Till: its close, if the day is closed (figures are then as they were at close). Clinic: every till's close that day. */
  closes: z.array(DayCloseRecord),
  /** A closed till whose day now reads differently (a change arrived after close): the stored figures stand. */
  changedSinceClose: z.boolean(),
});
export type ZReport = z.infer<typeof ZReport>;

export const CloseDayInput = z.strictObject({
  date: CalendarDate.optional(),
  /** The float the drawer started with; by default what the till's previous close left in it. */
  openingFloatCents: NonNegativeCents.max(1_000_000_00).optional(),
  /** The drawer count as one amount, or by denomination (then the sum; both given must agree). */
  countedCents: NonNegativeCents.max(1_000_000_000_00).optional(),
  denominations: z.array(Denomination).max(40).default([]),
  /** Cash left in the drawer as tomorrow's float (the rest is banked); by default the opening float, or all of it if less was counted. */
  floatLeftCents: NonNegativeCents.max(1_000_000_00).optional(),
  /** Why the count differs from what was expected: required when it does. */
  note: OneLineText.max(500).default(''),
});
export type CloseDayInput = z.input<typeof CloseDayInput>;

export const commissionKinds = ['percent', 'perUnit'] as const;

export const CommissionRate = z.object({
  id: Id,
  staffId: Id,
  staffName: z.string(),
  serviceCategoryId: Id.nullable(),
  serviceId: Id.nullable(),
  /** "Default", the category's or the service's name. */
  appliesTo: z.string(),
  kind: z.enum(commissionKinds),
  value: z.number().int(),
});
export type CommissionRate = z.infer<typeof CommissionRate>;

export const CommissionRateInput = z
  .strictObject({
    staffId: Id,
    serviceCategoryId: Id.nullable().default(null),
    serviceId: Id.nullable().default(null),
    kind: z.enum(commissionKinds),
    /** Basis points of the line's net (1250 = 12.5 %), or minor units per unit sold. */
    value: z.number().int().min(0).max(1_000_000_00),
  })
  .refine((rate) => rate.serviceCategoryId === null || rate.serviceId === null, { message: 'A rate is for a category or a service, not both', path: ['serviceId'] })
  .refine((rate) => rate.kind !== 'percent' || rate.value <= 10_000, { message: 'A percentage is at most 100 %', path: ['value'] });
export type CommissionRateInput = z.input<typeof CommissionRateInput>;

export const CommissionLine = z.object({
  kind: z.enum(['sale', 'clawback']),
  /** Clinic-local date the line was earned (issued) or clawed back (credit note, void). */
  date: CalendarDate,
  invoiceId: Id,
  invoiceNumber: z.string().nullable(),
  /** The credit note that clawed it back; null for a sale or a void. */
  creditNoteNumber: z.string().nullable(),
  patientName: z.string().nullable(),
  description: z.string(),
  quantity: z.number().int(),
  netCents: Cents,
  /** "12.5 %", "5.00 per unit", or "no rate". */
  rate: z.string(),
  commissionCents: Cents,
  /** Still owed on the invoice now (0 or less: paid), so a manager can hold back commission on unpaid sales. */
  invoiceDueCents: Cents,
});
export type CommissionLine = z.infer<typeof CommissionLine>;

export const CommissionStatement = z.object({
  staffId: Id,
  staffName: z.string(),
  from: CalendarDate,
  to: CalendarDate,
  currency: z.string(),
  lines: z.array(CommissionLine),
  salesNetCents: Cents,
  clawbackNetCents: Cents,
  earnedCents: Cents,
  clawedBackCents: Cents,
  totalCents: Cents,
});
export type CommissionStatement = z.infer<typeof CommissionStatement>;

const Period = z.strictObject({ staffId: Id, from: CalendarDate, to: CalendarDate }).refine((p) => p.from <= p.to, { message: 'The period ends before it starts', path: ['to'] });

export const closing = {
  'closing.report': method({
    summary: 'The Z report of a clinic-local day (default today): this till’s, or the clinic’s total; a closed till’s figures are as they were at close.',
    input: z.strictObject({ date: CalendarDate.optional(), scope: z.enum(['till', 'clinic']).default('till'), openingFloatCents: NonNegativeCents.max(1_000_000_00).optional() }),
    output: ZReport,
    permission: 'closing.read',
    transaction: 'read',
    errors: ['invalid_input'],
  }),
  'closing.close': method({
    summary: 'Close this till’s day: the drawer count against the expected cash, the difference with a note; the day’s documents never change again.',
    input: CloseDayInput,
    output: ZReport,
    permission: 'closing.close',
    transaction: 'write',
    errors: ['invalid_input', 'conflict'],
  }),
  'closing.list': method({
    summary: 'Every till’s closes between two clinic-local dates, newest first.',
    input: z.strictObject({ from: CalendarDate, to: CalendarDate }),
    output: z.array(DayCloseRecord),
    permission: 'closing.read',
    transaction: 'read',
    errors: ['invalid_input'],
  }),
  'commission.rates': method({
    summary: 'Commission rates of every provider: defaults, per category and per service.',
    input: z.strictObject({ staffId: Id.optional() }),
    output: z.array(CommissionRate),
    permission: 'commission.read',
    transaction: 'read',
    errors: ['invalid_input'],
  }),
  'commission.saveRate': method({
    summary: 'Set a provider’s commission rate (default, for a category or for a service): percent of net or an amount per unit.',
    input: CommissionRateInput,
    output: CommissionRate,
    permission: 'commission.manage',
    transaction: 'write',
    errors: ['invalid_input', 'not_found'],
  }),
  'commission.removeRate': method({
    summary: 'Remove a commission rate (the next less specific one applies).',
    input: z.strictObject({ id: Id }),
    output: z.object({ ok: z.literal(true) }),
    permission: 'commission.manage',
    transaction: 'write',
    errors: ['invalid_input', 'not_found'],
  }),
  'commission.statement': method({
    summary: 'A provider’s commission over clinic-local dates: each line they sold, credit notes and voids clawed back, totals.',
    input: Period,
    output: CommissionStatement,
    permission: 'commission.read',
    transaction: 'read',
    errors: ['invalid_input', 'not_found'],
  }),
} as const;
