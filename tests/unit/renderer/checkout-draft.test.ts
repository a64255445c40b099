import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { invoiceTotals } from '../../../src-shared/checkout/totals';
import type { Discount, Invoice } from '../../../src-shared/contract/checkout';
import { blankLine, draftToValues, previewTotals, valuesToDraftInput } from '../../../src-renderer/features/checkout/draftValues';

type Line = Invoice['lines'][number];

const discount: fc.Arbitrary<Discount | null> = fc.oneof(
  fc.constant(null),
  fc.integer({ min: 1, max: 10_000 }).map((basisPoints) => ({ kind: 'percent' as const, basisPoints })),
  fc.integer({ min: 1, max: 500 }).map((cents) => ({ kind: 'amount' as const, cents })),
);

const line: fc.Arbitrary<Line> = fc.record({ quantity: fc.integer({ min: 1, max: 30 }), unitPriceCents: fc.integer({ min: 500, max: 500_000 }), discount, taxRateMillipercent: fc.constantFrom(0, 7000, 8875, 19_000), staffId: fc.option(fc.integer({ min: 1, max: 9 }), { nil: null }) }).map((l) => ({
  ...l,
  id: 1,
  position: 0,
  serviceId: null,
  productId: null,
  lotId: null,
  description: 'Hyaluronic serum',
  staffName: null,
  grossCents: 0,
  discountCents: 0,
  netCents: 0,
  taxCents: 0,
  totalCents: 0,
  refundedQuantity: 0,
  packagePlanId: null,
  topUpPlanId: null,
  giftCard: null,
}));

const invoiceWith = (lines: Line[], invoiceDiscount: Discount | null): Invoice => ({ id: 7, lines, discount: invoiceDiscount, notes: 'Paid at the desk', pricesIncludeTax: false } as Invoice);

describe('the draft form', () => {
  it('gives back exactly the lines it was filled with, in cents, whatever the currency’s decimals', () => {
    for (const currency of ['EUR', 'JPY']) {
      fc.assert(
        fc.property(fc.array(line, { minLength: 1, maxLength: 6 }), (lines) => {
          const input = valuesToDraftInput(7, draftToValues(invoiceWith(lines, null), currency), currency);
          expect(input.lines.map((l) => [l.quantity, l.unitPriceCents, l.taxRateMillipercent, l.staffId, l.discount])).toEqual(lines.map((l) => [l.quantity, l.unitPriceCents, l.taxRateMillipercent, l.staffId, l.discount]));
        }),
      );
    }
  });

  it('shows live the very totals the shared rules compute, and nothing while a price does not read as money', () => {
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 6 }), fc.boolean(), fc.constantFrom('line' as const, 'invoice' as const), (lines, pricesIncludeTax, taxRounding) => {
        const values = draftToValues(invoiceWith(lines, null), 'EUR');
        const expected = invoiceTotals({ lines, discount: null, pricesIncludeTax, taxRounding });
        expect(previewTotals(values, 'EUR', { pricesIncludeTax, taxRounding })).toEqual(expected);
        values.lines[0].unitPriceCents = '12,3x';
        expect(previewTotals(values, 'EUR', { pricesIncludeTax, taxRounding })).toBeNull();
      }),
    );
  });

  it('says why when a discount is more than the line, instead of a total', () => {
    const values = { lines: [{ ...blankLine(19_000), description: 'Peel', unitPriceCents: '20', discountKind: 'amount' as const, discount: '25' }], discountKind: 'none' as const, discount: '', notes: '' };
    expect(previewTotals(values, 'EUR', { pricesIncludeTax: false, taxRounding: 'line' })).toEqual({ problem: expect.stringContaining('Line 1 discount') });
    values.lines[0].discount = '5';
    expect(previewTotals(values, 'EUR', { pricesIncludeTax: false, taxRounding: 'line' })).toMatchObject({ totalCents: 1785 }); // 15.00 + 19 %
  });

  it('sends a typed retail line with no service, no provider and the default rate', () => {
    const values = { lines: [{ ...blankLine(19_000), description: ' Sunscreen ', unitPriceCents: '35' }], discountKind: 'percent' as const, discount: '10', notes: '' };
    expect(valuesToDraftInput(3, values, 'EUR')).toEqual({
      id: 3,
      lines: [{ serviceId: undefined, description: 'Sunscreen', staffId: null, quantity: 1, unitPriceCents: 3500, discount: null, taxRateMillipercent: 19_000 }],
      discount: { kind: 'percent', basisPoints: 1000 },
      notes: '',
    });
  });
});
