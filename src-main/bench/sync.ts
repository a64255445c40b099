import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openLumen, type Lumen } from '../app';
import { DATABASE_FILE } from '../core/db';
import { newConnection } from '../core/session';
import { DEMO_PASSWORD } from '../demo/index';
import { exportChanges } from '../sync/index';
import { type BenchRow, percentile, round3 } from './measure';

export const SYNC_CHANGES = 10_000;
export const SYNC_TARGET_MS = 5000;
const EXPORT_RUNS = 5;

/** A copy of the closed demo clinic opened as a new workstation (the demo stays as it is for the next run). */
async function workstationCopy(demoDir: string, name: string, seriesPrefix: string): Promise<{ lumen: Lumen; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'lumen-bench-sync-'));
  copyFileSync(join(demoDir, DATABASE_FILE), join(dir, DATABASE_FILE));
  const lumen = await openLumen({ dataDir: dir });
  await lumen.registry.call('workstations.claim', { name, seriesPrefix, username: 'owner', password: DEMO_PASSWORD }, newConnection('cli'));
  return { lumen, dir };
}

const timed = async (fn: () => Promise<unknown>) => {
  const started = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - started) / 1e6;
};

/**
 * "sync export" and "sync import" of 10,000 changes on two copies of the demo clinic: one workstation edits 10,000
 * patients (with capture on, as a desk would), writes the change file for the others (timed over a few writes), and
 * the other applies it (timed once: a second apply finds nothing new).
 */
export async function syncRows(demoDir: string): Promise<BenchRow[]> {
  const sender = await workstationCopy(demoDir, 'Bench sender', 'BS');
  const receiver = await workstationCopy(demoDir, 'Bench receiver', 'BR');
  const folder = join(sender.dir, 'outbox');
  mkdirSync(folder);
  try {
    const runtime = sender.lumen.runtime;
    await sender.lumen.registry.exclusive(async () => {
      runtime.sqlite.exec('BEGIN IMMEDIATE');
      runtime.workstation!.stamp(runtime.clock.now());
      runtime.sqlite.prepare("UPDATE patient SET notes = 'Called about a maintenance visit ' || id WHERE id IN (SELECT id FROM patient ORDER BY id LIMIT ?)").run(SYNC_CHANGES);
      runtime.sqlite.exec('COMMIT');
    });
    let file = '';
    const exports: number[] = [];
    for (let i = 0; i < EXPORT_RUNS; i++) {
      exports.push(await timed(() => sender.lumen.registry.exclusive(async () => (file = exportChanges(runtime, folder).file))));
    }
    const conn = newConnection('cli');
    await receiver.lumen.registry.call('auth.signIn', { username: 'owner', password: DEMO_PASSWORD }, conn);
    let applied = 0;
    const importMs = await timed(async () => (applied = (await receiver.lumen.registry.call('sync.import', { file }, conn)).applied));
    if (applied < SYNC_CHANGES) throw new Error(`The sync import applied ${applied} changes, fewer than the ${SYNC_CHANGES} exported`);
    exports.sort((a, b) => a - b);
    return [
      { name: 'sync export', p50_ms: round3(percentile(exports, 0.5)), p95_ms: round3(percentile(exports, 0.95)), floor_p50_ms: null, ratio: null },
      { name: 'sync import', p50_ms: round3(importMs), p95_ms: round3(importMs), floor_p50_ms: null, ratio: null },
    ];
  } finally {
    for (const copy of [sender, receiver]) {
      await copy.lumen.close();
      rmSync(copy.dir, { recursive: true, force: true });
    }
  }
}
