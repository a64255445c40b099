import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLumen, type Lumen } from '../../../src-main/app';
import { ManualClock } from '../../../src-main/core/clock';
import { newConnection } from '../../../src-main/core/session';
import { DEMO_PASSWORD, generateDemoClinic } from '../../../src-main/demo/index';
import { canonicalCode } from '../../../src-main/referrals/codes';
import { rewardCents } from '../../../src-main/referrals/rewards';
import { PAID_TREATMENT } from '../../../src-main/referrals/queries';

let lumen: Lumen;
let dataDir: string;
const conn = newConnection('test');

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'lumen-demo-referrals-'));
  lumen = await openLumen({ dataDir, clock: new ManualClock('2026-03-02T15:00:00Z'), checkOutputs: true });
  await generateDemoClinic(lumen.runtime, { patients: 300, years: 10, seed: 42 });
  await lumen.registry.call('auth.signIn', { username: 'manager', password: DEMO_PASSWORD }, conn);
}, 180_000);

afterAll(async () => {
  await lumen.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the demo clinic’s referrals', () => {
  it('rewarded each referred patient’s first paid treatment with 10 % as store credit, as checkout would have', () => {
    const sqlite = lumen.runtime.sqlite;
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
    const codes = lumen.runtime.sqlite.prepare('SELECT patientId, code FROM referralCode').all() as { patientId: number; code: string }[];
    expect(codes.length).toBeGreaterThan(5);
    for (const { patientId, code } of codes.slice(0, 20)) {
      expect(canonicalCode(code)).toBe(code);
      expect(await lumen.registry.call('referrals.lookupCode', { code }, conn)).toMatchObject({ referrer: { id: patientId } });
    }
  });

  it('has an ambassador board for its last year', async () => {
    const board = await lumen.registry.call('referrals.board', { from: '2025-03-01', to: '2026-02-28' }, conn);
    expect(board.total).toBeGreaterThan(0);
    expect(board.rows[0].revenueCents).toBeGreaterThanOrEqual(board.rows.at(-1)!.revenueCents);
  });
});
