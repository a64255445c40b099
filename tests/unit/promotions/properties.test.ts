import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invoiceTotals } from '../../../src-shared/checkout/totals';
import { percentOf } from '../../../src-shared/money';
import { type Shop, openShop } from './shop';

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

const discount = (max: number) =>
  fc.oneof(
    fc.record({ kind: fc.constant('percent' as const), basisPoints: fc.integer({ min: 1, max: 10_000 }) }),
    fc.record({ kind: fc.constant('amount' as const), cents: fc.integer({ min: 1, max }) }),
  );

/** Lines with their own discounts (within the line), a coupon with random eligible lines, and an invoice discount. */
const sale = fc
  .array(fc.record({ quantity: fc.integer({ min: 1, max: 24 }), unitPriceCents: fc.integer({ min: 0, max: 200_000 }), taxRateMillipercent: fc.constantFrom(0, 7000, 19_000), lineBp: fc.option(fc.integer({ min: 1, max: 10_000 })) }), { minLength: 1, maxLength: 8 })
  .chain((lines) =>
    fc.record({
      lines: fc.constant(lines.map(({ lineBp, ...line }) => ({ ...line, discount: lineBp === null ? null : { kind: 'percent' as const, basisPoints: lineBp } }))),
      coupon: fc.record({ discount: discount(5_000_000), eligible: fc.array(fc.boolean(), { minLength: lines.length, maxLength: lines.length }) }),
      invoiceBp: fc.option(fc.integer({ min: 1, max: 10_000 })),
      pricesIncludeTax: fc.boolean(),
      taxRounding: fc.constantFrom('line' as const, 'invoice' as const),
    }),
  );

describe('coupon totals (property)', () => {
  it('never take more than the eligible lines, only from them, and the invoice still adds up to the cent', () => {
    fc.assert(
      fc.property(sale, ({ lines, coupon, invoiceBp, pricesIncludeTax, taxRounding }) => {
        const totals = invoiceTotals({ lines, coupon, discount: invoiceBp === null ? null : { kind: 'percent', basisPoints: invoiceBp }, pricesIncludeTax, taxRounding });
        const eligibleSum = sum(totals.lines.map((l, i) => (coupon.eligible[i] ? l.grossCents - l.lineDiscountCents : 0)));
        const expected = coupon.discount.kind === 'percent' ? percentOf(eligibleSum, coupon.discount.basisPoints) : Math.min(coupon.discount.cents, eligibleSum);
        expect(totals.couponDiscountCents).toBe(expected);
        expect(totals.couponDiscountCents).toBeLessThanOrEqual(eligibleSum);
        totals.lines.forEach((l, i) => {
          if (!coupon.eligible[i]) expect(l.couponDiscountCents).toBe(0);
          expect(l.grossCents - l.lineDiscountCents - l.couponDiscountCents - l.invoiceDiscountCents).toBeGreaterThanOrEqual(0);
          expect(l.totalCents).toBe(l.netCents + l.taxCents);
        });
        expect(totals.discountCents).toBe(sum(totals.lines.map((l) => l.lineDiscountCents + l.couponDiscountCents + l.invoiceDiscountCents)));
        expect(totals.totalCents).toBe(sum(totals.lines.map((l) => l.totalCents)));
        expect(totals.totalCents).toBe(totals.netCents + totals.taxCents);
      }),
      { numRuns: 500 },
    );
  });
});

describe('coupon redemptions (property)', () => {
  let shop: Shop;
  let patients: number[];
  beforeAll(async () => {
    shop = await openShop();
    patients = [await shop.patient(), await shop.patient(), await shop.patient()];
  });
  afterAll(() => shop.clinic.close());

  const step = fc.record({ invoice: fc.integer({ min: 0, max: 3 }), action: fc.constantFrom('issue', 'backToDraft', 'void') });

  it('uses and discount given are the issued invoices’ minus the reversed, and never pass the limit', async () => {
    let run = 0;
    let redeemedSomewhere = false;
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 14 }), fc.option(fc.integer({ min: 1, max: 3 })), fc.integer({ min: 500, max: 4000 }), async (steps, maxUses, basisPoints) => {
        run++;
        const campaignId = await shop.campaign();
        const code = `RUN-${run}`;
        const coupon = await shop.coupon({ campaignId, code, maxUses, discount: { kind: 'percent', basisPoints } });
        const invoices = [];
        for (let i = 0; i < 4; i++) {
          const draft = await shop.clinic.call('invoices.createDraft', { patientId: patients[i % patients.length] });
          invoices.push(await shop.clinic.call('invoices.saveDraft', { id: draft.id, lines: [{ serviceId: shop.services.botox }, { serviceId: shop.services.consult }], couponCode: code }));
        }
        for (const { invoice, action } of steps) {
          const { id } = invoices[invoice];
          // Refusals (issuing an issued invoice, a used-up coupon, voiding a draft) are part of the run.
          if (action === 'void') await shop.clinic.call('invoices.void', { id, reason: 'Property run' }).catch(() => undefined);
          else await shop.clinic.call(`invoices.${action}`, { id }).catch(() => undefined);
        }
        const issued = (await Promise.all(invoices.map((i) => shop.clinic.call('invoices.get', { id: i.id })))).filter((i) => i.status === 'issued');
        const [listed] = (await shop.clinic.call('campaigns.list', {})).find((c) => c.id === campaignId)!.coupons;
        expect(listed.id).toBe(coupon.id);
        expect(listed.uses).toBe(issued.length);
        expect(listed.discountGivenCents).toBe(sum(issued.map((i) => i.coupon!.discountCents)));
        if (maxUses !== null) expect(listed.uses).toBeLessThanOrEqual(maxUses);
        redeemedSomewhere ||= listed.uses > 0;
      }),
      { numRuns: 15 },
    );
    // The runs did redeem (a run of refusals only would prove nothing).
    expect(redeemedSomewhere).toBe(true);
  }, 120_000);
});
