import { copyFileSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DATABASE_FILE } from '../core/db';
import { writeClinicArchive } from '../exports/index';
import { type BenchRow, round3 } from './measure';

/** The whole demo clinic as one archive, on a 2-core machine (issue 20). */
export const EXPORT_TARGET_MS = 60_000;

/**
 * "export whole clinic": one archive of a copy of the closed demo clinic (the export reads through its own read-only
 * connection, which would leave -shm files beside the cached demo), timed once, with the process's peak memory.
 * A long job, not a call a desk waits on: no floor, like "start-up to sign-in".
 */
export async function exportRows(demoDir: string): Promise<{ row: BenchRow; target: number; plans: [] }[]> {
  const dir = mkdtempSync(join(tmpdir(), 'lumen-bench-export-'));
  try {
    copyFileSync(join(demoDir, DATABASE_FILE), join(dir, DATABASE_FILE));
    let peak = process.memoryUsage().rss;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
    const started = process.hrtime.bigint();
    const summary = await writeClinicArchive({ databaseFile: join(dir, DATABASE_FILE), dataDir: demoDir, path: join(dir, 'clinic.zip'), exportedAt: new Date(), exportedBy: 'bench' });
    const ms = round3(Number(process.hrtime.bigint() - started) / 1e6);
    clearInterval(sampler);
    const mb = (bytes: number) => Math.round(bytes / 1048576);
    process.stderr.write(`  ${summary.rows.toLocaleString('en-US')} rows in ${summary.tables.length} tables, ${summary.photos} photos: ${mb(statSync(join(dir, 'clinic.zip')).size)} MB zip\n`);
    return [{ row: { name: 'export whole clinic', p50_ms: ms, p95_ms: ms, floor_p50_ms: null, ratio: null, peak_mb: mb(peak) }, target: EXPORT_TARGET_MS, plans: [] }];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
