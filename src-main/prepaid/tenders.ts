import type { Invoice, TenderInput as TenderSchema } from '../../src-shared/contract/checkout';
import type { z } from 'zod';
import { fieldError } from '../../src-shared/errors';
import { divRound, quantityGivenBack } from '../../src-shared/money';
import type { HandlerContext } from '../core/registry';
import type { PaymentTable } from '../core/schema-checkout';
import { formatCode, normalizeCode } from './codes';
import { addGiftCardEntry, addPackageEntry, clinicToday, giftCardBalance, unitsLeft } from './ledgers';

type TenderInput = z.output<typeof TenderSchema>;
type Tender = Omit<TenderInput, 'amountCents' | 'reference'> & { amountCents?: number; reference: string };

/** A tender with everything payments.take writes: its amount (a package's from its lines), card or package, units. */
export interface ResolvedTender {
  tender: TenderInput['tender'];
  amountCents: number;
  tenderedCents?: number;
  reference: string;
  giftCardId: number | null;
  patientPackageId: number | null;
  units: number | null;
}

/** The invoice's lines a package plan covers: its service, or any service of its category. */
async function coveredLines(ctx: HandlerContext, invoice: Invoice, planId: number): Promise<Invoice['lines']> {
  const plan = await ctx.db.selectFrom('packagePlan').select(['serviceId', 'categoryId']).where('id', '=', planId).executeTakeFirstOrThrow();
  const serviceIds = invoice.lines.flatMap((l) => (l.serviceId === null ? [] : [l.serviceId]));
  const categories = new Map(
    serviceIds.length ? (await ctx.db.selectFrom('service').select(['id', 'categoryId']).where('id', 'in', serviceIds).execute()).map((s) => [s.id, s.categoryId]) : [],
  );
  return invoice.lines.filter((l) => l.serviceId !== null && (l.serviceId === plan.serviceId || (plan.categoryId !== null && categories.get(l.serviceId) === plan.categoryId)));
}

/** Lines some package already paid on this invoice (net of units given back), so no line is paid twice by packages. */
async function linesPaidByPackages(ctx: HandlerContext, invoice: Invoice): Promise<Set<number>> {
  const units = new Map<number, number>();
  for (const p of invoice.payments) if (p.patientPackageId !== null) units.set(p.patientPackageId, (units.get(p.patientPackageId) ?? 0) + (p.units ?? 0));
  const paid = new Set<number>();
  for (const [patientPackageId, net] of units) {
    if (net <= 0) continue;
    const { planId } = await ctx.db.selectFrom('patientPackage').select('planId').where('id', '=', patientPackageId).executeTakeFirstOrThrow();
    for (const line of await coveredLines(ctx, invoice, planId)) paid.add(line.id);
  }
  return paid;
}

async function packageTender(ctx: HandlerContext, invoice: Invoice, t: Tender, field: string): Promise<ResolvedTender> {
  if (t.patientPackageId === undefined) throw fieldError('invalid_input', 'Choose the package that pays.', `${field}.patientPackageId`);
  const held = await ctx.db.selectFrom('patientPackage').selectAll().where('id', '=', t.patientPackageId).executeTakeFirst();
  if (!held) throw fieldError('not_found', 'There is no such package.', `${field}.patientPackageId`);
  if (held.patientId !== invoice.patientId) throw fieldError('invalid_input', `${held.name} belongs to another patient.`, `${field}.patientPackageId`);
  if (clinicToday(ctx) > held.expiresOn) throw fieldError('invalid_input', `${held.name} expired on ${held.expiresOn}.`, `${field}.patientPackageId`);
  const left = await unitsLeft(ctx.db, held.id);
  if (left <= 0) throw fieldError('invalid_input', `${held.name} is used up.`, `${field}.patientPackageId`);
  const alreadyPaid = await linesPaidByPackages(ctx, invoice);
  const lines = (await coveredLines(ctx, invoice, held.planId)).filter((l) => !alreadyPaid.has(l.id) && l.quantity > l.refundedQuantity);
  if (!lines.length) throw fieldError('invalid_input', `${held.name} covers none of this invoice’s lines (or they are already paid by a package).`, `${field}.patientPackageId`);
  const units = lines.reduce((sum, l) => sum + l.quantity - l.refundedQuantity, 0);
  if (units > left) throw fieldError('invalid_input', `${held.name} has ${left} left, fewer than the ${units} these lines need.`, `${field}.patientPackageId`);
  const amountCents = lines.reduce((sum, l) => sum + divRound(l.totalCents * (l.quantity - l.refundedQuantity), l.quantity), 0);
  if (amountCents <= 0) throw fieldError('invalid_input', 'The lines this package covers cost nothing: there is nothing for it to pay.', `${field}.patientPackageId`);
  if (t.amountCents !== undefined && t.amountCents !== amountCents) throw fieldError('invalid_input', `The package pays what its lines cost: ${amountCents} (minor units).`, `${field}.amountCents`);
  const reference = `${held.name} — ${units} used, ${left - units} left`;
  return { tender: 'package', amountCents, reference, giftCardId: null, patientPackageId: held.id, units };
}

