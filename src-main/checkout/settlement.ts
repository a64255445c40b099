import type { paymentStates } from '../../src-shared/contract/checkout';
import type { InvoiceTable } from '../core/schema-checkout';

export type PaymentState = (typeof paymentStates)[number];

/**
 * Where an invoice's money stands, from its sums alone: what is still due (its total less credit notes and net
 * payments; negative when the patient is owed money back) and whether it is unpaid, partly paid, paid or refunded.
 * Only an issued invoice can owe anything: a draft is not a bill yet, a void one is cancelled.
 */
export function settlementOf(invoice: Pick<InvoiceTable, 'status' | 'totalCents'>, creditedCents: number, paidCents: number): { dueCents: number; paymentState: PaymentState } {
  if (invoice.status !== 'issued') return { dueCents: 0, paymentState: 'unpaid' };
  const billed = invoice.totalCents - creditedCents;
  const dueCents = billed - paidCents;
  if (billed <= 0 && creditedCents > 0) return { dueCents, paymentState: 'refunded' };
  if (dueCents <= 0) return { dueCents, paymentState: 'paid' };
  return { dueCents, paymentState: paidCents > 0 ? 'partlyPaid' : 'unpaid' };
}
