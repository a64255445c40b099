import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLumen, type Lumen } from '../../../src-main/app';
import { ManualClock } from '../../../src-main/core/clock';
import { newConnection } from '../../../src-main/core/session';
import { DEMO_PASSWORD, generateDemoClinic } from '../../../src-main/demo/index';
import { purchaseTriggers } from '../../../db/migrations/0009_retention';
import { rebuildPurchaseProjection } from '../../../src-main/retention/index';

const NOW = '2026-03-02T15:00:00Z';
let lumen: Lumen;
let dataDir: string;
const all = <T>(sql: string) => lumen.runtime.sqlite.prepare(sql).all() as T[];

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'lumen-demo-retention-'));
  lumen = await openLumen({ dataDir, clock: new ManualClock(NOW), checkOutputs: true });
  await generateDemoClinic(lumen.runtime, { patients: 400, years: 3, seed: 11 });
});
afterAll(async () => {
  await lumen.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the demo clinic’s retention', () => {
  it('has its purchase projection built, and its triggers back for the clinic’s own sales', () => {
    const sqlite = lumen.runtime.sqlite;
    const projection = () => [all('SELECT * FROM patientCategoryPurchase ORDER BY patientId, categoryId'), all('SELECT * FROM patientPurchase ORDER BY patientId')];
    const built = projection();
    expect(built[0].length).toBeGreaterThan(400);
    rebuildPurchaseProjection(sqlite);
    expect(projection()).toEqual(built);
    expect(sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'purchases_%' ORDER BY name").pluck().all()).toEqual(Object.keys(purchaseTriggers).sort());
  });

  it('has outreach history on consented channels, by phone mostly where the patient may be phoned, some of it credited', async () => {
    const byChannel = Object.fromEntries(
      all<{ channel: string; n: number }>("SELECT channel, count(*) AS n FROM outreach o WHERE EXISTS (SELECT 1 FROM patientConsent c WHERE c.patientId = o.patientId AND c.channel = 'phone' AND c.granted = 1) GROUP BY channel").map((r) => [r.channel, r.n]),
    );
    expect(byChannel.phone).toBeGreaterThan((byChannel.sms ?? 0) + (byChannel.email ?? 0));
    const outcomes = new Set(all<{ outcome: string }>('SELECT DISTINCT outcome FROM outreach').map((r) => r.outcome));
    expect(outcomes).toEqual(expect.objectContaining(new Set(['booked', 'noAnswer'])));
    const conn = newConnection('test');
    await lumen.registry.call('auth.signIn', { username: 'manager', password: DEMO_PASSWORD }, conn);
    const results = await lumen.registry.call('retention.outreachResults', { from: '2023-03-02', to: '2026-03-01' }, conn);
    expect(results.reduce((sum, r) => sum + r.converted, 0)).toBeGreaterThan(0);
    // Every contact was on a channel the patient had consented to.
    expect(all("SELECT 1 FROM outreach o WHERE NOT EXISTS (SELECT 1 FROM patientConsent c WHERE c.patientId = o.patientId AND c.channel = o.channel AND c.granted = 1)")).toEqual([]);
    const list = await lumen.registry.call('retention.delinquency', { category: 'Neurotoxin', limit: 5 }, conn);
    expect(list.total).toBeGreaterThan(0);
  });
});
