import type { TenderInput } from '../../src-shared/contract/checkout';
import { fieldError, LumenError } from '../../src-shared/errors';
import { cached } from '../core/db';
import type { HandlerContext, HandlerMap } from '../core/registry';
import type { InvoiceTable } from '../core/schema-checkout';
import { withNewIds } from '../core/save-row';
import { requireDayOpen } from '../closing/index';
import { onInvoicePaid as earnPoints, pointsTender, recordPointsPayments } from '../loyalty/index';
import { onInvoicePaid, recordPrepaidPayments, resolveTenders, storedValueBalance } from '../prepaid/index';
import { rewardReferral } from '../referrals/index';
import { requireIssued } from './lifecycle';
import { settlementOf } from './settlement';
import { INSERT_PAYMENT_SQL, SETTLEMENT_SQL } from './queries';
import { loadInvoice } from './view';

/** What is still due on an issued invoice, from its sums. */
function dueOf(ctx: HandlerContext, invoiceId: number): number {
  const row = cached(ctx.sqlite, SETTLEMENT_SQL).get(invoiceId) as Pick<InvoiceTable, 'status' | 'totalCents'> & { credited: number; paid: number };
  return settlementOf(row, row.credited, row.paid).dueCents;
}

/**
 * Takes money against an issued invoice in one or several tenders and returns the change given. A visit is checked
 * out when its invoice is paid in full; nobody sets that by hand.
 */
export async function takePayment(ctx: HandlerContext, invoiceId: number, asGiven: TenderInput[]): Promise<{ changeCents: number }> {
  const invoice = requireIssued(ctx, invoiceId);
  requireDayOpen(ctx, 'taking payment');
  const due = dueOf(ctx, invoiceId);
  if (due <= 0) throw new LumenError('invalid_transition', `Nothing is due on ${invoice.number}.`);
  // Points checked and priced; gift cards and packages checked, and a package's amount worked out from the lines it covers.
  const points = asGiven.map((t, i) => (t.tender === 'points' ? pointsTender(ctx, invoice.patientId, t, `tenders.${i}`) : null));
  if (points.filter((p) => p !== null).length > 1) throw fieldError('invalid_input', 'Points are given as one tender.', 'tenders');
  for (const [i, t] of asGiven.entries()) if (t.points !== undefined && t.tender !== 'points') throw fieldError('invalid_input', 'Points go with the points tender.', `tenders.${i}.points`);
  const tenders = await resolveTenders(ctx, asGiven.map((t, i) => ({ ...t, amountCents: points[i]?.amountCents ?? t.amountCents })), () => loadInvoice(ctx, invoiceId));
  const total = tenders.reduce((sum, t) => sum + t.amountCents, 0);
  if (total > due) {
    throw fieldError('invalid_input', `That is ${total - due} (minor units) more than the ${due} due; cash handed over beyond it is given back as change.`, 'tenders');
  }
  for (const [i, t] of tenders.entries()) {
    if (t.tenderedCents !== undefined && t.tender !== 'cash') throw fieldError('invalid_input', 'Only cash is handed over and given change.', `tenders.${i}.tenderedCents`);
    if (t.tenderedCents !== undefined && t.tenderedCents < t.amountCents) throw fieldError('invalid_input', 'Less cash was handed over than this tender pays.', `tenders.${i}.tenderedCents`);
  }
  const fromStoredValue = tenders.filter((t) => t.tender === 'storedValue').reduce((sum, t) => sum + t.amountCents, 0);
  if (fromStoredValue > 0) {
    const index = tenders.findIndex((t) => t.tender === 'storedValue');
    if (invoice.patientId === null) throw fieldError('invalid_input', 'A walk-in sale has no stored value to pay from.', `tenders.${index}.tender`);
    const balance = await storedValueBalance(ctx.db, invoice.patientId);
    if (fromStoredValue > balance) throw fieldError('invalid_input', `The patient's stored value is ${balance} (minor units), less than ${fromStoredValue}.`, `tenders.${index}.amountCents`);
  }

  const at = ctx.now.toISOString();
  const payments = withNewIds(
    ctx,
    'payment',
    tenders.map((t, i) => ({
      invoiceId,
      patientId: invoice.patientId,
      tender: t.tender,
      amountCents: t.amountCents,
      tenderedCents: t.tender === 'cash' ? (t.tenderedCents ?? t.amountCents) : null,
      changeCents: t.tender === 'cash' ? (t.tenderedCents ?? t.amountCents) - t.amountCents : null,
      reference: t.reference,
      creditNoteId: null,
      takenAt: at,
      takenBy: ctx.session?.staffId ?? null,
      giftCardId: t.giftCardId,
      patientPackageId: t.patientPackageId,
      units: t.units,
      points: points[i]?.points ?? null,
    })),
  );
  const insertPayment = cached(ctx.sqlite, INSERT_PAYMENT_SQL);
  for (const payment of payments) insertPayment.run(payment);
  await recordPrepaidPayments(ctx, payments, invoice.number ?? '');
  recordPointsPayments(ctx, payments, invoice.number ?? '');
  const spent = payments.filter((p) => p.tender === 'storedValue');
  if (spent.length) {
    const entries = spent.map((p) => ({ patientId: invoice.patientId!, amountCents: -p.amountCents, kind: 'spend' as const, invoiceId, paymentId: p.id, creditNoteId: null, note: invoice.number ?? '', at, by: ctx.session?.staffId ?? null }));
    await ctx.db.insertInto('storedValueEntry').values(withNewIds(ctx, 'storedValueEntry', entries)).execute();
  }
  const dueAfter = due - total;
  if (dueAfter <= 0) {
    await onInvoicePaid(ctx, invoiceId);
    await earnPoints(ctx, invoiceId);
    await rewardReferral(ctx, invoiceId);
  }
  if (dueAfter <= 0 && invoice.appointmentId !== null) {
    await ctx.db.updateTable('appointment').set({ status: 'checkedOut', updatedAt: at }).where('id', '=', invoice.appointmentId).where('status', '=', 'completed').execute();
  }
  const changeCents = payments.reduce((sum, p) => sum + (p.changeCents ?? 0), 0);
  ctx.audit({
    action: 'create',
    entity: 'payment',
    entityId: invoiceId,
    summary: `Took ${total} (minor units) on ${invoice.number} by ${[...new Set(tenders.map((t) => t.tender))].join(' + ')}${changeCents ? `, change ${changeCents}` : ''}`,
    details: { number: invoice.number, tenders: asGiven, changeCents, dueAfter },
  });
  return { changeCents };
}

export const paymentHandlers: HandlerMap<'payments.take'> = {
  'payments.take': async ({ invoiceId, tenders }, ctx) => {
    const { changeCents } = await takePayment(ctx, invoiceId, tenders);
    return { invoice: await loadInvoice(ctx, invoiceId), changeCents };
  },
};
