import { LumenError } from '../../src-shared/errors';
import { cached } from '../core/db';
import type { HandlerContext, HandlerMap } from '../core/registry';
import type { InvoiceTable } from '../core/schema-checkout';
import { nextInSeries, seriesPrefixOf } from '../core/series';
import { requireDayOpen } from '../closing/index';
import { returnStockOfInvoice, takeStockForInvoice } from '../inventory/index';
import { onInvoiceIssued, onInvoiceWithdrawn } from '../prepaid/index';
import { redeemCoupon, reverseCouponRedemption } from '../promotions/index';
import { requireDraft } from './drafts';
import { HAS_LINES_SQL, INVOICE_SQL, ISSUE_SQL } from './queries';
import { loadInvoice } from './view';

export function requireIssued(ctx: HandlerContext, id: number): InvoiceTable {
  const invoice = cached(ctx.sqlite, INVOICE_SQL).get(id) as InvoiceTable | undefined;
  if (!invoice) throw new LumenError('not_found', 'There is no such invoice.');
  if (invoice.status !== 'issued') throw new LumenError('invalid_transition', invoice.status === 'draft' ? 'This invoice is still a draft: issue it first.' : 'This invoice was voided.');
  return invoice;
}

const paymentCount = async (ctx: HandlerContext, invoiceId: number) =>
  (await ctx.db.selectFrom('payment').select((eb) => eb.fn.countAll<number>().as('count')).where('invoiceId', '=', invoiceId).executeTakeFirstOrThrow()).count;

/**
 * Issues a draft. The number is taken once, from this workstation's series (INV-P0000001…), and kept if it goes back
 * to draft. Its products leave stock (refused past the recorded stock unless `sellBeyondStock`).
 */
export async function issueDraft(ctx: HandlerContext, id: number, sellBeyondStock = false): Promise<void> {
  const invoice = await requireDraft(ctx, id);
  requireDayOpen(ctx, 'issuing an invoice');
  if (!cached(ctx.sqlite, HAS_LINES_SQL).get(id)) throw new LumenError('invalid_transition', 'An invoice needs at least one line before it is issued.');
  await redeemCoupon(ctx, invoice);
  const number = invoice.number ?? nextInSeries(ctx.sqlite, 'invoice', seriesPrefixOf(ctx.runtime));
  cached(ctx.sqlite, ISSUE_SQL).run({ id, number, at: ctx.now.toISOString(), by: ctx.session?.staffId ?? null });
  await onInvoiceIssued(ctx, id);
  await takeStockForInvoice(ctx, id, sellBeyondStock);
  ctx.audit({ action: 'update', entity: 'invoice', entityId: id, summary: `Issued invoice ${number} for ${invoice.totalCents} (minor units)`, details: { number, totalCents: invoice.totalCents } });
}

/** Issuing, taking back to draft before any payment, and voiding. */
export const lifecycleHandlers: HandlerMap<'invoices.issue' | 'invoices.backToDraft' | 'invoices.void'> = {
  'invoices.issue': async ({ id, sellBeyondStock }, ctx) => {
    await issueDraft(ctx, id, sellBeyondStock);
    return loadInvoice(ctx, id);
  },

  'invoices.backToDraft': async ({ id }, ctx) => {
    const invoice = requireIssued(ctx, id);
    requireDayOpen(ctx, `taking ${invoice.number} back to draft`, { at: invoice.issuedAt!, rowId: id });
    if (await paymentCount(ctx, id)) throw new LumenError('invalid_transition', `A payment was taken on ${invoice.number}: it can no longer go back to draft. Credit it instead.`);
    const credited = await ctx.db.selectFrom('creditNote').select('id').where('invoiceId', '=', id).executeTakeFirst();
    if (credited) throw new LumenError('invalid_transition', `${invoice.number} has a credit note: it can no longer go back to draft.`);
    await onInvoiceWithdrawn(ctx, id, 'backToDraft');
    await reverseCouponRedemption(ctx, invoice);
    await ctx.db.updateTable('invoice').set({ status: 'draft', updatedAt: ctx.now.toISOString() }).where('id', '=', id).execute();
    await returnStockOfInvoice(ctx, id, `Invoice ${invoice.number} taken back to draft`);
    ctx.audit({ action: 'update', entity: 'invoice', entityId: id, summary: `Took invoice ${invoice.number} back to draft`, details: { number: invoice.number } });
    return loadInvoice(ctx, id);
  },

  'invoices.void': async ({ id, reason }, ctx) => {
    const invoice = requireIssued(ctx, id);
    requireDayOpen(ctx, `voiding ${invoice.number}`, { at: invoice.issuedAt!, rowId: id });
    requireDayOpen(ctx, `voiding ${invoice.number}`);
    const { paid } = await ctx.db.selectFrom('payment').select((eb) => eb.fn.coalesce(eb.fn.sum<number>('amountCents'), eb.val(0)).as('paid')).where('invoiceId', '=', id).executeTakeFirstOrThrow();
    if (paid !== 0) throw new LumenError('invalid_transition', `${invoice.number} has ${paid} (minor units) paid on it: refund it with a credit note before voiding.`);
    await onInvoiceWithdrawn(ctx, id, 'void');
    await reverseCouponRedemption(ctx, invoice);
    await ctx.db
      .updateTable('invoice')
      .set({ status: 'void', voidedAt: ctx.now.toISOString(), voidedBy: ctx.session?.staffId ?? null, voidReason: reason, updatedAt: ctx.now.toISOString() })
      .where('id', '=', id)
      .execute();
    await returnStockOfInvoice(ctx, id, `Invoice ${invoice.number} voided`);
    ctx.audit({ action: 'update', entity: 'invoice', entityId: id, summary: `Voided invoice ${invoice.number}: ${reason}`, details: { number: invoice.number, reason } });
    return loadInvoice(ctx, id);
  },
};
