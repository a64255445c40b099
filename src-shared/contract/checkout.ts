import { z } from 'zod';
import { method } from './method';
import { CalendarDate, Cents, Id, Instant, LongText, NonNegativeCents, OneLineText, Password } from './common';

export const Discount = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('percent'), basisPoints: z.number().int().min(1).max(10_000) }),
  z.strictObject({ kind: z.literal('amount'), cents: z.number().int().min(1).max(1_000_000_000_00) }),
]);
export type Discount = z.infer<typeof Discount>;

/** One line as the desk enters it; the price and tax rate come from the service unless given. */
export const LineInput = z.strictObject({
  serviceId: Id.optional(),
  /** A product from inventory: description, price and tax come from it unless given; its stock leaves when the invoice is issued. */
  productId: Id.optional(),
  /** The lot to sell from; without it the first-expiring lots go first. */
  lotId: Id.optional(),
  description: OneLineText.min(1).max(200).optional(),
  /** Who performed or sold it (commission, sales by provider). */
  staffId: Id.nullable().default(null),
  quantity: z.number().int().min(1).max(10_000).default(1),
  unitPriceCents: NonNegativeCents.optional(),
  discount: Discount.nullable().default(null),
  taxRateMillipercent: z.number().int().min(0).max(100_000).optional(),
  /** Sells a package of sessions or units: price and tax from the plan and the service it covers. */
  packagePlanId: Id.optional(),
  /** Sells a stored-value top-up (amount and bonus from the plan; no tax until the value is spent). */
  topUpPlanId: Id.optional(),
  /** Sells a gift card of this value (no tax until it is spent); a code for a pre-printed card, else one is made. */
  giftCard: z.strictObject({ amountCents: z.number().int().min(100).max(1_000_000_00), code: z.string().trim().min(4).max(24).optional() }).optional(),
});
export type LineInput = z.input<typeof LineInput>;

export const invoiceStatuses = ['draft', 'issued', 'void'] as const;
/** Where the money stands: follows from payments and credit notes, never set by hand. */
export const paymentStates = ['unpaid', 'partlyPaid', 'paid', 'refunded'] as const;
export const tenders = ['cash', 'card', 'transfer', 'storedValue', 'giftCard', 'package', 'points'] as const;
/** Tenders that spend what was paid for earlier (its money was taken when it was sold): not takings of the day. */
export const prepaidTenders: readonly (typeof tenders)[number][] = ['storedValue', 'giftCard', 'package'];
/** Loyalty points paid with: neither money taken nor prepaid value, a line of its own in the day's report. */
export const pointsTender = 'points' satisfies (typeof tenders)[number];

export const InvoiceLine = z.object({
  id: Id,
  position: z.number().int(),
  serviceId: Id.nullable(),
  productId: Id.nullable(),
  lotId: Id.nullable(),
  description: z.string(),
  staffId: Id.nullable(),
  staffName: z.string().nullable(),
  quantity: z.number().int(),
  unitPriceCents: Cents,
  discount: Discount.nullable(),
  taxRateMillipercent: z.number().int(),
  grossCents: Cents,
  discountCents: Cents,
  netCents: Cents,
  taxCents: Cents,
  totalCents: Cents,
  /** Units already returned by credit notes. */
  refundedQuantity: z.number().int(),
  packagePlanId: Id.nullable(),
  topUpPlanId: Id.nullable(),
  giftCard: z.object({ amountCents: Cents, code: z.string().nullable() }).nullable(),
});

export const Payment = z.object({
  id: Id,
  tender: z.enum(tenders),
  amountCents: Cents,
  tenderedCents: Cents.nullable(),
  changeCents: Cents.nullable(),
  reference: z.string(),
  creditNoteId: Id.nullable(),
  takenAt: Instant,
  takenBy: z.string().nullable(),
  giftCardId: Id.nullable(),
  patientPackageId: Id.nullable(),
  /** Package tender: sessions or units taken (negative: given back). */
  units: z.number().int().nullable(),
  /** Points tender: points spent (negative: given back). */
  points: z.number().int().nullable(),
});

export const CreditNoteSummary = z.object({ id: Id, number: z.string(), reason: z.string(), refundTo: z.enum(['originalTender', 'storeCredit']), totalCents: Cents, createdAt: Instant });

