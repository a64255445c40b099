import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rewardCents } from '../../../src-main/referrals/rewards';
import { openReferrals, type ReferralClinic } from './support';

/*
 * Rewards against a model: random percents, forms, discounts, spending of the reward and full or partial refunds.
 * The referrer gets rewardCents(service net, percent) (or its points at 100 points per 5.00, rounded down); a full
 * refund takes back min(reward, what is left); every stored-value and points balance stays the sum of its entries and
 * never goes below zero.
 */

let c: ReferralClinic;
beforeAll(async () => {
  c = await openReferrals();
});
afterAll(async () => {
  await c.clinic.close();
});

describe('referral rewards keep the ledgers reconciled', () => {
  it('under random percents, forms, discounts, spending and refunds', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.record({ percent: fc.integer({ min: 0, max: 100 }), points: fc.boolean(), discountBasisPoints: fc.integer({ min: 1, max: 9000 }), spend: fc.integer({ min: 0, max: 3000 }), refund: fc.constantFrom('none', 'laser', 'all') }),
        async ({ percent, points, discountBasisPoints, spend, refund }) => {
          n += 1;
          await c.referrals({ percent, form: points ? 'points' : 'storeCredit' });
          const ambassador = await c.patient('Amb', `Run${n}`);
          const referred = await c.referred('Ref', ambassador);
          const invoice = await c.pay(referred, [{ serviceId: c.services.botox, discount: { kind: 'percent', basisPoints: discountBasisPoints } }, { serviceId: c.services.laser }]);
          const net = (await c.clinic.call('invoices.get', { id: invoice })).lines.reduce((sum, l) => sum + l.netCents, 0);
          const reward = rewardCents(net, percent);
          const given = points ? Math.floor((reward * 100) / 500) : reward;
          const held = async () => (points ? c.balance(ambassador) : c.credit(ambassador));
          expect(await held()).toBe(given);

          const spent = points ? 0 : Math.min(spend, given);
          if (spent > 0) await c.pay(ambassador, [{ description: 'Serum', unitPriceCents: spent, taxRateMillipercent: 0 }], [{ tender: 'storedValue', amountCents: spent }]);
          const [, laser] = await c.lineIds(invoice);
          if (refund !== 'none') await c.refund(invoice, refund === 'laser' ? [laser] : undefined);
          const expected = refund === 'all' ? 0 : given - spent;
          expect(await held()).toBe(expected);
          const standing = await c.clinic.call('referrals.forPatient', { patientId: ambassador });
          expect(standing.rewards.length).toBe(1);
          expect(points ? standing.totalPoints : standing.totalCents).toBe(refund === 'all' ? (points ? 0 : spent) : given);
        },
      ),
      { numRuns: 25 },
    );
    expect(c.sql('SELECT patientId FROM storedValueEntry GROUP BY patientId HAVING sum(amountCents) < 0')).toEqual([]);
    expect(c.sql('SELECT patientId FROM pointsEntry GROUP BY patientId HAVING sum(points) < 0')).toEqual([]);
    const history = await Promise.all(c.sql<{ patientId: number }>('SELECT DISTINCT patientId FROM storedValueEntry').map((r) => c.clinic.call('storedValue.history', { patientId: r.patientId })));
    for (const h of history) expect(h.balanceCents).toBe(h.entries.reduce((sum, e) => sum + e.amountCents, 0));
  }, 120_000);
});
