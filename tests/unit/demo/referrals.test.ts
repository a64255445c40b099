import { describe, expect, it } from 'vitest';
import { demoClinicForFile } from '../../support/demo-clinic';
import { canonicalCode } from '../../../src-main/referrals/codes';
import { rewardCents } from '../../../src-main/referrals/rewards';
import { PAID_TREATMENT } from '../../../src-main/referrals/queries';

const demo = demoClinicForFile('referrals');

describe('the demo clinic’s referrals', () => {
  it('rewarded each referred patient’s first paid treatment with 10 % as store credit, as checkout would have', () => {
    const sqlite = demo.lumen.runtime.sqlite;
    const rewards = sqlite
      .prepare(`SELECT r.referredId, r.referrerId, r.invoiceId, r.serviceNetCents, r.cents, e.amountCents, e.patientId AS creditTo, e.kind
        FROM referralReward r LEFT JOIN storedValueEntry e ON e.id = r.storedValueEntryId`)
      .all() as { referredId: number; referrerId: number; invoiceId: number; serviceNetCents: number; cents: number; amountCents: number; creditTo: number; kind: string }[];
    expect(rewards.length).toBeGreaterThan(5);
    for (const r of rewards) {
      expect(r.cents).toBe(rewardCents(r.serviceNetCents, 10));
      expect([r.amountCents, r.creditTo, r.kind]).toEqual([r.cents, r.referrerId, 'referralReward']);
      const first = sqlite.prepare(`SELECT min(issuedAt) AS at FROM invoice i WHERE i.patientId = ? AND ${PAID_TREATMENT}`).get(r.referredId) as { at: string };
      expect(sqlite.prepare('SELECT issuedAt FROM invoice WHERE id = ?').pluck().get(r.invoiceId)).toBe(first.at);
    }
    expect(sqlite.prepare('SELECT count(*) FROM (SELECT referredId FROM referralReward GROUP BY referredId HAVING count(*) > 1)').pluck().get()).toBe(0);
  });

  it('gave every ambassador a readable code that finds them', async () => {
    const codes = demo.lumen.runtime.sqlite.prepare('SELECT patientId, code FROM referralCode').all() as { patientId: number; code: string }[];
    expect(codes.length).toBeGreaterThan(5);
    for (const { patientId, code } of codes.slice(0, 20)) {
      expect(canonicalCode(code)).toBe(code);
      expect(await demo.lumen.registry.call('referrals.lookupCode', { code }, demo.conn)).toMatchObject({ referrer: { id: patientId } });
    }
  });

  it('has an ambassador board for its last year', async () => {
    const board = await demo.lumen.registry.call('referrals.board', { from: '2025-03-01', to: '2026-02-28' }, demo.conn);
    expect(board.total).toBeGreaterThan(0);
    expect(board.rows[0].revenueCents).toBeGreaterThanOrEqual(board.rows.at(-1)!.revenueCents);
  });
});
