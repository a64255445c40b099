import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLumen, type Lumen } from '../../../src-main/app';
import { ManualClock } from '../../../src-main/core/clock';
import { newConnection } from '../../../src-main/core/session';
import { DEMO_PASSWORD, generateDemoClinic } from '../../../src-main/demo/index';
import { localDate } from '../../../src-shared/time';

const NOW = '2026-03-02T15:00:00Z';
let lumen: Lumen;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'lumen-demo-promotions-'));
  lumen = await openLumen({ dataDir, clock: new ManualClock(NOW), checkOutputs: true });
  await generateDemoClinic(lumen.runtime, { patients: 300, years: 10, seed: 42 });
}, 180_000);

afterAll(async () => {
  await lumen.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the demo clinic’s campaigns and coupons', () => {
  const all = <T>(sql: string) => lumen.runtime.sqlite.prepare(sql).all() as T[];

  it('run five seasonal campaigns a year over ten years, each with one shared code', () => {
    const campaigns = all<{ name: string; costCents: number; codes: number }>(
      'SELECT c.name, c.costCents, (SELECT count(*) FROM couponCode k JOIN coupon p ON p.id = k.couponId WHERE p.campaignId = c.id) AS codes FROM campaign c',
    );
    expect(campaigns.length).toBeGreaterThanOrEqual(45);
    expect(campaigns.every((c) => c.codes === 1 && c.costCents > 0)).toBe(true);
  });

  it('have redemptions that match their invoices: the coupon’s discount, within its window, once per patient, never above the eligible lines', () => {
    const rows = all<{ invoiceId: number; patientId: number; couponId: number; discountCents: number; invoiceCoupon: number; invoiceCouponCode: number; codeId: number; invoiceDiscount: number; issuedAt: string; validFrom: string; validTo: string; categoryIds: string }>(
      `SELECT r.invoiceId, r.patientId, r.couponId, r.discountCents, r.couponCodeId AS codeId, i.couponDiscountCents AS invoiceCoupon, i.couponCodeId AS invoiceCouponCode,
              i.discountCents AS invoiceDiscount, i.issuedAt, c.validFrom, c.validTo, c.categoryIds
       FROM couponRedemption r JOIN invoice i ON i.id = r.invoiceId JOIN coupon c ON c.id = r.couponId`,
    );
    expect(rows.length).toBeGreaterThan(20);
    const seen = new Set<string>();
    const eligibleGross = lumen.runtime.sqlite.prepare('SELECT l.grossCents, s.categoryId FROM invoiceLine l JOIN service s ON s.id = l.serviceId WHERE l.invoiceId = ?');
    for (const r of rows) {
      expect(r.invoiceCoupon).toBe(r.discountCents);
      expect(r.invoiceCouponCode).toBe(r.codeId);
      expect(r.discountCents).toBeGreaterThan(0);
      expect(r.invoiceDiscount).toBeGreaterThanOrEqual(r.discountCents);
      const day = localDate(r.issuedAt, 'America/New_York');
      expect(day >= r.validFrom && day <= r.validTo).toBe(true);
      const key = `${r.couponId}:${r.patientId}`;
      expect(seen.has(key)).toBe(false);
      seen.add(key);
      const categories = JSON.parse(r.categoryIds) as number[];
      const lines = eligibleGross.all(r.invoiceId) as { grossCents: number; categoryId: number }[];
      const eligible = lines.filter((l) => !categories.length || categories.includes(l.categoryId)).reduce((sum, l) => sum + l.grossCents, 0);
      expect(r.discountCents).toBeLessThanOrEqual(eligible);
    }
    // No invoice carries a coupon without its redemption.
    expect(all<{ n: number }>('SELECT count(*) AS n FROM invoice WHERE couponCodeId IS NOT NULL')[0].n).toBe(rows.length);
  });

  it('shows through the app: uses and discount given per coupon, and the patients’ deal status', async () => {
    const conn = newConnection('test');
    await lumen.registry.call('auth.signIn', { username: 'owner', password: DEMO_PASSWORD }, conn);
    const campaigns = await lumen.registry.call('campaigns.list', {}, conn);
    const uses = campaigns.flatMap((c) => c.coupons).reduce((sum, k) => sum + k.uses, 0);
    expect(uses).toBe(all<{ n: number }>('SELECT count(*) AS n FROM couponRedemption')[0].n);
    const repeat = await lumen.registry.call('deals.patients', { status: 'repeat', limit: 5 }, conn);
    expect(repeat.length).toBe(5);
    const standing = await lumen.registry.call('patients.standing', { patientId: repeat[0].id }, conn);
    expect(standing).toMatchObject({ dealStatus: 'repeat', dealCount: repeat[0].dealCount });
  });
});
