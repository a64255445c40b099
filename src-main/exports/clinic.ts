import { statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { ExportProgress } from '../../src-shared/contract/exports';
import { LumenError } from '../../src-shared/errors';
import { appendAudit, type Actor, type AuditEntry } from '../core/audit';
import type { HandlerMap } from '../core/registry';
import type { Runtime } from '../core/runtime';
import { fileStamp, writeNewFile } from '../reports/index';
import { type ArchiveSummary, writeClinicArchive } from './archive';

/** The export in progress, per open clinic, for `exports.progress` (answered beside the call that writes it). */
const progressByRuntime = new WeakMap<Runtime, ExportProgress>();

function idle(): ExportProgress {
  return { running: false, step: null, tablesDone: 0, tablesTotal: 0, rows: 0, lastError: null };
}

/**
 * Writes the archive to `path` with the progress kept for polling; the clinic's own connection is not used, so the
 * caller's transaction (a call's, or none on the command line) is untouched until it audits.
 */
async function archiveWithProgress(runtime: Runtime, path: string, exportedBy: string): Promise<ArchiveSummary & { seconds: number }> {
  const progress = { ...idle(), running: true };
  progressByRuntime.set(runtime, progress);
  const started = performance.now();
  try {
    const summary = await writeClinicArchive({ databaseFile: runtime.dbFile, dataDir: runtime.dataDir, path, exportedAt: runtime.clock.now(), exportedBy, progress });
    return { ...summary, seconds: Math.round((performance.now() - started) / 100) / 10 };
  } catch (error) {
    progress.lastError = (error as Error).message;
    throw new LumenError('unavailable', `The archive could not be written: ${(error as Error).message}`);
  } finally {
    progress.running = false;
    progress.step = null;
  }
}

/** What the audit log keeps of an archive: its file, tables and row counts (never rows). */
function archiveAudit(fileName: string, summary: ArchiveSummary): AuditEntry {
  return {
    action: 'export',
    entity: 'clinic',
    entityId: fileName,
    summary: `Exported the whole clinic (${summary.tables.length} tables, ${summary.rows} rows, ${summary.photos} photos) to ${fileName}`,
    details: { fileName, tables: summary.tables.map((t) => ({ table: t.table, rows: t.rows })), photos: summary.photos, omitted: summary.omitted.map((o) => `${o.table}${o.column ? `.${o.column}` : ''}`) },
  };
}

function resultOf(path: string, fileName: string, summary: ArchiveSummary & { seconds: number }) {
  const { size } = statSync(path);
  return { path, fileName, bytes: size, tables: summary.tables.map(({ table, file, rows }) => ({ table, file, rows })), rows: summary.rows, photos: summary.photos, omitted: summary.omitted, seconds: summary.seconds };
}

/**
 * The command line's `export-clinic PATH.zip`: whoever holds the data folder, audited as the command line. It holds
 * the write lock while the archive is written, as the call does, so the archive's readers all see one state.
 */
export async function exportClinicTo(runtime: Runtime, path: string, actor: Actor) {
  const fileName = basename(path);
  const sqlite = runtime.sqlite;
  sqlite.exec('BEGIN IMMEDIATE');
  try {
    const summary = await archiveWithProgress(runtime, path, actor.name);
    const now = runtime.clock.now();
    runtime.workstation?.stamp(now);
    appendAudit(sqlite, now, actor, archiveAudit(fileName, summary));
    sqlite.exec('COMMIT');
    return resultOf(path, fileName, summary);
  } finally {
    if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
  }
}

export const clinicExportHandlers: HandlerMap<'exports.clinic' | 'exports.progress'> = {
  /** Into <data dir>/exports/clinic-<stamp>.zip. The archive holds every clinical note: clinical.read is needed too. */
  'exports.clinic': async (_input, ctx) => {
    if (!ctx.can('clinical.read')) throw new LumenError('forbidden', 'The archive holds every clinical note: exporting it needs permission to read clinical details.', { permission: 'clinical.read' });
    let reserved: { path: string; fileName: string };
    try {
      reserved = writeNewFile(join(ctx.runtime.dataDir, 'exports'), `clinic-${fileStamp(ctx.now, ctx.clinic().timeZone)}.zip`, '');
    } catch (error) {
      throw new LumenError('unavailable', `The archive could not be saved: ${(error as Error).message}`);
    }
    const summary = await archiveWithProgress(ctx.runtime, reserved.path, ctx.actor.name);
    ctx.audit(archiveAudit(reserved.fileName, summary));
    return resultOf(reserved.path, reserved.fileName, summary);
  },

  'exports.progress': (_input, ctx) => ({ ...(progressByRuntime.get(ctx.runtime) ?? idle()) }),
};
