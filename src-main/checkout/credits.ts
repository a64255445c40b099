import { refundShare } from '../../src-shared/checkout/totals';
import type { Invoice, tenders as tenderNames } from '../../src-shared/contract/checkout';
import { fieldError } from '../../src-shared/errors';
import type { HandlerContext, HandlerMap } from '../core/registry';
import { withNewIds } from '../core/save-row';
import { nextInSeries, seriesPrefixOf } from '../core/series';
import { requireDayOpen } from '../closing/index';
import { restockCredited } from '../inventory/index';
import { onCreditNote, pointsGivenBack, recordPointsPayments } from '../loyalty/index';
import { takeBackReferralReward } from '../referrals/index';
import { type PrepaidCredit, prepaidCredit, recordPrepaidPayments, unitsGivenBack } from '../prepaid/index';
import { requireIssued } from './lifecycle';
import { loadInvoice } from './view';

type Tender = (typeof tenderNames)[number];
type Source = { tender: Tender; giftCardId: number | null; patientPackageId: number | null };
type Part = Source & { amountCents: number };

/**
 * How a refund goes back by the tenders that paid: the most recently used first, each up to what it paid net of
 * earlier refunds (a card is refunded to the card, cash as cash, a gift card or package to that card or package).
 */
function refundByTender(invoice: Invoice, refund: number): Part[] {
  const keyOf = (p: Source) => `${p.tender}:${p.giftCardId ?? ''}:${p.patientPackageId ?? ''}`;
  const net = new Map<string, Part>();
  for (const p of invoice.payments) {
    const part = net.get(keyOf(p)) ?? { tender: p.tender, giftCardId: p.giftCardId, patientPackageId: p.patientPackageId, amountCents: 0 };
    net.set(keyOf(p), { ...part, amountCents: part.amountCents + p.amountCents });
  }
  const lastUsed = [...new Set([...invoice.payments].reverse().map(keyOf))];
  const parts: Part[] = [];
  let left = refund;
  for (const key of lastUsed) {
    const source = net.get(key)!;
    // A tender already refunded past what it paid (store credit given back earlier) has nothing left to return.
    const amountCents = Math.min(left, Math.max(0, source.amountCents));
    if (amountCents > 0) parts.push({ ...source, amountCents });
    left -= amountCents;
  }
  return parts;
}

/** Money back for a credit note: negative payments on the invoice, and stored value where it goes back as credit. */
async function payBack(ctx: HandlerContext, invoice: Invoice, creditNoteId: number, refund: number, refundTo: 'originalTender' | 'storeCredit'): Promise<void> {
  const parts = refundTo === 'storeCredit' ? [{ tender: 'storedValue' as const, giftCardId: null, patientPackageId: null, amountCents: refund }] : refundByTender(invoice, refund);
  const at = ctx.now.toISOString();
  const by = ctx.session?.staffId ?? null;
  const payments = withNewIds(
    ctx,
    'payment',
    parts.map((part) => ({
      invoiceId: invoice.id,
      patientId: invoice.patientId,
      tender: part.tender,
      amountCents: -part.amountCents,
      tenderedCents: null,
      changeCents: null,
      reference: '',
      creditNoteId,
      takenAt: at,
      takenBy: by,
      giftCardId: part.giftCardId,
      patientPackageId: part.patientPackageId,
      // Units go back to the package in proportion to the money.
      units: part.patientPackageId === null ? null : -unitsGivenBack(invoice.payments, part.patientPackageId, part.amountCents),
      // Points go back in proportion to the money too.
      points: part.tender === 'points' ? -pointsGivenBack(invoice.payments, part.amountCents) : null,
    })),
  );
  await ctx.db.insertInto('payment').values(payments).execute();
  await recordPrepaidPayments(ctx, payments, invoice.number ?? '');
  recordPointsPayments(ctx, payments, invoice.number ?? '');
  const toStoredValue = payments.filter((payment) => payment.tender === 'storedValue');
  if (toStoredValue.length) {
    const entries = toStoredValue.map((payment) => ({
      patientId: invoice.patientId!,
      amountCents: -payment.amountCents,
      kind: refundTo === 'storeCredit' ? ('storeCredit' as const) : ('refund' as const),
      invoiceId: invoice.id,
      paymentId: payment.id,
      creditNoteId,
      note: invoice.number ?? '',
      at,
      by,
    }));
    await ctx.db.insertInto('storedValueEntry').values(withNewIds(ctx, 'storedValueEntry', entries)).execute();
  }
}

