import { describe, expect, it } from 'vitest';
import { NOT_MOVED } from '../../../src-main/patients/index';
import { syncPolicy } from '../../../src-main/sync/policy';
import { loyaltyClinics } from '../loyalty/support';

const start = loyaltyClinics({ expiryMonths: 12 });

describe('merging a patient who has paid, holds a package, store credit and points', () => {
  it('keeps the money history where it was taken and carries every balance to the kept record, with the points’ expiry dates', async () => {
    const c = await start();
    const { clinic } = c;
    const kept = await c.patient('Lena');
    const dup = await c.patient('Lena B.');
    // The duplicate bought a laser course (1,200.00 net → 1,200 points), used one session, and was refunded a botox
    // visit to store credit (357.00 with VAT; its 300 points taken back); months later, Gold by then, a laser visit
    // at 10 % off earns 225.
    const sale = await c.pay(dup, [{ packagePlanId: c.laserSix }]);
    const [course] = await clinic.call('packages.forPatient', { patientId: dup });
    const visit = await c.visit(dup, c.services.laser);
    await clinic.call('payments.take', { invoiceId: visit, tenders: [{ tender: 'package', patientPackageId: course.id }] });
    const botox = await c.pay(dup, [{ serviceId: c.services.botox }]);
    const botoxLine = (await clinic.call('invoices.get', { id: botox })).lines[0];
    await clinic.call('creditNotes.create', { invoiceId: botox, lines: [{ invoiceLineId: botoxLine.id, quantity: 1 }], reason: 'Not done', refundTo: 'storeCredit' });
    await c.travel('2026-09-15T10:00:00Z');
    await c.pay(dup, [{ serviceId: c.services.laser }]);
    const before = await clinic.call('loyalty.forPatient', { patientId: dup });
    const credit = (await clinic.call('storedValue.history', { patientId: dup })).balanceCents;
    expect([before.available, credit]).toEqual([1425, 35_700]);

    const { moved } = await clinic.call('patients.merge', { keepId: kept, mergeId: dup });
    expect(moved).toMatchObject({ 'invoice.patientId': 4, 'storedValueEntry.amountCents': 35_700, 'patientPackage.units': 5, 'pointsEntry.points': 1425 });

    // The kept record holds what the duplicate held: the course with 5 sessions and its expiry, the credit, the points
    // with the dates they expire on.
    const [held] = await clinic.call('packages.forPatient', { patientId: kept });
    expect(held).toMatchObject({ planId: c.laserSix, left: 5, expiresOn: course.expiresOn, saleInvoiceId: sale });
    expect((await clinic.call('storedValue.history', { patientId: kept })).balanceCents).toBe(35_700);
    const standing = await clinic.call('loyalty.forPatient', { patientId: kept });
    expect(standing.available).toBe(1425);
    expect(standing.expiringSoon).toEqual([]);
    // The refund's 300 came off the oldest lot: 900 and 300 of the spring's points, then the autumn's 225.
    const [spring, autumn] = [before.statement.at(-1)!.expiresOn, before.statement[0].expiresOn];
    expect(spring! < autumn!).toBe(true);
    expect(c.sql('SELECT points, expiresOn FROM pointsEntry WHERE patientId = ? ORDER BY id', kept)).toEqual([
      { points: 900, expiresOn: spring },
      { points: 300, expiresOn: spring },
      { points: 225, expiresOn: autumn },
    ]);
    // The duplicate's ledgers are left at nothing; her payments stay hers; every ledger still balances.
    const left = (table: string, column: string) => c.sql(`SELECT coalesce(sum(${column}), 0) AS n FROM ${table} WHERE patientId = ?`, dup);
    expect([left('pointsEntry', 'points'), left('storedValueEntry', 'amountCents')]).toEqual([[{ n: 0 }], [{ n: 0 }]]);
    expect(c.sql('SELECT sum(e.units) AS n FROM packageEntry e JOIN patientPackage p ON p.id = e.patientPackageId WHERE p.patientId = ?', dup)).toEqual([{ n: 0 }]);
    // Four payments and the refund to store credit.
    expect(c.sql('SELECT count(*) AS n FROM payment WHERE patientId = ?', dup)).toEqual([{ n: 5 }]);
    expect((await clinic.call('audit.verify', {})).ledgerProblems).toEqual([]);

    // And the kept record spends them: the course's next session, points at the desk.
    const next = await c.visit(kept, c.services.laser);
    await clinic.call('payments.take', { invoiceId: next, tenders: [{ tender: 'package', patientPackageId: held.id }] });
    expect((await clinic.call('packages.forPatient', { patientId: kept }))[0].left).toBe(4);
    await c.pay(kept, [{ serviceId: c.services.botox }], [{ tender: 'points', points: 1000 }, { tender: 'card', amountCents: 30_700 }]);
    // 1,000 points pay 50.00 of 357.00; the 307.00 paid by card earns 300 × 307 / 357 = 257.98 → 257.
    expect((await clinic.call('loyalty.forPatient', { patientId: kept })).available).toBe(1425 - 1000 + 257);
  });

  it('leaves every facts table that names a patient where it is: sync refuses to change a fact', async () => {
    const c = await start();
    const names = (table: string) => c.sql<{ table: string }>('SELECT "table" FROM pragma_foreign_key_list(?)', table).some((fk) => fk.table === 'patient');
    const facts = Object.entries(syncPolicy).filter(([table, policy]) => policy.sync === 'facts' && names(table)).map(([table]) => table);
    expect(facts).toContain('payment');
    expect(facts.filter((table) => !NOT_MOVED.has(table))).toEqual([]);
  });
});
