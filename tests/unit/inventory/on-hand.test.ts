import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../src-main/core/db';
import { verifyLedgers } from '../../../src-main/core/ledgers';
import { openTestClinic, type TestClinic } from '../../support/clinic';
import { migratedUpTo } from '../../support/migrations';
import { copyAsWorkstation, sendChanges } from '../../support/workstations';
import { stockOf } from './stock';

/**
 * The stock lists read on hand from stockOnHand, a sum per product and lot kept by a trigger on the ledger
 * (0027_stock_on_hand). It must equal the ledger wherever movements come from: a clinic's history when the migration
 * runs, another workstation's change file, and a sale here; audit-verify says so when it does not.
 */
const open: TestClinic[] = [];
const folders: string[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((clinic) => clinic.close()));
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

const AT = '2026-03-02T09:00:00.000Z';

describe('stock on hand per lot', () => {
  it('sums the movements a clinic already had when the migration runs, then adds each new one', async () => {
    const { sqlite, db } = await migratedUpTo('0027_stock_on_hand', folders);
    sqlite.exec(`
      INSERT INTO product (id, name, kind, unit, unitsPerPackage, priceCents, createdAt, updatedAt) VALUES
        (1, 'Botox', 'injectable', 'U', 100, 1500, '${AT}', '${AT}'), (2, 'SPF', 'retail', 'each', 1, 2900, '${AT}', '${AT}');
      INSERT INTO stockLot (id, productId, lotNumber, expiry, createdAt) VALUES (10, 1, 'C1', '2027-01-31', '${AT}'), (11, 1, 'C2', '2027-06-30', '${AT}');
      INSERT INTO stockMovement (productId, lotId, kind, quantity, at) VALUES
        (1, 10, 'received', 200, '${AT}'), (1, 10, 'used', -24, '${AT}'), (1, 11, 'received', 100, '${AT}'), (1, 11, 'writtenOff', -100, '${AT}'),
        (2, NULL, 'received', 12, '${AT}'), (2, NULL, 'sold', -2, '${AT}');`);

    await migrate(sqlite, db);
    const onHand = () => sqlite.prepare('SELECT productId, lotKey, onHand FROM stockOnHand ORDER BY productId, lotKey').all();
    // The emptied lot keeps its row, as the list shows it with includeEmpty; stock without a lot is lot key 0.
    expect(onHand()).toEqual([
      { productId: 1, lotKey: 10, onHand: 176 },
      { productId: 1, lotKey: 11, onHand: 0 },
      { productId: 2, lotKey: 0, onHand: 10 },
    ]);
    sqlite.exec(`INSERT INTO stockMovement (productId, lotId, kind, quantity, at) VALUES (1, 11, 'received', 50, '${AT}'), (2, NULL, 'sold', -3, '${AT}'), (2, NULL, 'counted', 1, '${AT}')`);
    expect(onHand()).toEqual([
      { productId: 1, lotKey: 10, onHand: 176 },
      { productId: 1, lotKey: 11, onHand: 50 },
      { productId: 2, lotKey: 0, onHand: 8 },
    ]);
    expect(verifyLedgers(sqlite)).toEqual([]);
    sqlite.close();
  });

  it('lists stock received on another workstation once its changes arrive, and a sale here takes from it', async () => {
    const reception = await openTestClinic({ now: AT });
    open.push(reception);
    const spf = await stockOf(reception).product('SPF 50 sunscreen');
    const room = await copyAsWorkstation(reception, 'Room 2', 'R');
    open.push(room);
    await stockOf(room).receive([{ productId: spf, lotNumber: 'S-1', expiry: '2027-12-31', packages: 6, unitCostCents: 1200 }]);
    expect(await reception.call('stock.onHand', { productId: spf })).toEqual([]);

    await sendChanges(room, reception);
    expect(await reception.call('stock.onHand', { productId: spf })).toMatchObject([{ lotNumber: 'S-1', expiry: '2027-12-31', onHand: 6 }]);
    const draft = await reception.call('invoices.createDraft', { lines: [{ productId: spf, quantity: 2 }] });
    await reception.call('invoices.issue', { id: draft.id });
    expect(await reception.call('stock.onHand', { productId: spf })).toMatchObject([{ lotNumber: 'S-1', onHand: 4 }]);
    expect((await reception.call('products.list', {})).find((p) => p.id === spf)).toMatchObject({ onHand: 4 });

    await sendChanges(reception, room);
    for (const desk of [reception, room]) {
      expect(await desk.call('stock.onHand', { productId: spf })).toMatchObject([{ lotNumber: 'S-1', onHand: 4 }]);
      expect(verifyLedgers(desk.lumen.runtime.sqlite)).toEqual([]);
    }
  });

  it('audit-verify names a product and lot whose listed stock is not the sum of its movements', async () => {
    const clinic = await openTestClinic({ now: AT });
    open.push(clinic);
    const stock = stockOf(clinic);
    const spf = await stock.product('SPF 50 sunscreen');
    await stock.receive([{ productId: spf, lotNumber: 'S-1', expiry: '2027-12-31', packages: 6, unitCostCents: 1200 }]);
    const sqlite = clinic.lumen.runtime.sqlite;
    expect(await clinic.call('audit.verify', {})).toMatchObject({ ok: true, ledgerProblems: [] });

    sqlite.prepare('UPDATE stockOnHand SET onHand = 60 WHERE productId = ?').run(spf);
    const lot = stock.lotId(spf, 'S-1');
    const verified = await clinic.call('audit.verify', {});
    expect(verified).toMatchObject({ ok: false, ledgerProblems: [`Product ${spf} lot ${lot} is listed with 60 on hand; its stock movements sum to 6.`] });
    expect(verified.message).toContain('does not balance');
  });
});
