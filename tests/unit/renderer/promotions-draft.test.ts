import { describe, expect, it } from 'vitest';
import type { Invoice } from '../../../src-shared/contract/checkout';
import { blankLine, draftToValues, previewTotals, valuesToDraftInput, type DraftValues } from '../../../src-renderer/features/checkout/draftValues';

const NEUROTOXIN = 3;
const coupon: NonNullable<Invoice['coupon']> = { code: 'SPRING25', name: 'Spring', discountCents: 7000, discount: { kind: 'percent', basisPoints: 2500 }, serviceIds: [], categoryIds: [NEUROTOXIN] };
/** Botox (service 10, neurotoxin) and a HydraFacial (service 11, another category). */
const categoryOf = (serviceId: number) => (serviceId === 10 ? NEUROTOXIN : 9);

function values(couponCode?: string): DraftValues {
  const line = (serviceId: number, price: string) => ({ ...blankLine(0), serviceId: String(serviceId), description: 'x', unitPriceCents: price });
  return { lines: [line(10, '280.00'), line(11, '160.00')], discountKind: 'none', discount: '', notes: '', couponCode };
}

describe('the draft form and its coupon', () => {
  it('live totals take the saved coupon off the eligible lines only, as the main process does', () => {
    const totals = previewTotals(values('SPRING25'), 'EUR', { pricesIncludeTax: false, taxRounding: 'line', coupon }, categoryOf);
    expect(totals && 'lines' in totals && totals.lines.map((l) => l.couponDiscountCents)).toEqual([7000, 0]);
    expect(totals && 'totalCents' in totals && totals.totalCents).toBe(37_000);
  });

  it('sends the typed code, null when emptied, and leaves it out when the form never held one', () => {
    expect(valuesToDraftInput(1, values(' spring25 '), 'EUR').couponCode).toBe('spring25');
    expect(valuesToDraftInput(1, values(''), 'EUR').couponCode).toBeNull();
    expect(valuesToDraftInput(1, values(undefined), 'EUR').couponCode).toBeUndefined();
    expect(draftToValues({ lines: [], discount: null, notes: '', coupon } as unknown as Invoice, 'EUR').couponCode).toBe('SPRING25');
  });
});
