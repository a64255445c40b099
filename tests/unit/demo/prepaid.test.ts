import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLumen, type Lumen } from '../../../src-main/app';
import { ManualClock } from '../../../src-main/core/clock';
import { verifyLedgers } from '../../../src-main/core/ledgers';
import { generateDemoClinic } from '../../../src-main/demo/index';

const NOW = '2026-03-02T15:00:00Z';
let lumen: Lumen;
let dataDir: string;
const one = <T>(sql: string) => lumen.runtime.sqlite.prepare(sql).get() as T;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'lumen-demo-prepaid-'));
  lumen = await openLumen({ dataDir, clock: new ManualClock(NOW), checkOutputs: true });
  await generateDemoClinic(lumen.runtime, { patients: 400, years: 10, seed: 42 });
});
afterAll(async () => {
  await lumen.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the demo clinic’s prepaid history', () => {
  it('sells packages on visits and redeems them at the next ones, each on its own invoice line and payment', () => {
    const counts = one<{ plans: number; sold: number; redeemed: number; open: number }>(`SELECT
      (SELECT count(*) FROM packagePlan) AS plans,
      (SELECT count(*) FROM patientPackage) AS sold,
      (SELECT count(*) FROM payment WHERE tender = 'package') AS redeemed,
      (SELECT count(*) FROM (SELECT sum(units) AS left FROM packageEntry GROUP BY patientPackageId) WHERE left > 0) AS open`);
    expect(counts.plans).toBeGreaterThan(2);
    expect(counts.sold).toBeGreaterThan(20);
    expect(counts.redeemed).toBeGreaterThan(counts.sold);
    expect(counts.open).toBeGreaterThan(0);
    // Every package comes from a package line of an issued invoice of the same patient.
    expect(one<{ n: number }>(`SELECT count(*) AS n FROM patientPackage pp JOIN invoiceLine l ON l.id = pp.saleLineId JOIN invoice i ON i.id = l.invoiceId
      WHERE l.packagePlanId IS NOT pp.planId OR i.patientId <> pp.patientId OR i.status <> 'issued'`).n).toBe(0);
    // A redemption pays a visit's covered lines of the package's owner, before it expired.
    expect(one<{ n: number }>(`SELECT count(*) AS n FROM payment p JOIN patientPackage pp ON pp.id = p.patientPackageId JOIN invoice i ON i.id = p.invoiceId
      WHERE i.patientId <> pp.patientId OR i.appointmentId IS NULL OR substr(p.takenAt, 1, 10) > pp.expiresOn`).n).toBe(0);
  });

  it('sells gift cards spent at later sales, and top-ups with their bonus; every ledger balances', () => {
    const counts = one<{ cards: number; spent: number; topUps: number; bonuses: number }>(`SELECT
      (SELECT count(*) FROM giftCard) AS cards,
      (SELECT count(*) FROM payment WHERE tender = 'giftCard') AS spent,
      (SELECT count(*) FROM storedValueEntry WHERE kind = 'topUp') AS topUps,
      (SELECT count(*) FROM storedValueEntry WHERE kind = 'bonus') AS bonuses`);
    expect(counts.cards).toBeGreaterThan(10);
    expect(counts.spent).toBeGreaterThan(5);
    expect(counts.topUps).toBeGreaterThan(3);
    expect(counts.bonuses).toBe(counts.topUps);
    expect(one<{ n: number }>("SELECT count(*) AS n FROM giftCard g JOIN invoice i ON i.id = g.saleInvoiceId WHERE g.activatedAt < i.issuedAt OR g.code NOT GLOB '[A-Z2-9]*'").n).toBe(0);
    expect(verifyLedgers(lumen.runtime.sqlite)).toEqual([]);
  });
});