/** Refunds and corrections: a credit note returns units of an issued invoice's lines, never edits it. */
export const creditHandlers: HandlerMap<'creditNotes.create'> = {
  'creditNotes.create': async ({ invoiceId, lines, reason, refundTo, restock }, ctx) => {
    const issued = requireIssued(ctx, invoiceId);
    requireDayOpen(ctx, 'a credit note');
    const invoice = await loadInvoice(ctx, invoiceId);
    if (refundTo === 'storeCredit' && invoice.patientId === null) throw fieldError('invalid_input', 'A walk-in sale has no patient to hold store credit.', 'refundTo');
    const seen = new Set<number>();
    const prepaid: PrepaidCredit[] = [];
    const credited: { invoiceLineId: number; quantity: number; netCents: number; taxCents: number; totalCents: number }[] = [];
    for (const [i, wanted] of lines.entries()) {
      const line = invoice.lines.find((l) => l.id === wanted.invoiceLineId);
      if (!line) throw fieldError('not_found', 'That line is not on this invoice.', `lines.${i}.invoiceLineId`);
      if (seen.has(line.id)) throw fieldError('invalid_input', 'This line is listed twice.', `lines.${i}.invoiceLineId`);
      seen.add(line.id);
      const left = line.quantity - line.refundedQuantity;
      if (wanted.quantity > left) throw fieldError('invalid_input', left ? `Only ${left} of ${line.description} can still be refunded.` : `${line.description} was already refunded in full.`, `lines.${i}.quantity`);
      // A package, gift card or top-up returns only what is unused of it.
      const ahead = await prepaidCredit(ctx, invoice, line, `lines.${i}.quantity`);
      if (ahead) prepaid.push(ahead);
      const share = ahead?.share ?? refundShare({ ...line, lineDiscountCents: line.discountCents, invoiceDiscountCents: 0 }, line.quantity, line.refundedQuantity, wanted.quantity);
      credited.push({ invoiceLineId: line.id, quantity: wanted.quantity, ...share });
    }
    const sum = (key: 'netCents' | 'taxCents' | 'totalCents') => credited.reduce((total, line) => total + line[key], 0);
    const number = nextInSeries(ctx.sqlite, 'creditNote', seriesPrefixOf(ctx.runtime));
    const id = ctx.newId('creditNote');
    const createdAt = ctx.now.toISOString();
    const note = { id, number, invoiceId, patientId: invoice.patientId, reason, refundTo, netCents: sum('netCents'), taxCents: sum('taxCents'), totalCents: sum('totalCents'), createdBy: ctx.session?.staffId ?? null, createdAt };
    await ctx.db.insertInto('creditNote').values(note).execute();
    await ctx.db.insertInto('creditNoteLine').values(withNewIds(ctx, 'creditNoteLine', credited.map((line) => ({ ...line, creditNoteId: id })))).execute();
    for (const ahead of prepaid) await ahead.record(id);
    if (restock) await restockCredited(ctx, credited, `Credit note ${number}: returned to stock`);

    // What was paid beyond what the invoice now bills goes back.
    const billedAfter = invoice.totalCents - invoice.creditedCents - note.totalCents;
    const refundedCents = Math.max(0, invoice.paidCents - billedAfter);
    if (refundedCents > 0) await payBack(ctx, invoice, id, refundedCents, refundTo);
    // The points these lines earned go, after any points paid on the invoice came back.
    await onCreditNote(ctx, invoiceId, id, number, credited.map((c) => {
      const line = invoice.lines.find((l) => l.id === c.invoiceLineId)!;
      return { invoiceLineId: c.invoiceLineId, quantity: c.quantity, refundedBefore: line.refundedQuantity, lineQuantity: line.quantity };
    }));
    await takeBackReferralReward(ctx, invoiceId, id, number);
    ctx.audit({
      action: 'create',
      entity: 'creditNote',
      entityId: id,
      summary: `Credit note ${number} on ${issued.number} for ${note.totalCents} (minor units): ${reason}${refundedCents ? `; ${refundedCents} refunded ${refundTo === 'storeCredit' ? 'as store credit' : 'to the original tender'}` : ''}`,
      details: { number, invoice: issued.number, lines: credited, refundedCents, refundTo, restock },
    });
    return { creditNote: { id, number, reason, refundTo, totalCents: note.totalCents, createdAt }, refundedCents, invoice: await loadInvoice(ctx, invoiceId) };
  },
};
