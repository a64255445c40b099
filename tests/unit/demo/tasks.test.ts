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
const one = <T>(sql: string) => lumen.runtime.sqlite.prepare(sql).get() as T;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'lumen-demo-tasks-'));
  lumen = await openLumen({ dataDir, clock: new ManualClock(NOW), checkOutputs: true });
  await generateDemoClinic(lumen.runtime, { patients: 400, years: 2, seed: 7 });
});
afterAll(async () => {
  await lumen.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the demo clinic’s follow-up tasks', () => {
  it('come from the default rules over the last months: mostly done, some late, the last days still open', () => {
    const counts = one<{ total: number; done: number; open: number; overdue: number; late: number; kinds: number }>(
      `SELECT count(*) AS total, count(completedAt) AS done, count(*) - count(completedAt) AS open,
         sum(completedAt IS NULL AND dueAt < '${NOW}') AS overdue, sum(completedAt > slaAt) AS late, count(DISTINCT kind) AS kinds FROM task`,
    );
    expect(counts.total).toBeGreaterThan(100);
    expect(counts.done / counts.total).toBeGreaterThan(0.7);
    expect(counts.open).toBeGreaterThan(0);
    expect(counts.overdue).toBeGreaterThan(0);
    expect(counts.late).toBeGreaterThan(0);
    expect(counts.kinds).toBeGreaterThanOrEqual(4);
    expect(one<{ n: number }>("SELECT count(*) AS n FROM task WHERE completedAt > '" + NOW + "' OR (completedAt IS NOT NULL AND outcome IS NULL)").n).toBe(0);
    expect(one<{ n: number }>('SELECT count(*) AS n FROM task t LEFT JOIN patient p ON p.id = t.patientId WHERE p.id IS NULL').n).toBe(0);
  });

  it('are what the daily job would have made: running the rules for today adds none', async () => {
    const conn = newConnection('test');
    await lumen.registry.call('auth.signIn', { username: 'manager', password: DEMO_PASSWORD }, conn);
    const run = (await lumen.registry.call('tasks.runRules', {}, conn)) as { created: number };
    expect(run.created).toBe(0);
  });
});
