import type { HandlerMap } from '../core/registry';
import { startDraft } from './drafts';
import { issueDraft } from './lifecycle';
import { takePayment } from './payments';
import { loadInvoice } from './view';

/**
 * The desk's "charge": issue and pay in one call, so the registry's one transaction holds the whole sale — a crash
 * or a refused tender leaves no issued invoice without its payment, and no payment without its invoice.
 */
export const commitHandlers: HandlerMap<'checkout.commit'> = {
  'checkout.commit': async ({ id, appointmentId, patientId, lines, tenders, sellBeyondStock }, ctx) => {
    const invoiceId = id ?? (await startDraft(ctx, { appointmentId, patientId, lines: lines ?? [] }));
    await issueDraft(ctx, invoiceId, sellBeyondStock);
    const { changeCents } = tenders.length ? await takePayment(ctx, invoiceId, tenders) : { changeCents: 0 };
    return { invoice: await loadInvoice(ctx, invoiceId), changeCents };
  },
};
