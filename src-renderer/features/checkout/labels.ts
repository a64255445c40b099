import type { Discount, invoiceStatuses, paymentStates, tenders } from '../../../src-shared/contract/checkout';
import { bpToPercent, millipercentToPercent, money } from '../../lib/format';

export const statusLabels: Record<(typeof invoiceStatuses)[number], string> = { draft: 'Draft', issued: 'Issued', void: 'Void' };

export const paymentStateLabels: Record<(typeof paymentStates)[number], string> = {
  unpaid: 'Unpaid',
  partlyPaid: 'Partly paid',
  paid: 'Paid',
  refunded: 'Refunded',
};

export const paymentStateKinds: Record<(typeof paymentStates)[number], 'alert' | 'warn' | 'ok' | 'muted'> = {
  unpaid: 'alert',
  partlyPaid: 'warn',
  paid: 'ok',
  refunded: 'muted',
};

export const tenderLabels: Record<(typeof tenders)[number], string> = { cash: 'Cash', card: 'Card', transfer: 'Transfer', storedValue: 'Stored value', giftCard: 'Gift card', package: 'Package', points: 'Points' };

/** The points a points payment used or a refund gave back ("200 points"); empty for other tenders. */
export function pointsUsed(payment: { points: number | null }): string {
  return payment.points ? `${Math.abs(payment.points).toLocaleString()} points` : '';
}

/** 19000 → "19 %". */
export function rateLabel(rateMillipercent: number): string {
  return `${millipercentToPercent(rateMillipercent)} %`;
}

export function discountLabel(discount: Discount | null, currency: string): string {
  if (!discount) return '';
  return discount.kind === 'percent' ? `${bpToPercent(discount.basisPoints)} %` : money(discount.cents, currency);
}
