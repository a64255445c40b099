import { copyFileSync, existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { BackupFile } from '../../src-shared/contract/backup';
import type { Runtime } from '../core/runtime';

export type BackupKind = BackupFile['kind'];

/** Only files named like this are ours: rotation and the restore list never touch anything else in the folder. */
const NAME = /^lumen-(daily|weekly|manual|safety)-(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})(?:-(\d+))?\.sqlite3$/;

/** `clinic.backupFolder`, or `<dataDir>/backups` when it is empty or the database cannot be read (recovery). */
export function backupFolder(runtime: Runtime): string {
  let configured = '';
  try {
    configured = runtime.clinicRow()?.backupFolder.trim() ?? '';
  } catch {
    // A damaged database must not hide the backups that can repair it.
  }
  return configured ? resolve(runtime.dataDir, configured) : join(runtime.dataDir, 'backups');
}

/** `lumen-<kind>-<UTC yyyyMMdd-HHmmss>.sqlite3`, with `-2`, `-3`… when that second is already taken. */
export function freeBackupPath(folder: string, kind: BackupKind, at: Date): string {
  const stamp = at.toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
  for (let n = 1; ; n++) {
    const path = join(folder, `lumen-${kind}-${stamp}${n > 1 ? `-${n}` : ''}.sqlite3`);
    if (!existsSync(path)) return path;
  }
}

export function describeBackup(folder: string, file: string): BackupFile | null {
  const m = NAME.exec(file);
  if (!m) return null;
  const path = join(folder, file);
  let sizeBytes: number;
  try {
    const stat = statSync(path);
    if (!stat.isFile()) return null;
    sizeBytes = stat.size;
  } catch {
    return null;
  }
  const [, kind, y, mo, d, h, mi, s] = m;
  return { file, path, sizeBytes, createdAt: `${y}-${mo}-${d}T${h}:${mi}:${s}.000Z`, kind: kind as BackupKind };
}

/** Our backups in the folder, newest first (a missing folder simply has none). */
export function listBackupsIn(folder: string): BackupFile[] {
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return [];
  }
  const sequence = (file: string) => Number(NAME.exec(file)?.[8] ?? 1);
  return names
    .map((name) => describeBackup(folder, name))
    .filter((b): b is BackupFile => b !== null)
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || sequence(b.file) - sequence(a.file));
}

export function listBackups(runtime: Runtime): BackupFile[] {
  return listBackupsIn(backupFolder(runtime));
}

/**
 * Keeps the newest `keepDaily` daily and manual backups and the newest `keepWeekly` weekly ones; the backup just
 * written always stays. Safety copies and files that are not ours are never deleted. Returns the deleted names.
 */
export function rotateBackups(folder: string, keep: { daily: number; weekly: number }, justWritten: string): string[] {
  const all = listBackupsIn(folder);
  const daily = all.filter((b) => b.kind === 'daily' || b.kind === 'manual').slice(keep.daily);
  const weekly = all.filter((b) => b.kind === 'weekly').slice(keep.weekly);
  const doomed = [...daily, ...weekly].filter((b) => b.path !== justWritten);
  for (const backup of doomed) rmSync(backup.path, { force: true });
  return doomed.map((b) => b.file);
}

/** Moves a database file and its WAL to `to` (rename, or copy when the folders are on different drives). */
export function moveDatabase(from: string, to: string): void {
  for (const suffix of ['', '-wal']) {
    if (!existsSync(from + suffix)) continue;
    try {
      renameSync(from + suffix, to + suffix);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
      copyFileSync(from + suffix, to + suffix);
      rmSync(from + suffix);
    }
  }
  // The shared-memory index is rebuilt by the next connection; an old one must not follow the file around.
  rmSync(`${from}-shm`, { force: true });
}

export function removeDatabase(file: string): void {
  for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
}
