import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { openLumen, type Lumen } from '../../src-main/app';
import { ManualClock } from '../../src-main/core/clock';
import { type Connection, newConnection } from '../../src-main/core/session';
import { DEMO_PASSWORD, generateDemoClinic } from '../../src-main/demo/index';

export interface DemoFixture {
  lumen: Lumen;
  /** Signed in as the demo's manager. */
  conn: Connection;
}

/**
 * A small demo clinic (300 patients, ten years, seed 42, at 2 March 2026 15:00 UTC) generated once for a test file,
 * signed in as the manager, and removed after the file's tests. Its fields are set once `beforeAll` has run.
 */
export function demoClinicForFile(name: string): DemoFixture {
  const fixture = { conn: newConnection('test') } as DemoFixture;
  let dataDir = '';
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), `lumen-demo-${name}-`));
    fixture.lumen = await openLumen({ dataDir, clock: new ManualClock('2026-03-02T15:00:00Z'), checkOutputs: true });
    await generateDemoClinic(fixture.lumen.runtime, { patients: 300, years: 10, seed: 42 });
    await fixture.lumen.registry.call('auth.signIn', { username: 'manager', password: DEMO_PASSWORD }, fixture.conn);
  }, 180_000);
  afterAll(async () => {
    await fixture.lumen.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
  return fixture;
}
