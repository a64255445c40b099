import { type Selectable, sql } from 'kysely';
import type { Discount, Invoice, InvoiceSummary } from '../../src-shared/contract/checkout';
import { LumenError } from '../../src-shared/errors';
import { cached } from '../core/db';
import type { HandlerContext } from '../core/registry';
import type { DiscountKind, InvoiceLineTable, InvoiceTable } from '../core/schema-checkout';
import { couponOfInvoice } from '../promotions/index';
import { CREDIT_NOTES_VIEW_SQL, CREDITED_SQL, INVOICE_VIEW_SQL, LINES_VIEW_SQL, PAID_SQL, PAYMENTS_VIEW_SQL } from './queries';
import { settlementOf } from './settlement';

type LineViewRow = Selectable<InvoiceLineTable> & { staffName: string | null; refundedQuantity: number; cardCode: string | null };

function discountOf(kind: DiscountKind | null, value: number | null): Discount | null {
  if (kind === null || value === null) return null;
  return kind === 'percent' ? { kind, basisPoints: value } : { kind, cents: value };
}

export function discountColumns(discount: Discount | null): { discountKind: DiscountKind | null; discountValue: number | null } {
  if (!discount) return { discountKind: null, discountValue: null };
  return { discountKind: discount.kind, discountValue: discount.kind === 'percent' ? discount.basisPoints : discount.cents };
}

/** What an invoice's credit notes and net payments come to, for a query that has the invoice as `invoice`. */
export const creditedSql = sql<number>`${sql.raw(CREDITED_SQL)}`;
export const paidSql = sql<number>`${sql.raw(PAID_SQL)}`;

/** Invoices as lists show them: number, status, where the money stands. */
export async function invoiceSummaries(ctx: HandlerContext, where: { patientId: number; issuedOnly?: boolean }): Promise<InvoiceSummary[]> {
  let query = ctx.db
    .selectFrom('invoice')
    .select(['id', 'number', 'status', 'totalCents', 'issuedAt', 'createdAt', 'appointmentId'])
    .select([creditedSql.as('credited'), paidSql.as('paid')])
    .where('patientId', '=', where.patientId)
    .orderBy('createdAt', 'desc')
    .orderBy('id', 'desc');
  if (where.issuedOnly) query = query.where('status', '=', 'issued');
  return (await query.execute()).map(({ credited, paid, ...row }) => ({ ...row, ...settlementOf(row, credited, paid) }));
}

/** A line as the invoice shows it: its discount as one value, a gift card's code once the card exists. */
const lineOf = (line: LineViewRow): Invoice['lines'][number] => ({
  id: line.id,
  position: line.position,
  serviceId: line.serviceId,
  productId: line.productId,
  lotId: line.lotId,
  description: line.description,
  staffId: line.staffId,
  staffName: line.staffName,
  quantity: line.quantity,
  unitPriceCents: line.unitPriceCents,
  discount: discountOf(line.discountKind, line.discountValue),
  taxRateMillipercent: line.taxRateMillipercent,
  grossCents: line.grossCents,
  discountCents: line.discountCents,
  netCents: line.netCents,
  taxCents: line.taxCents,
  totalCents: line.totalCents,
  refundedQuantity: line.refundedQuantity,
  packagePlanId: line.packagePlanId,
  topUpPlanId: line.topUpPlanId,
  giftCard: line.giftCard ? { amountCents: line.unitPriceCents, code: line.cardCode } : null,
});

/** One invoice whole: lines (with units already refunded), payments, credit notes, taxes by rate and what is due. */
export async function loadInvoice(ctx: HandlerContext, id: number): Promise<Invoice> {
  const row = cached(ctx.sqlite, INVOICE_VIEW_SQL).get(id) as (InvoiceTable & { patientName: string | null }) | undefined;
  if (!row) throw new LumenError('not_found', 'There is no such invoice.');
  const lines = cached(ctx.sqlite, LINES_VIEW_SQL).all(id) as LineViewRow[];
  const payments = cached(ctx.sqlite, PAYMENTS_VIEW_SQL).all(id) as Invoice['payments'];
  const creditNotes = cached(ctx.sqlite, CREDIT_NOTES_VIEW_SQL).all(id) as Invoice['creditNotes'];
  const creditedCents = creditNotes.reduce((sum, note) => sum + note.totalCents, 0);
  const paidCents = payments.reduce((sum, payment) => sum + payment.amountCents, 0);
  const taxes = new Map<number, { rateMillipercent: number; netCents: number; taxCents: number }>();
  for (const line of lines) {
    const group = taxes.get(line.taxRateMillipercent) ?? { rateMillipercent: line.taxRateMillipercent, netCents: 0, taxCents: 0 };
    group.netCents += line.netCents;
    group.taxCents += line.taxCents;
    taxes.set(line.taxRateMillipercent, group);
  }
  return {
    id: row.id,
    number: row.number,
    status: row.status,
    patientId: row.patientId,
    patientName: row.patientName,
    appointmentId: row.appointmentId,
    pricesIncludeTax: row.pricesIncludeTax === 1,
    taxRounding: row.taxRounding,
    discount: discountOf(row.discountKind, row.discountValue),
    lines: lines.map(lineOf),
    grossCents: row.grossCents,
    discountCents: row.discountCents,
    netCents: row.netCents,
    taxCents: row.taxCents,
    totalCents: row.totalCents,
    taxes: [...taxes.values()].sort((a, b) => a.rateMillipercent - b.rateMillipercent),
    creditedCents,
    paidCents,
    ...settlementOf(row, creditedCents, paidCents),
    payments,
    creditNotes,
    coupon: await couponOfInvoice(ctx.db, row),
    memberDiscount: row.memberTier === null ? null : { tier: row.memberTier, basisPoints: row.memberDiscountBasisPoints, categoryIds: JSON.parse(row.memberCategoryIds) as number[], discountCents: row.memberDiscountCents },
    notes: row.notes,
    issuedAt: row.issuedAt,
    voidedAt: row.voidedAt,
    voidReason: row.voidReason,
    createdAt: row.createdAt,
  };
}
