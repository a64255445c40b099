import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLumen, type Lumen } from '../../../src-main/app';
import { ManualClock } from '../../../src-main/core/clock';
import { newConnection } from '../../../src-main/core/session';
import { DEMO_PASSWORD, generateDemoClinic } from '../../../src-main/demo/index';

let lumen: Lumen;
let dataDir: string;
const conn = newConnection('test');

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'lumen-demo-segments-'));
  lumen = await openLumen({ dataDir, clock: new ManualClock('2026-03-02T15:00:00Z'), checkOutputs: true });
  await generateDemoClinic(lumen.runtime, { patients: 300, years: 10, seed: 42 });
  await lumen.registry.call('auth.signIn', { username: 'frontdesk', password: DEMO_PASSWORD }, conn);
}, 180_000);

afterAll(async () => {
  await lumen.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the demo clinic’s segments', () => {
  it('has the default thresholds and saved segments that count real patients', async () => {
    expect(await lumen.registry.call('segments.settings', {}, conn)).toMatchObject({ newDays: 90, activeDays: 182, sleepingDays: 365 });
    const saved = await lumen.registry.call('segments.list', {}, conn);
    expect(saved.map((s) => s.name)).toContain('Toxin and laser, never filler, lapsed big spenders');
    expect(saved.length).toBeGreaterThanOrEqual(5);
    // Ten years of a clinic: most saved audiences are not empty.
    expect(saved.filter((s) => s.count > 0).length).toBeGreaterThanOrEqual(3);
  });

  it('spreads its patients over every tier and several RFM segments', async () => {
    const { rows } = await lumen.registry.call('segments.run', { query: {}, limit: 500 }, conn);
    const tiers = new Set(rows.map((r) => r.tier));
    for (const tier of ['active', 'sleeping', 'deepSleep'] as const) expect(tiers).toContain(tier);
    expect(new Set(rows.flatMap((r) => (r.rfm ? [r.rfm.segment] : []))).size).toBeGreaterThanOrEqual(5);
  });
});
