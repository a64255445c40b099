import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyRate, divRound, percentOf } from '../../../src-shared/money';
import { allocate, invoiceTotals, refundShare, type Discount, type InvoiceInput, type InvoiceTotals, type LineInput, type LineTotals } from '../../../src-shared/checkout/totals';

const RUNS = { numRuns: 500 };

function line(quantity: number, unitPriceCents: number, taxRateMillipercent: number, discount: Discount | null = null): LineInput {
  return { quantity, unitPriceCents, taxRateMillipercent, discount };
}

function invoice(lines: LineInput[], options: Partial<Omit<InvoiceInput, 'lines'>> = {}): InvoiceInput {
  return { lines, discount: null, pricesIncludeTax: false, taxRounding: 'line', ...options };
}

describe('invoice totals, worked examples', () => {
  it('24 units of toxin at €12.50 with 10 % off and 19 % VAT on top', () => {
    const totals = invoiceTotals(invoice([line(24, 1250, 19_000, { kind: 'percent', basisPoints: 1000 })]));
    expect(totals.lines[0]).toEqual({ grossCents: 30_000, lineDiscountCents: 3000, memberDiscountCents: 0, couponDiscountCents: 0, invoiceDiscountCents: 0, netCents: 27_000, taxCents: 5130, totalCents: 32_130 });
    expect(totals).toMatchObject({ grossCents: 30_000, discountCents: 3000, netCents: 27_000, taxCents: 5130, totalCents: 32_130 });
    expect(totals.taxes).toEqual([{ rateMillipercent: 19_000, netCents: 27_000, taxCents: 5130 }]);
  });

  it('a €350 treatment with 20 % VAT included holds €58.33 of tax', () => {
    const totals = invoiceTotals(invoice([line(1, 35_000, 20_000)], { pricesIncludeTax: true }));
    expect(totals).toMatchObject({ grossCents: 35_000, discountCents: 0, netCents: 29_167, taxCents: 5833, totalCents: 35_000 });
  });

  it('8.875 % New York sales tax on a $0.99 retail item rounds 8.79 cents to 9', () => {
    const totals = invoiceTotals(invoice([line(1, 99, 8875)]));
    expect(totals).toMatchObject({ netCents: 99, taxCents: 9, totalCents: 108 });
  });

  it('three €0.50 sachets at 7 % VAT: rounding each line gives 12 cents of tax, rounding the invoice 11', () => {
    const sachets = [line(1, 50, 7000), line(1, 50, 7000), line(1, 50, 7000)];
    const byLine = invoiceTotals(invoice(sachets, { taxRounding: 'line' }));
    const byInvoice = invoiceTotals(invoice(sachets, { taxRounding: 'invoice' }));
    expect(byLine.lines.map((l) => l.taxCents)).toEqual([4, 4, 4]); // 3.5 cents each, rounded up
    expect(byLine.taxCents).toBe(12);
    expect(byInvoice.taxCents).toBe(11); // 10.5 cents once, rounded up
    expect(byInvoice.lines.map((l) => l.taxCents)).toEqual([4, 4, 3]); // the spare cents go to the earlier lines
    expect(byInvoice.totalCents).toBe(161);
    expect(byInvoice.taxes).toEqual([{ rateMillipercent: 7000, netCents: 150, taxCents: 11 }]);
  });

  it('a €20 discount on the whole invoice is split €13.33 / €6.67 over a €100 and a €50 line', () => {
    const totals = invoiceTotals(invoice([line(1, 10_000, 0), line(1, 5000, 0)], { discount: { kind: 'amount', cents: 2000 } }));
    expect(totals.lines.map((l) => l.invoiceDiscountCents)).toEqual([1333, 667]);
    expect(totals.lines.map((l) => l.netCents)).toEqual([8667, 4333]);
    expect(totals).toMatchObject({ grossCents: 15_000, discountCents: 2000, netCents: 13_000, totalCents: 13_000 });
  });

  it('the invoice discount applies after the lines’ own discounts, and each rate gets its own tax line', () => {
    const totals = invoiceTotals(invoice(
      [line(2, 5000, 20_000, { kind: 'amount', cents: 1000 }), line(1, 3000, 5500)],
      { discount: { kind: 'percent', basisPoints: 1000 }, pricesIncludeTax: true, taxRounding: 'invoice' },
    ));
    // 9000 + 3000 after line discounts; 10 % of 12000 = 1200, shared 900 / 300.
    expect(totals.lines.map((l) => l.invoiceDiscountCents)).toEqual([900, 300]);
    expect(totals).toMatchObject({ grossCents: 13_000, discountCents: 2200, totalCents: 10_800 });
    expect(totals.taxes).toEqual([
      { rateMillipercent: 5500, netCents: 2559, taxCents: 141 }, // 2700 − 2700 / 1.055
      { rateMillipercent: 20_000, netCents: 6750, taxCents: 1350 }, // 8100 − 8100 / 1.2
    ]);
  });

  it('a Gold member’s 10 % comes off the lines of her tier’s categories after their own discounts, before the coupon and the invoice discount', () => {
    const totals = invoiceTotals(invoice(
      [line(1, 25_000, 19_000, { kind: 'amount', cents: 5000 }), line(1, 30_000, 19_000), line(3, 333, 19_000)],
      { member: { basisPoints: 1000, eligible: [true, false, true] }, coupon: { discount: { kind: 'amount', cents: 1000 }, eligible: [true, false, false] }, discount: { kind: 'percent', basisPoints: 500 } },
    ));
    // 10 % of 200.00 (after the line's own 50.00) and of 9.99 (99.9 cents rounds to 100): rounded per line.
    expect(totals.lines.map((l) => l.memberDiscountCents)).toEqual([2000, 0, 100]);
    expect(totals.lines.map((l) => l.couponDiscountCents)).toEqual([1000, 0, 0]);
    // The invoice's 5 % on what is left: 170.00 + 300.00 + 8.99 = 478.99 → 23.95, shared by largest remainder.
    expect(sumOf(totals.lines.map((l) => l.invoiceDiscountCents))).toBe(2395);
    expect(totals).toMatchObject({ memberDiscountCents: 2100, couponDiscountCents: 1000, discountCents: 5000 + 2100 + 1000 + 2395 });
  });

  it('100 % off leaves nothing to pay and no tax', () => {
    const totals = invoiceTotals(invoice([line(3, 4999, 19_000), line(1, 12_000, 7000)], { discount: { kind: 'percent', basisPoints: 10_000 } }));
    expect(totals).toMatchObject({ grossCents: 26_997, discountCents: 26_997, netCents: 0, taxCents: 0, totalCents: 0 });
    expect(totals.lines.every((l) => l.totalCents === 0)).toBe(true);
  });

  it('refuses impossible input with a RangeError saying what is wrong', () => {
    expect(() => invoiceTotals(invoice([line(1, 5000, 0, { kind: 'amount', cents: 5001 })]))).toThrow(/Line 1 discount of 5001 is above the line's gross \(5000\)/);
    expect(() => invoiceTotals(invoice([line(1, 5000, 0)], { discount: { kind: 'amount', cents: 6000 } }))).toThrow(/Invoice discount of 6000 is above/);
    expect(() => invoiceTotals(invoice([line(0, 5000, 0)]))).toThrow(/Line 1 quantity/);
    expect(() => invoiceTotals(invoice([line(1, 12.5, 0)]))).toThrow(/Line 1 unit price/);
    expect(() => invoiceTotals(invoice([line(1, 100, 100_001)]))).toThrow(RangeError);
    expect(() => invoiceTotals(invoice([line(1, 100, 0, { kind: 'percent', basisPoints: 10_001 })]))).toThrow(RangeError);
    expect(() => invoiceTotals(invoice([line(1, 100, 0)], { member: { basisPoints: -1, eligible: [true] } }))).toThrow(/Member discount/);
    expect(() => invoiceTotals(invoice([line(1, 100, 0)], { member: { basisPoints: 1000, eligible: [] } }))).toThrow(/one eligibility flag per line/);
  });
});

describe('refund shares, worked examples', () => {
  it('a €10 line of 3 units refunded one unit at a time returns €3.33, €3.34, €3.33', () => {
    const sold = invoiceTotals(invoice([line(3, 334, 0, { kind: 'amount', cents: 2 })])).lines[0];
    expect(sold.totalCents).toBe(1000);
    const shares = [0, 1, 2].map((already) => refundShare(sold, 3, already, 1).totalCents);
    expect(shares).toEqual([333, 334, 333]);
  });

  it('20 of 24 toxin units, then the last 4, return exactly what was paid', () => {
    const sold = invoiceTotals(invoice([line(24, 1250, 19_000, { kind: 'percent', basisPoints: 1000 })])).lines[0];
    const first = refundShare(sold, 24, 0, 20);
    const rest = refundShare(sold, 24, 20, 4);
    expect(first).toEqual({ netCents: 22_500, taxCents: 4275, totalCents: 26_775 });
    expect(first.totalCents + rest.totalCents).toBe(32_130);
  });

  it('refuses to refund more units than are left', () => {
    const sold = invoiceTotals(invoice([line(2, 1000, 0)])).lines[0];
    expect(() => refundShare(sold, 2, 1, 2)).toThrow(/Units to refund/);
    expect(() => refundShare(sold, 2, 0, 0)).toThrow(RangeError);
  });
});

describe('allocate', () => {
  it('gives the spare cents to the largest remainders, ties to the earlier entry', () => {
    expect(allocate(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(allocate(10, [3, 0, 7])).toEqual([3, 0, 7]);
    expect(allocate(2, [1, 1, 1])).toEqual([1, 1, 0]);
    expect(allocate(5, [1, 2])).toEqual([2, 3]); // 1.67 / 3.33: the larger remainder wins
    expect(allocate(-100, [1, 1, 1])).toEqual([-34, -33, -33]);
    expect(allocate(0, [0, 0])).toEqual([0, 0]);
    expect(() => allocate(1, [0, 0])).toThrow(RangeError);
  });

  it('shares add up exactly and each lies within a cent of its exact proportion', () => {
    fc.assert(fc.property(
      fc.integer({ min: -1e12, max: 1e12 }),
      fc.array(fc.integer({ min: 0, max: 1e9 }), { minLength: 1, maxLength: 20 }).filter((weights) => weights.some((w) => w > 0)),
      (total, weights) => {
        const shares = allocate(total, weights);
        expect(shares.reduce((a, b) => a + b, 0)).toBe(total);
        const weightSum = BigInt(weights.reduce((a, b) => a + b, 0));
        shares.forEach((share, index) => {
          const exact = BigInt(total) * BigInt(weights[index]); // share × weightSum should be within one weightSum of it
          const gap = BigInt(share) * weightSum - exact;
          expect(gap < weightSum && gap > -weightSum).toBe(true);
          if (weights[index] === 0) expect(share).toBe(0);
        });
      },
    ), RUNS);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Random invoices

const COMMON_RATES = [0, 5000, 5500, 7000, 8875, 10_000, 19_000, 20_000, 21_000];
const rate = fc.oneof(fc.constantFrom(...COMMON_RATES), fc.integer({ min: 0, max: 100_000 }));

/** A discount spec: percent as given; an amount as basis points of whatever it applies to, so it is never above it. */
type DiscountSpec = { kind: 'percent'; basisPoints: number } | { kind: 'amountOf'; basisPoints: number } | null;
const discountSpec: fc.Arbitrary<DiscountSpec> = fc.oneof(
  fc.constant(null),
  fc.record({ kind: fc.constant('percent' as const), basisPoints: fc.oneof(fc.constantFrom(0, 1000, 10_000), fc.integer({ min: 0, max: 10_000 })) }),
  fc.record({ kind: fc.constant('amountOf' as const), basisPoints: fc.oneof(fc.constantFrom(0, 10_000), fc.integer({ min: 0, max: 10_000 })) }),
);

function toDiscount(spec: DiscountSpec, base: number): Discount | null {
  if (spec === null) return null;
  if (spec.kind === 'percent') return spec;
  return { kind: 'amount', cents: percentOf(base, spec.basisPoints) };
}

const lineSpec = fc.record({
  quantity: fc.oneof(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 1000 })),
  unitPriceCents: fc.oneof(fc.constantFrom(0, 1, 99), fc.integer({ min: 0, max: 100_000 }), fc.integer({ min: 0, max: 5_000_000 })),
  taxRateMillipercent: rate,
  discount: discountSpec,
});

const invoiceArbitrary: fc.Arbitrary<InvoiceInput> = fc.record({
  lines: fc.array(lineSpec, { minLength: 1, maxLength: 12 }),
  discount: discountSpec,
  member: fc.option(fc.record({ basisPoints: fc.oneof(fc.constantFrom(500, 1000, 10_000), fc.integer({ min: 0, max: 10_000 })), eligible: fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }) })),
  pricesIncludeTax: fc.boolean(),
  taxRounding: fc.constantFrom('line' as const, 'invoice' as const),
}).map((spec) => {
  const lines = spec.lines.map((l) => ({ ...l, discount: toDiscount(l.discount, l.quantity * l.unitPriceCents) }));
  const member = spec.member && { basisPoints: spec.member.basisPoints, eligible: spec.member.eligible.slice(0, lines.length) };
  const withoutInvoiceDiscount: InvoiceInput = { ...spec, lines, member, discount: null };
  const afterLineDiscounts = invoiceTotals(withoutInvoiceDiscount);
  return { ...withoutInvoiceDiscount, discount: toDiscount(spec.discount, afterLineDiscounts.grossCents - afterLineDiscounts.discountCents) };
});

const sumOf = (values: number[]) => values.reduce((a, b) => a + b, 0);
const figures = (l: LineTotals | InvoiceTotals) => [l.grossCents, l.netCents, l.taxCents, l.totalCents];

/** The tax a line (or group of lines) pays, rounded once by the rules, as the 'line'/'invoice' modes must give. */
function roundedTax(amount: number, rateMillipercent: number, pricesIncludeTax: boolean): number {
  return pricesIncludeTax ? amount - divRound(amount * 100_000, 100_000 + rateMillipercent) : applyRate(amount, rateMillipercent);
}

describe('invoice totals, random invoices', () => {
  it('every figure is a whole, non-negative number of cents and the lines add up to the invoice', () => {
    fc.assert(fc.property(invoiceArbitrary, (input) => {
      const totals = invoiceTotals(input);
      for (const l of totals.lines) {
        for (const value of [...figures(l), l.lineDiscountCents, l.memberDiscountCents, l.invoiceDiscountCents]) {
          expect(Number.isSafeInteger(value) && value >= 0).toBe(true);
        }
        expect(l.totalCents).toBe(l.netCents + l.taxCents);
      }
      expect(totals.grossCents).toBe(sumOf(totals.lines.map((l) => l.grossCents)));
      expect(totals.discountCents).toBe(sumOf(totals.lines.map((l) => l.lineDiscountCents + l.memberDiscountCents + l.couponDiscountCents + l.invoiceDiscountCents)));
      expect(totals.memberDiscountCents).toBe(sumOf(totals.lines.map((l) => l.memberDiscountCents)));
      totals.lines.forEach((l, i) => {
        expect(l.memberDiscountCents).toBe(input.member?.eligible[i] ? percentOf(l.grossCents - l.lineDiscountCents, input.member.basisPoints) : 0);
      });
      expect(totals.netCents).toBe(sumOf(totals.lines.map((l) => l.netCents)));
      expect(totals.taxCents).toBe(sumOf(totals.lines.map((l) => l.taxCents)));
      expect(totals.totalCents).toBe(sumOf(totals.lines.map((l) => l.totalCents)));
      expect(totals.totalCents).toBe(totals.netCents + totals.taxCents);
    }), RUNS);
  });

  it('the invoice discount is shared out exactly and no line pays less than nothing', () => {
    fc.assert(fc.property(invoiceArbitrary, (input) => {
      const totals = invoiceTotals(input);
      const afterLineDiscounts = sumOf(totals.lines.map((l) => l.grossCents - l.lineDiscountCents - l.memberDiscountCents));
      const discount = input.discount === null ? 0 : input.discount.kind === 'percent' ? percentOf(afterLineDiscounts, input.discount.basisPoints) : input.discount.cents;
      expect(sumOf(totals.lines.map((l) => l.invoiceDiscountCents))).toBe(discount);
      for (const l of totals.lines) expect(l.grossCents - l.lineDiscountCents - l.memberDiscountCents - l.invoiceDiscountCents).toBeGreaterThanOrEqual(0);
    }), RUNS);
  });

  it('inclusive prices: the customer pays gross minus discount; exclusive: tax is within a cent per line of the exact tax', () => {
    fc.assert(fc.property(invoiceArbitrary, (input) => {
      const totals = invoiceTotals(input);
      if (input.pricesIncludeTax) {
        expect(totals.totalCents).toBe(totals.grossCents - totals.discountCents);
      } else {
        expect(totals.totalCents).toBe(totals.grossCents - totals.discountCents + totals.taxCents);
        // Exact tax in units of 1/100000 cent: Σ net × rate. Rounding may move it by under a cent per line.
        const exact = sumOf(totals.lines.map((l, index) => l.netCents * input.lines[index].taxRateMillipercent));
        expect(Math.abs(totals.taxCents * 100_000 - exact)).toBeLessThan(totals.lines.length * 100_000);
      }
    }), RUNS);
  });

  it('taxes per rate are sorted, add up to the tax, and are rounded the way the invoice asks', () => {
    fc.assert(fc.property(invoiceArbitrary, (input) => {
      const totals = invoiceTotals(input);
      const rates = totals.taxes.map((t) => t.rateMillipercent);
      expect(rates).toEqual([...new Set(input.lines.map((l) => l.taxRateMillipercent))].sort((a, b) => a - b));
      expect(sumOf(totals.taxes.map((t) => t.taxCents))).toBe(totals.taxCents);
      expect(sumOf(totals.taxes.map((t) => t.netCents))).toBe(totals.netCents);
      const amountOf = (l: LineTotals) => l.grossCents - l.lineDiscountCents - l.memberDiscountCents - l.invoiceDiscountCents;
      if (input.taxRounding === 'line') {
        totals.lines.forEach((l, index) => expect(l.taxCents).toBe(roundedTax(amountOf(l), input.lines[index].taxRateMillipercent, input.pricesIncludeTax)));
      } else {
        for (const group of totals.taxes) {
          const amount = sumOf(totals.lines.filter((_, index) => input.lines[index].taxRateMillipercent === group.rateMillipercent).map(amountOf));
          expect(group.taxCents).toBe(roundedTax(amount, group.rateMillipercent, input.pricesIncludeTax));
        }
      }
    }), RUNS);
  });
});

describe('refund shares, random credit notes', () => {
  /** A sold line (from a random invoice, so with discounts and tax) plus a split of its quantity into refunds. */
  const soldLineAndRefunds = fc.tuple(invoiceArbitrary, fc.nat(), fc.array(fc.integer({ min: 1, max: 10_000 }), { minLength: 1, maxLength: 12 }))
    .map(([input, pick, cuts]) => {
      const index = pick % input.lines.length;
      const quantity = input.lines[index].quantity;
      // Cut points inside 1…quantity−1 turn the quantity into consecutive refunds of at least one unit each.
      const points = [...new Set(cuts.map((c) => c % quantity).filter((c) => c > 0))].sort((a, b) => a - b);
      const bounds = [0, ...points, quantity];
      const refunds = bounds.slice(1).map((end, i) => end - bounds[i]);
      return { line: invoiceTotals(input).lines[index], quantity, refunds };
    });

  it('refunding every unit over any number of credit notes returns exactly the line, never more along the way', () => {
    fc.assert(fc.property(soldLineAndRefunds, ({ line: sold, quantity, refunds }) => {
      let already = 0;
      const refunded = { netCents: 0, taxCents: 0, totalCents: 0 };
      for (const units of refunds) {
        const share = refundShare(sold, quantity, already, units);
        expect(share.totalCents).toBe(share.netCents + share.taxCents);
        expect(share.netCents >= 0 && share.taxCents >= 0).toBe(true);
        already += units;
        refunded.netCents += share.netCents;
        refunded.taxCents += share.taxCents;
        refunded.totalCents += share.totalCents;
        expect(refunded.netCents).toBeLessThanOrEqual(sold.netCents);
        expect(refunded.taxCents).toBeLessThanOrEqual(sold.taxCents);
        expect(refunded.totalCents).toBeLessThanOrEqual(sold.totalCents);
      }
      expect(already).toBe(quantity);
      expect(refunded).toEqual({ netCents: sold.netCents, taxCents: sold.taxCents, totalCents: sold.totalCents });
    }), RUNS);
  });
});
