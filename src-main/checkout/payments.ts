import { fieldError, LumenError } from '../../src-shared/errors';
import type { HandlerMap } from '../core/registry';
import { withNewIds } from '../core/save-row';
import { requireDayOpen } from '../closing/index';
import { storedValueBalance } from './balance';
import { requireIssued } from './lifecycle';
import { loadInvoice } from './view';

/** Taking money against an issued invoice, in one or several tenders. */
export const paymentHandlers: HandlerMap<'payments.take'> = {
  'payments.take': async ({ invoiceId, tenders }, ctx) => {
    const invoice = await requireIssued(ctx, invoiceId);
    requireDayOpen(ctx, 'taking payment');
    const before = await loadInvoice(ctx, invoiceId);
    if (before.dueCents <= 0) throw new LumenError('invalid_transition', `Nothing is due on ${invoice.number}.`);
    const total = tenders.reduce((sum, t) => sum + t.amountCents, 0);
    if (total > before.dueCents) {
      throw fieldError('invalid_input', `That is ${total - before.dueCents} (minor units) more than the ${before.dueCents} due; cash handed over beyond it is given back as change.`, 'tenders');
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
      tenders.map((t) => ({
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
      })),
    );
    await ctx.db.insertInto('payment').values(payments).execute();
    const spent = payments.filter((p) => p.tender === 'storedValue');
    if (spent.length) {
      const entries = spent.map((p) => ({ patientId: invoice.patientId!, amountCents: -p.amountCents, kind: 'spend' as const, invoiceId, paymentId: p.id, creditNoteId: null, note: invoice.number ?? '', at, by: ctx.session?.staffId ?? null }));
      await ctx.db.insertInto('storedValueEntry').values(withNewIds(ctx, 'storedValueEntry', entries)).execute();
    }
    const after = await loadInvoice(ctx, invoiceId);
    // A finished visit is checked out when its invoice is paid; nobody sets that by hand.
    if (after.paymentState === 'paid' && invoice.appointmentId !== null) {
      await ctx.db.updateTable('appointment').set({ status: 'checkedOut', updatedAt: at }).where('id', '=', invoice.appointmentId).where('status', '=', 'completed').execute();
    }
    const changeCents = payments.reduce((sum, p) => sum + (p.changeCents ?? 0), 0);
    ctx.audit({
      action: 'create',
      entity: 'payment',
      entityId: invoiceId,
      summary: `Took ${total} (minor units) on ${invoice.number} by ${[...new Set(tenders.map((t) => t.tender))].join(' + ')}${changeCents ? `, change ${changeCents}` : ''}`,
      details: { number: invoice.number, tenders, changeCents, dueAfter: after.dueCents },
    });
    return { invoice: after, changeCents };
  },
};
