import { copyFileSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { LumenError } from '../../src-shared/errors';
import { type Actor, appendAudit } from '../core/audit';
import { openDatabase, SCHEMA_VERSION, type Sqlite } from '../core/db';
import type { Runtime } from '../core/runtime';
import { mirrorPhotos } from '../charts/index';
import { becomeNewWorkstation, freeSeriesPrefix } from '../sync/index';
import { backupFolder, freeBackupPath, moveDatabase, removeDatabase } from './files';

/**
 * Replaces the clinic database with a backup. The candidate is checked first (integrity, a Lumen clinic, not
 * from a newer Lumen), and nothing changes when it fails. The current database is kept as a safety copy in the
 * backup folder; if anything goes wrong after the swap began, it is put back and reopened.
 * Works on a clinic in recovery mode and on one whose database could not be opened at all (the CLI).
 */
export async function restoreBackup(runtime: Runtime, filePath: string, actor: Actor): Promise<{ restoredFrom: string; safetyCopy: string }> {
  if (runtime.backup.running) throw new LumenError('conflict', 'A backup is running. Restore when it has finished.');
  if (!existsSync(filePath) || !statSync(filePath).isFile()) throw new LumenError('not_found', `There is no backup file at ${filePath}.`);

  // Checked on a private copy beside the database: the backup itself is never opened for writing, and the
  // verified copy can then be renamed into place in one step.
  const staged = `${runtime.dbFile}.restoring`;
  removeDatabase(staged);
  copyFileSync(filePath, staged);
  if (existsSync(`${filePath}-wal`)) copyFileSync(`${filePath}-wal`, `${staged}-wal`);
  const problem = await problemWith(staged);
  if (problem) {
    removeDatabase(staged);
    throw new LumenError('conflict', `${basename(filePath)} cannot be restored: ${problem}. Nothing was changed.`, { file: basename(filePath) });
  }

  const folder = backupFolder(runtime);
  mkdirSync(folder, { recursive: true });
  const safetyCopy = freeBackupPath(folder, 'safety', runtime.clock.now());
  if (runtime.isOpen) {
    // A check still reading the file would keep the checkpoint from emptying the WAL.
    await runtime.stopIntegrityCheck();
    try {
      runtime.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    } catch (error) {
      // A damaged database may refuse; its WAL file travels with it into the safety copy.
      runtime.logger.warn('Checkpoint before restore failed', error);
    }
  }
  await runtime.close();
  const hadDatabase = existsSync(runtime.dbFile);
  let swapped = false;
  try {
    moveDatabase(runtime.dbFile, safetyCopy);
    swapped = true;
    moveDatabase(staged, runtime.dbFile);
    await runtime.open();
    if (runtime.recoveryMessage) throw new Error(runtime.recoveryMessage);
    const photos = await restorePhotos(runtime, dirname(filePath));
    if (runtime.state === 'needsWorkstation') renewIdentity(runtime, actor);
    appendAudit(runtime.sqlite, runtime.clock.now(), actor, {
      action: 'restore',
      entity: 'backup',
      entityId: basename(filePath),
      summary: `Restored the clinic from ${basename(filePath)}${hadDatabase ? `; the previous database was kept as ${basename(safetyCopy)}` : ''}${photos.photoProblem ? `; some photos could not be brought back (${photos.photoProblem})` : ''}`,
      details: { restoredFrom: filePath, safetyCopy: hadDatabase ? safetyCopy : null, ...photos },
    });
  } catch (error) {
    runtime.logger.error('Restore failed; putting the previous database back', error);
    await runtime.close();
    removeDatabase(staged);
    // Only what came from the backup is removed; a half-finished move to the safety copy is simply undone.
    if (swapped) removeDatabase(runtime.dbFile);
    if (existsSync(safetyCopy)) moveDatabase(safetyCopy, runtime.dbFile);
    // A database that could not be opened before the restore still cannot; it is back in place all the same.
    await runtime.open().catch((reopenError: unknown) => runtime.logger.error('The previous database could not be reopened', reopenError));
    throw new LumenError('conflict', `The backup could not be restored (${(error as Error).message}). The clinic database was put back as it was.`);
  }
  return { restoredFrom: filePath, safetyCopy: hadDatabase ? safetyCopy : '' };
}

/**
 * A restored database is a copy: changes made after that backup may already be on other workstations, under the
 * identity it holds. So it goes on as a new workstation of the same name, numbering from a new series (P → PA).
 */
function renewIdentity(runtime: Runtime, actor: Actor): void {
  const previous = runtime.workstation!.identity!;
  runtime.sqlite.transaction(() =>
    becomeNewWorkstation(runtime, { name: previous.name, seriesPrefix: freeSeriesPrefix(runtime.sqlite, previous.seriesPrefix), now: runtime.clock.now(), actor, why: 'a restored backup' }),
  ).immediate();
}

/**
 * Brings back photo files the data folder lacks from the mirror beside the backup; photos already there are kept
 * (their names are their content). Never throws: the database restore stands either way, and the audit says.
 */
async function restorePhotos(runtime: Runtime, backupDir: string): Promise<{ photosRestored: number; photoProblem: string | null }> {
  try {
    return { photosRestored: await mirrorPhotos(backupDir, runtime.dataDir), photoProblem: null };
  } catch (error) {
    runtime.logger.error('Photos could not be brought back from the backup folder', error);
    return { photosRestored: 0, photoProblem: (error as Error).message };
  }
}

/** Why this file cannot become the clinic database, or null when it can. Raw SQL: it is a read-only connection to the candidate file, not the clinic's. */
async function problemWith(file: string): Promise<string | null> {
  let sqlite: Sqlite;
  try {
    ({ sqlite } = await openDatabase(file, { readonly: true }));
  } catch (error) {
    return `it is not a database Lumen can open (${(error as Error).message})`;
  }
  try {
    const integrity = (sqlite.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check).filter((r) => r !== 'ok');
    if (integrity.length) return `it failed its integrity check (${integrity.slice(0, 3).join('; ')})`;
    if (!sqlite.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'clinic'").get()) return 'it is not a Lumen clinic database';
    const version = sqlite.pragma('user_version', { simple: true }) as number;
    if (version > SCHEMA_VERSION) return `it was written by a newer version of Lumen (schema ${version}; this version understands up to ${SCHEMA_VERSION})`;
    return null;
  } catch (error) {
    return `it is not a database Lumen can read (${(error as Error).message})`;
  } finally {
    sqlite.close();
  }
}
