import { type RawBuilder, sql } from 'kysely';
import type { Discount, Invoice, InvoiceSummary } from '../../src-shared/contract/checkout';
import { LumenError } from '../../src-shared/errors';
import type { Db } from '../core/db';
import type { HandlerContext } from '../core/registry';
import type { DiscountKind } from '../core/schema-checkout';
import { couponOfInvoice } from '../promotions/index';
import { settlementOf } from './settlement';

function discountOf(kind: DiscountKind | null, value: number | null): Discount | null {
  if (kind === null || value === null) return null;
  return kind === 'percent' ? { kind, basisPoints: value } : { kind, cents: value };
}

export function discountColumns(discount: Discount | null): { discountKind: DiscountKind | null; discountValue: number | null } {
  if (!discount) return { discountKind: null, discountValue: null };
  return { discountKind: discount.kind, discountValue: discount.kind === 'percent' ? discount.basisPoints : discount.cents };
}

/** What an invoice's credit notes and net payments come to, for a query that has the invoice as `invoice`. */
export const creditedSql = sql<number>`coalesce((SELECT sum(c.totalCents) FROM creditNote c WHERE c.invoiceId = invoice.id), 0)`;
export const paidSql = sql<number>`coalesce((SELECT sum(p.amountCents) FROM payment p WHERE p.invoiceId = invoice.id), 0)`;

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

/**
 * The queries that read one invoice whole, built once for the handler and for the bench's raw-SQL floor (which passes
 * an expression for the invoice it has just written).
 */
export function invoiceQueries(db: Db, id: number | RawBuilder<number>) {
  return {
    invoice: db
      .selectFrom('invoice')
      .leftJoin('patient', 'patient.id', 'invoice.patientId')
      .selectAll('invoice')
      .select(sql<string | null>`patient.firstName || ' ' || patient.lastName`.as('patientName'))
      .where('invoice.id', '=', id),
    lines: db
      .selectFrom('invoiceLine as l')
      .leftJoin('staff as s', 's.id', 'l.staffId')
      .selectAll('l')
      .select('s.displayName as staffName')
      .select(sql<number>`coalesce((SELECT sum(c.quantity) FROM creditNoteLine c WHERE c.invoiceLineId = l.id), 0)`.as('refundedQuantity'))
      // A gift card's code once it is activated (the typed one until then).
      .select(sql<string | null>`coalesce((SELECT g.code FROM giftCard g WHERE g.saleLineId = l.id), l.giftCardCode)`.as('cardCode'))
      .where('l.invoiceId', '=', id)
      .orderBy('l.position'),
    payments: db
      .selectFrom('payment as p')
      .leftJoin('staff as s', 's.id', 'p.takenBy')
      .select(['p.id', 'p.tender', 'p.amountCents', 'p.tenderedCents', 'p.changeCents', 'p.reference', 'p.creditNoteId', 'p.takenAt', 's.displayName as takenBy', 'p.giftCardId', 'p.patientPackageId', 'p.units'])
      .where('p.invoiceId', '=', id)
      .orderBy('p.takenAt')
      .orderBy('p.id'),
    creditNotes: db.selectFrom('creditNote').select(['id', 'number', 'reason', 'refundTo', 'totalCents', 'createdAt']).where('invoiceId', '=', id).orderBy('createdAt'),
  };
}

/** One invoice whole: lines (with units already refunded), payments, credit notes, taxes by rate and what is due. */
export async function loadInvoice(ctx: HandlerContext, id: number): Promise<Invoice> {
  const queries = invoiceQueries(ctx.db, id);
  const row = await queries.invoice.executeTakeFirst();
  if (!row) throw new LumenError('not_found', 'There is no such invoice.');
  const lines = await queries.lines.execute();
  const payments = await queries.payments.execute();
  const creditNotes = await queries.creditNotes.execute();
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
    lines: lines.map(({ discountKind, discountValue, invoiceId: _invoice, giftCard, giftCardCode: _typed, cardCode, ...line }) => ({
      ...line,
      discount: discountOf(discountKind, discountValue),
      giftCard: giftCard ? { amountCents: line.unitPriceCents, code: cardCode } : null,
    })),
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
    notes: row.notes,
    issuedAt: row.issuedAt,
    voidedAt: row.voidedAt,
    voidReason: row.voidReason,
    createdAt: row.createdAt,
  };
}