export const Invoice = z.object({
  id: Id,
  number: z.string().nullable(),
  status: z.enum(invoiceStatuses),
  paymentState: z.enum(paymentStates),
  patientId: Id.nullable(),
  patientName: z.string().nullable(),
  appointmentId: Id.nullable(),
  pricesIncludeTax: z.boolean(),
  taxRounding: z.enum(['line', 'invoice']),
  discount: Discount.nullable(),
  lines: z.array(InvoiceLine),
  grossCents: Cents,
  discountCents: Cents,
  netCents: Cents,
  taxCents: Cents,
  totalCents: Cents,
  taxes: z.array(z.object({ rateMillipercent: z.number().int(), netCents: Cents, taxCents: Cents })),
  creditedCents: Cents,
  paidCents: Cents,
  /** What is still owed: total − credited − paid (negative: owed back to the patient). */
  dueCents: Cents,
  payments: z.array(Payment),
  creditNotes: z.array(CreditNoteSummary),
  /** The coupon applied (promotions), what it took off, and its rules so the draft's live totals follow it. */
  coupon: z
    .object({ code: z.string(), name: z.string(), discountCents: Cents, discount: Discount, serviceIds: z.array(Id), categoryIds: z.array(Id) })
    .nullable(),
  /**
   * The patient's loyalty tier discount as the draft was last written (frozen once issued): its percent in basis
   * points on the lines of its categories (none listed: every line but stored value), and what it took off.
   */
  memberDiscount: z.object({ tier: z.string(), basisPoints: z.number().int(), categoryIds: z.array(Id), discountCents: Cents }).nullable(),
  notes: z.string(),
  issuedAt: Instant.nullable(),
  voidedAt: Instant.nullable(),
  voidReason: z.string().nullable(),
  createdAt: Instant,
});
export type Invoice = z.infer<typeof Invoice>;

export const InvoiceSummary = Invoice.pick({ id: true, number: true, status: true, paymentState: true, totalCents: true, dueCents: true, issuedAt: true, createdAt: true, appointmentId: true });
export type InvoiceSummary = z.infer<typeof InvoiceSummary>;

export const TenderInput = z.strictObject({
  tender: z.enum(tenders),
  /** What goes against the invoice. A package pays what its covered lines cost: leave it out, or give exactly that. */
  amountCents: z.number().int().min(1).max(1_000_000_000_00).optional(),
  /** Cash only: what the patient handed over (the change is the difference). */
  tenderedCents: z.number().int().min(1).max(1_000_000_000_00).optional(),
  /** Card or transfer reference as typed in. */
  reference: OneLineText.max(80).default(''),
  /** Gift card tender: the card's code as typed or scanned. */
  giftCardCode: z.string().trim().min(4).max(24).optional(),
  /** Package tender: the patient's package that pays the lines it covers. */
  patientPackageId: Id.optional(),
  /**
   * Points tender: the points to use. They pay points × the program's redemption value, rounded down to the minor
   * unit (`amountCents` may be left out, or must equal that). Refused beyond what the patient can redeem today,
   * below the program's minimum, without a patient, or while the program is off.
   */
  points: z.number().int().min(1).max(1_000_000_000).optional(),
});
export type TenderInput = z.output<typeof TenderInput>;

/** The sign-in of a staff member approving a discount above the seller's limit (promotions). */
export const DiscountApprovalInput = z.strictObject({ username: z.string().trim().toLowerCase().min(1).max(40), password: Password });

export const DraftInput = z.strictObject({
  id: Id,
  patientId: Id.nullable().optional(),
  lines: z.array(LineInput).max(200),
  discount: Discount.nullable().default(null),
  notes: LongText.default(''),
  /** A coupon code to apply; null removes the coupon, left out keeps the draft's coupon (checked again). */
  couponCode: OneLineText.min(1).max(32).nullable().optional(),
  approval: DiscountApprovalInput.optional(),
});

export const CreditNoteInput = z.strictObject({
  invoiceId: Id,
  lines: z.array(z.strictObject({ invoiceLineId: Id, quantity: z.number().int().min(1).max(10_000) })).min(1).max(200),
  reason: OneLineText.min(2).max(300),
  refundTo: z.enum(['originalTender', 'storeCredit']),
  /** Returned products go back into stock (the lots they came from); false for damaged or opened goods. */
  restock: z.boolean().default(true),
});

export const PatientBalance = z.object({
  patientId: Id,
  /** What the patient owes across issued invoices (arrears). */
  owedCents: Cents,
  storedValueCents: Cents,
  openInvoices: z.array(InvoiceSummary),
});

/** One visit of the day as reception sees it: who, when, where it stands, and what is owed. */
export const TodayRow = z.object({
  appointmentId: Id,
  startsAt: Instant,
  endsAt: Instant,
  status: z.enum(['booked', 'confirmed', 'arrived', 'inTreatment', 'completed', 'checkedOut', 'cancelled', 'noShow']),
  patientId: Id,
  patientName: z.string(),
  patientNumber: z.string(),
  allergyAlert: z.boolean(),
  services: z.array(z.object({ name: z.string(), providerName: z.string() })),
  invoice: z.object({ id: Id, number: z.string().nullable(), status: z.enum(invoiceStatuses), paymentState: z.enum(paymentStates), dueCents: Cents }).nullable(),
  /** What the patient owes across all their issued invoices (arrears), this visit's included. */
  owedCents: Cents,
});
export type TodayRow = z.infer<typeof TodayRow>;

