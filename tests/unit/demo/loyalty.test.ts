import { describe, expect, it } from 'vitest';
import { demoClinicForFile } from '../../support/demo-clinic';
import { pointsOfLines } from '../../../src-main/loyalty/earning';
import { EARNING_INVOICE_SQL, EARNING_LINES_SQL } from '../../../src-main/loyalty/queries';

const demo = demoClinicForFile('loyalty');

describe('the demo clinic’s loyalty points', () => {
  it('earned on each paid invoice exactly what checkout would have given', () => {
    const sqlite = demo.lumen.runtime.sqlite;
    const earned = sqlite.prepare("SELECT invoiceId, points FROM pointsEntry WHERE kind = 'earned'").all() as { invoiceId: number; points: number }[];
    expect(earned.length).toBeGreaterThan(100);
    for (const { invoiceId, points } of earned) {
      const invoice = sqlite.prepare(EARNING_INVOICE_SQL).get(invoiceId) as { billedCents: number; pointsCents: number };
      const lines = (sqlite.prepare(EARNING_LINES_SQL).all(invoiceId) as { id: number; netCents: number; storedValue: number; packagePaid: number }[])
        .filter((l) => !l.storedValue && !l.packagePaid && l.netCents > 0)
        .map((l) => ({ id: l.id, weight: BigInt(l.netCents) * 100n }));
      expect([invoiceId, points]).toEqual([invoiceId, pointsOfLines(lines, 1, invoice.billedCents - invoice.pointsCents, invoice.billedCents).reduce((sum, l) => sum + l.points, 0)]);
    }
  });

  it('has balances that are their entries’ sums, nothing usable past its date, and a liability that adds them up', async () => {
    const sqlite = demo.lumen.runtime.sqlite;
    const balances = sqlite.prepare('SELECT patientId, sum(points) AS balance FROM pointsEntry GROUP BY patientId').all() as { patientId: number; balance: number }[];
    for (const { patientId, balance } of balances.slice(0, 40)) {
      const standing = await demo.lumen.registry.call('loyalty.forPatient', { patientId }, demo.conn);
      expect([patientId, standing.balance, standing.available]).toEqual([patientId, balance, balance]);
      expect(balance).toBeGreaterThanOrEqual(0);
    }
    const liability = await demo.lumen.registry.call('loyalty.liability', { asOf: '2026-03-02' }, demo.conn);
    expect(liability.points).toBe(balances.reduce((sum, b) => sum + b.balance, 0));
    expect(liability.byTier.map((t) => t.tier)).toEqual([null, 'Silver', 'Gold', 'Platinum']);
    expect(liability.byTier.filter((t) => t.patients > 0).length).toBeGreaterThanOrEqual(2);
  });
});