/**
 * Checks the prepaid tenders of a payment and fills in what they pay: a gift card by its code (known, not expired,
 * holding enough), a package by the lines it covers (the patient's own, not expired, enough left). Other tenders
 * pass through, with their amount required. The invoice is loaded only when a package needs its lines.
 */
export async function resolveTenders(ctx: HandlerContext, tenders: readonly Tender[], loadInvoice: () => Promise<Invoice>): Promise<ResolvedTender[]> {
  const resolved: ResolvedTender[] = [];
  let invoice: Invoice | undefined;
  const fromCard = new Map<number, number>();
  for (const [i, t] of tenders.entries()) {
    const field = `tenders.${i}`;
    if (t.giftCardCode !== undefined && t.tender !== 'giftCard') throw fieldError('invalid_input', 'A card code goes with the gift card tender.', `${field}.giftCardCode`);
    if (t.patientPackageId !== undefined && t.tender !== 'package') throw fieldError('invalid_input', 'A package goes with the package tender.', `${field}.patientPackageId`);
    if (t.tender === 'package') {
      if (resolved.some((r) => r.patientPackageId === t.patientPackageId)) throw fieldError('invalid_input', 'This package is listed twice.', `${field}.patientPackageId`);
      invoice ??= await loadInvoice();
      resolved.push(await packageTender(ctx, invoice, t, field));
      continue;
    }
    if (t.amountCents === undefined) throw fieldError('invalid_input', 'How much does this tender pay?', `${field}.amountCents`);
    const plain = { tender: t.tender, amountCents: t.amountCents, tenderedCents: t.tenderedCents, reference: t.reference, giftCardId: null, patientPackageId: null, units: null };
    if (t.tender !== 'giftCard') {
      resolved.push(plain);
      continue;
    }
    if (t.giftCardCode === undefined) throw fieldError('invalid_input', 'Type or scan the card’s code.', `${field}.giftCardCode`);
    const card = await ctx.db.selectFrom('giftCard').select(['id', 'code', 'expiresOn']).where('code', '=', normalizeCode(t.giftCardCode)).executeTakeFirst();
    if (!card) throw fieldError('not_found', 'No gift card has this code.', `${field}.giftCardCode`);
    if (clinicToday(ctx) > card.expiresOn) throw fieldError('invalid_input', `This gift card expired on ${card.expiresOn}.`, `${field}.giftCardCode`);
    const wanted = (fromCard.get(card.id) ?? 0) + t.amountCents;
    const balance = await giftCardBalance(ctx.db, card.id);
    if (wanted > balance) throw fieldError('invalid_input', `The card holds ${balance} (minor units), less than ${wanted}.`, `${field}.amountCents`);
    fromCard.set(card.id, wanted);
    resolved.push({ ...plain, reference: formatCode(card.code), giftCardId: card.id });
  }
  return resolved;
}

type PaymentRow = Pick<PaymentTable, 'id' | 'invoiceId' | 'tender' | 'amountCents' | 'giftCardId' | 'patientPackageId' | 'units' | 'creditNoteId'>;

/** The ledger side of payments by gift card or package: value spent or given back, units redeemed or returned. */
export async function recordPrepaidPayments(ctx: HandlerContext, payments: readonly PaymentRow[], note: string): Promise<void> {
  for (const p of payments) {
    const refs = { invoiceId: p.invoiceId, paymentId: p.id, creditNoteId: p.creditNoteId, note };
    if (p.giftCardId !== null) await addGiftCardEntry(ctx, p.giftCardId, p.amountCents > 0 ? 'spent' : 'refunded', -p.amountCents, refs);
    if (p.patientPackageId !== null && p.units) await addPackageEntry(ctx, p.patientPackageId, p.units > 0 ? 'redeemed' : 'returned', -p.units, refs);
  }
}

/** Units a refund of `amountCents` to a package gives back, in proportion to the money (see `quantityGivenBack`). */
export function unitsGivenBack(payments: Invoice['payments'], patientPackageId: number, amountCents: number): number {
  return quantityGivenBack(payments.filter((p) => p.patientPackageId === patientPackageId).map((p) => ({ amountCents: p.amountCents, quantity: p.units ?? 0 })), amountCents);
}
