import type BetterSqlite3 from 'better-sqlite3';
import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { migratedUpTo } from '../../support/migrations';
import { rebuildSalesProjections } from '../../../src-main/reports/index';
import { type LoyaltyClinic, openLoyalty } from './support';

const open: LoyaltyClinic[] = [];
const folders: string[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.clinic.close()));
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

const paymentSchema = (sqlite: BetterSqlite3.Database) =>
  sqlite.prepare("SELECT type, name, sql FROM sqlite_schema WHERE tbl_name = 'payment' AND type IN ('index', 'trigger') ORDER BY type, name").all();

describe('the payment table rebuilt for the points tender', () => {
  it('keeps every index and trigger it had, as they were', async () => {
    const { sqlite: before } = await migratedUpTo('0021_loyalty', folders);
    const expected = paymentSchema(before);
    expect(expected.map((row) => (row as { name: string }).name)).toEqual(expect.arrayContaining(['payment_packagePaid', 'salesDay_payment_insert', 'invoiceSale_payment_delete']));
    // Right after the rebuild (up to the next migration): later migrations may add triggers of their own.
    const { sqlite: after } = await migratedUpTo('0022_referrals', folders);
    expect(paymentSchema(after)).toEqual(expected);
    expect(after.prepare("SELECT sql FROM sqlite_schema WHERE name = 'payment'").get()).toMatchObject({ sql: expect.stringContaining("'points'") });
  });

  it('its triggers still keep the sales projections: after package and points payments and a refund they equal a rebuild', async () => {
    const c = await openLoyalty();
    open.push(c);
    const sqlite = c.clinic.lumen.runtime.sqlite;
    const lena = await c.patient('Lena');
    await c.pay(lena, [{ packagePlanId: c.laserSix }]);
    const [held] = await c.clinic.call('packages.forPatient', { patientId: lena });
    const visit = await c.pay(lena, [{ serviceId: c.services.laser }, { serviceId: c.services.consult }], [{ tender: 'package', patientPackageId: held.id }, { tender: 'points', points: 1000 }, { tender: 'card', amountCents: 950 }]);
    const invoice = await c.clinic.call('invoices.get', { id: visit });
    await c.clinic.call('creditNotes.create', { invoiceId: visit, lines: [{ invoiceLineId: invoice.lines[0].id, quantity: 1 }], reason: 'Redo', refundTo: 'originalTender' });
    const kept = () => ({
      salesDay: sqlite.prepare('SELECT * FROM salesDay ORDER BY mode, dimension, localDate, key').all(),
      invoiceSale: sqlite.prepare('SELECT * FROM invoiceSale ORDER BY invoiceId').all(),
      invoiceRedemption: sqlite.prepare('SELECT * FROM invoiceRedemption ORDER BY invoiceId').all(),
    });
    const byTriggers = kept();
    // The package redemption reached the projection through payment's triggers: under `redemption` it counts.
    expect(byTriggers.salesDay.length).toBeGreaterThan(0);
    expect(byTriggers.invoiceSale.map((row) => (row as { invoiceId: number }).invoiceId)).toContain(visit);
    expect(byTriggers.invoiceRedemption.map((row) => (row as { invoiceId: number }).invoiceId)).toEqual([visit]);
    rebuildSalesProjections(sqlite);
    expect(kept()).toEqual(byTriggers);
  });
});
