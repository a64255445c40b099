import type { Discount } from '../../../src-shared/contract/checkout';
import { bpToPercent, money } from '../../lib/format';

/** "20 %" or "€50.00" off. */
export function discountLabel(discount: Discount, currency: string): string {
  return discount.kind === 'percent' ? `${bpToPercent(discount.basisPoints)} %` : money(discount.cents, currency);
}

/** Blank means "no limit" in the forms that hold a number as text. */
export const wholeOrNull = (text: string): number | null => (text.trim() === '' ? null : /^\s*\d+\s*$/.test(text) ? Number(text) : NaN);