export const checkout = {
  'checkout.today': method({
    summary: 'Reception’s day: the day’s visits in time order with status, allergy alert, invoice and what each patient owes.',
    input: z.strictObject({ date: CalendarDate.optional(), includeCancelled: z.boolean().default(false) }),
    output: z.array(TodayRow),
    permission: 'checkout.sell',
    transaction: 'read',
    errors: ['invalid_input'],
  }),
  'invoices.createDraft': method({
    summary: 'Start an invoice: from an appointment (prefilled with its services and providers), for a patient, or a walk-in sale.',
    input: z.strictObject({ appointmentId: Id.optional(), patientId: Id.optional(), lines: z.array(LineInput).max(200).default([]) }),
    output: Invoice,
    permission: 'checkout.sell',
    transaction: 'write',
    errors: ['invalid_input', 'not_found', 'conflict'],
  }),
  'invoices.saveDraft': method({
    summary: 'Replace a draft’s lines, discount, coupon, patient and notes; totals are computed by the clinic’s tax rules. A discount above the seller’s limit needs an approval.',
    input: DraftInput,
    output: Invoice,
    permission: 'checkout.sell',
    transaction: 'write',
    errors: ['invalid_input', 'not_found', 'invalid_transition', 'conflict', 'approval_required', 'forbidden', 'account_locked'],
  }),
  'invoices.get': method({
    summary: 'One invoice with its lines, payments, credit notes and what is still due.',
    input: z.strictObject({ id: Id }),
    output: Invoice,
    permission: 'checkout.sell',
    transaction: 'read',
    errors: ['invalid_input', 'not_found'],
  }),
  'invoices.forPatient': method({
    summary: 'A patient’s invoices, newest first.',
    input: z.strictObject({ patientId: Id }),
    output: z.array(InvoiceSummary),
    permission: 'checkout.sell',
    transaction: 'read',
    errors: ['invalid_input', 'not_found'],
  }),
  'invoices.issue': method({
    summary: 'Issue a draft: it takes the next number of this workstation’s series and never changes again; its coupon is checked again and redeemed, its products leave stock.',
    input: z.strictObject({ id: Id, /** Sell products past the recorded stock (the seller checked the shelf). */ sellBeyondStock: z.boolean().default(false) }),
    output: Invoice,
    permission: 'checkout.sell',
    transaction: 'write',
    errors: ['invalid_input', 'not_found', 'invalid_transition', 'conflict'],
  }),
  'invoices.backToDraft': method({
    summary: 'Take an issued invoice back to draft (its number stays), until a payment is taken.',
    input: z.strictObject({ id: Id }),
    output: Invoice,
    permission: 'checkout.sell',
    transaction: 'write',
    errors: ['invalid_input', 'not_found', 'invalid_transition'],
  }),
  'invoices.void': method({
    summary: 'Void an issued invoice with a reason (nothing may be paid on it; refund first).',
    input: z.strictObject({ id: Id, reason: OneLineText.min(2).max(300) }),
    output: Invoice,
    permission: 'checkout.void',
    transaction: 'write',
    errors: ['invalid_input', 'not_found', 'invalid_transition'],
  }),
  'payments.take': method({
    summary: 'Take payment on an issued invoice, split across tenders; cash may be more than due (change is given).',
    input: z.strictObject({ invoiceId: Id, tenders: z.array(TenderInput).min(1).max(10) }),
    output: z.object({ invoice: Invoice, changeCents: Cents }),
    permission: 'checkout.sell',
    transaction: 'write',
    errors: ['invalid_input', 'not_found', 'invalid_transition', 'conflict'],
  }),
  'checkout.commit': method({
    summary: 'Finish a sale in one step: issue a draft (or a sale given by its lines) and take its payment, all or nothing.',
    input: z
      .strictObject({
        /** The draft to finish, as last saved; or none, for a sale given here by its lines. */
        id: Id.optional(),
        appointmentId: Id.optional(),
        patientId: Id.optional(),
        lines: z.array(LineInput).max(200).optional(),
        /** None leaves the invoice issued and owed. */
        tenders: z.array(TenderInput).max(10).default([]),
        /** Sell products past the recorded stock (the seller checked the shelf). */
        sellBeyondStock: z.boolean().default(false),
      })
      .refine((sale) => (sale.id === undefined) !== (sale.lines === undefined), { message: 'Give the draft to finish (id) or the lines of a new sale, not both.', path: ['lines'] })
      .refine((sale) => sale.id === undefined || (sale.appointmentId === undefined && sale.patientId === undefined), { message: 'A draft already has its patient and visit.', path: ['id'] }),
    output: z.object({ invoice: Invoice, changeCents: Cents }),
    permission: 'checkout.sell',
    transaction: 'write',
    errors: ['invalid_input', 'not_found', 'invalid_transition', 'conflict'],
  }),
  'creditNotes.create': method({
    summary: 'Refund or correct an issued invoice by line (units of each line), to the original tenders or to store credit.',
    input: CreditNoteInput,
    output: z.object({ creditNote: CreditNoteSummary, refundedCents: Cents, invoice: Invoice }),
    permission: 'checkout.refund',
    transaction: 'write',
    errors: ['invalid_input', 'not_found', 'invalid_transition'],
  }),
  'checkout.balance': method({
    summary: 'What a patient owes (arrears), their stored value, and their open invoices.',
    input: z.strictObject({ patientId: Id }),
    output: PatientBalance,
    permission: 'checkout.sell',
    transaction: 'read',
    errors: ['invalid_input', 'not_found'],
  }),
} as const;
