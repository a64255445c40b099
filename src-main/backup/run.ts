import { mkdirSync, renameSync, rmSync } from 'node:fs';
import { basename } from 'node:path';
import type { BackupFile } from '../../src-shared/contract/backup';
import { LumenError } from '../../src-shared/errors';
import { type Actor, appendAudit } from '../core/audit';
import { openDatabase, quickCheck } from '../core/db';
import type { Runtime } from '../core/runtime';
import { mirrorPhotos } from '../charts/index';
import { backupFolder, describeBackup, freeBackupPath, removeDatabase, rotateBackups } from './files';

interface BackupOptions {
  kind: 'daily' | 'weekly' | 'manual';
  actor?: Actor;
}

/** Pages copied between yields to the event loop (the default step of better-sqlite3), so calls keep flowing. */
const PAGES_PER_STEP = 100;

const SCHEDULER_ACTOR: Actor = { staffId: null, name: 'scheduler' };

/**
 * Online backup with SQLite's backup API: the clinic keeps working while pages are copied. The copy is written
 * under a temporary name, checked with `PRAGMA quick_check` on a read-only connection, the photo files are
 * mirrored into `<folder>/photos`, and only then is the copy renamed, so a file with our name is always a
 * complete, verified backup whose photos are there too.
 */
export function runBackup(runtime: Runtime, opts: BackupOptions): Promise<BackupFile> {
  // Refusals are thrown before anything starts, so "Back up now" can report them instead of a background failure.
  if (runtime.backup.running) throw new LumenError('conflict', 'A backup is already running.');
  if (!runtime.isOpen || runtime.recoveryMessage) throw new LumenError('unavailable', 'Only a healthy, open clinic database can be backed up.');
  // Set synchronously, so a status poll right after "Back up now" already sees it running.
  Object.assign(runtime.backup, { running: true, percent: 0, lastError: null });
  return copyVerifyRotate(runtime, opts);
}

async function copyVerifyRotate(runtime: Runtime, opts: BackupOptions): Promise<BackupFile> {
  const status = runtime.backup;
  const folder = backupFolder(runtime);
  let temp: string | null = null;
  try {
    mkdirSync(folder, { recursive: true });
    // The live database first: a damaged one would only make a damaged copy (and rotate a good backup out).
    await runtime.checkIntegrity();
    const target = freeBackupPath(folder, opts.kind, runtime.clock.now());
    temp = `${target}.partial`;
    await runtime.sqlite.backup(temp, {
      progress: ({ totalPages, remainingPages }) => {
        // 99 at most: the check and rename are still to come.
        status.percent = Math.min(99, Math.floor((100 * (totalPages - remainingPages)) / Math.max(totalPages, 1)));
        return PAGES_PER_STEP;
      },
    });
    await verifyCopy(temp);
    // Photos are files beside the database; the backup folder keeps a mirror of them (see restoreBackup).
    const photosCopied = await mirrorPhotos(runtime.dataDir, folder);
    renameSync(temp, target);
    const file = describeBackup(folder, basename(target));
    if (!file) throw new Error(`The backup ${target} vanished after it was written.`);
    const clinic = runtime.clinicRow();
    const deleted = rotateBackups(folder, { daily: clinic?.backupKeepDaily ?? 7, weekly: clinic?.backupKeepWeekly ?? 4 }, target);
    await runtime.outsideTransaction();
    appendAudit(runtime.sqlite, runtime.clock.now(), opts.actor ?? SCHEDULER_ACTOR, {
      action: 'backup',
      entity: 'backup',
      entityId: file.file,
      summary: `Saved the ${opts.kind} backup ${file.file} (${megabytes(file.sizeBytes)})`,
      details: { kind: opts.kind, folder, sizeBytes: file.sizeBytes, rotatedOut: deleted, photosCopied },
    });
    status.percent = 100;
    return file;
  } catch (error) {
    if (temp) removeDatabase(temp);
    status.lastError = `The backup failed: ${error instanceof Error ? error.message : String(error)}`;
    runtime.logger.error('Backup failed', error);
    throw error;
  } finally {
    status.running = false;
  }
}

async function verifyCopy(file: string): Promise<void> {
  const { sqlite } = await openDatabase(file, { readonly: true });
  let problem: string | null;
  try {
    problem = quickCheck(sqlite);
  } finally {
    sqlite.close();
  }
  // A read-only open of a WAL-mode file leaves empty -wal/-shm files beside it; the backup is the one file.
  rmSync(`${file}-wal`, { force: true });
  rmSync(`${file}-shm`, { force: true });
  if (problem) throw new Error(`the copy failed its integrity check (${problem})`);
}

function megabytes(bytes: number): string {
  return `${(bytes / 1_048_576).toFixed(1)} MB`;
}
