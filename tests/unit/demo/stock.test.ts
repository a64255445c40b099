import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLumen, type Lumen } from '../../../src-main/app';
import { ManualClock } from '../../../src-main/core/clock';
import { newConnection } from '../../../src-main/core/session';
import { DEMO_PASSWORD, generateDemoClinic } from '../../../src-main/demo/index';

const NOW = '2026-03-02T15:00:00Z';
let lumen: Lumen;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'lumen-demo-stock-'));
  lumen = await openLumen({ dataDir, clock: new ManualClock(NOW), checkOutputs: true });
  await generateDemoClinic(lumen.runtime, { patients: 300, years: 10, seed: 7 });
});
afterAll(async () => {
  await lumen.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const one = <T>(sql: string) => lumen.runtime.sqlite.prepare(sql).get() as T;
const all = <T>(sql: string) => lumen.runtime.sqlite.prepare(sql).all() as T[];

describe('the demo clinic’s stock', () => {
  it('has a stock lot for every lot a signed chart names, and the units each chart injected left that lot', () => {
    const injections = one<{ n: number; units: number }>("SELECT count(*) AS n, sum(j.value ->> 'units') AS units FROM chart c, json_each(c.content, '$.injections') j WHERE c.status = 'signed'");
    expect(injections.n).toBeGreaterThan(200);
    const matched = one<{ n: number }>(`SELECT count(*) AS n FROM chart c, json_each(c.content, '$.injections') j
      JOIN product p ON p.name = j.value ->> 'product' JOIN stockLot s ON s.productId = p.id AND s.lotNumber = j.value ->> 'lot'`);
    expect(matched.n).toBe(injections.n);
    expect(one<{ units: number }>("SELECT -sum(quantity) AS units FROM stockMovement WHERE kind = 'used'").units).toBe(injections.units);
  });

  it('sells every retail line from a lot of its product, and receives each lot before its first use', () => {
    const retail = one<{ lines: number; sold: number }>(`SELECT count(*) AS lines,
      (SELECT count(*) FROM stockMovement m WHERE m.kind = 'sold' AND m.invoiceLineId IS NOT NULL) AS sold
      FROM invoiceLine l JOIN service s ON s.id = l.serviceId WHERE s.kind = 'product' AND l.productId IS NOT NULL`);
    expect(retail.lines).toBeGreaterThan(500);
    expect(retail.sold).toBe(retail.lines);
    const early = one<{ n: number }>(`SELECT count(*) AS n FROM stockLot s
      WHERE (SELECT min(at) FROM stockMovement m WHERE m.lotId = s.id AND m.kind = 'received') > (SELECT min(at) FROM stockMovement m WHERE m.lotId = s.id AND m.kind <> 'received')`);
    expect(early.n).toBe(0);
  });

  it('never has a lot below zero, and an expired lot holds nothing; current lots do, and some are low or expiring', async () => {
    const lots = all<{ expiry: string; onHand: number }>('SELECT s.expiry, sum(m.quantity) AS onHand FROM stockLot s JOIN stockMovement m ON m.lotId = s.id GROUP BY s.id');
    expect(lots.every((lot) => lot.onHand >= 0)).toBe(true);
    expect(lots.filter((lot) => lot.expiry < NOW.slice(0, 10)).every((lot) => lot.onHand === 0)).toBe(true);
    expect(lots.filter((lot) => lot.onHand > 0).length).toBeGreaterThan(5);
    expect(one<{ n: number }>("SELECT count(*) AS n FROM stockMovement WHERE kind = 'counted'").n).toBeGreaterThan(0);

    const conn = newConnection('cli');
    await lumen.registry.call('auth.signIn', { username: 'manager', password: DEMO_PASSWORD }, conn);
    const onHand = (await lumen.registry.call('stock.onHand', {}, conn)) as { onHand: number }[];
    expect(onHand.reduce((sum, row) => sum + row.onHand, 0)).toBe(one<{ n: number }>('SELECT sum(quantity) AS n FROM stockMovement').n);
    const expiring = (await lumen.registry.call('stock.expiring', { withinDays: 730 }, conn)) as unknown[];
    expect(expiring.length).toBeGreaterThan(0);
    await lumen.registry.call('stock.low', {}, conn);
  });

  it('points only at rows that exist (the ledger is written with foreign keys unchecked, for speed)', () => {
    for (const table of ['stockMovement', 'stockLot', 'stockReceipt', 'stockCount', 'invoiceLine']) expect(all(`PRAGMA foreign_key_check(${table})`)).toEqual([]);
    expect(all("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'stockMovement' AND sql IS NOT NULL ORDER BY name").length).toBe(4);
  });
});
