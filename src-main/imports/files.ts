import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LumenError } from '../../src-shared/errors';
import type { Runtime } from '../core/runtime';
import { type ImportTable, MAX_IMPORT_BYTES, readTable } from './read/index';

/** Files to import live in `<dataDir>/imports/<sha256>` (the name is the content), with the name it was added under beside it. */
export const IMPORT_FOLDER = 'imports';

export interface StoredFile {
  sha256: string;
  fileName: string;
  /** The file's bytes (read from the data folder only when its table is not already at hand). */
  bytes(): Buffer;
}

const pathOf = (runtime: Runtime, sha256: string) => join(runtime.dataDir, IMPORT_FOLDER, sha256);

/** Keeps the file (a temporary name renamed into place, so a stored file is always whole). */
export function storeImportFile(runtime: Runtime, fileName: string, bytes: Buffer): StoredFile {
  if (bytes.length > MAX_IMPORT_BYTES) throw new LumenError('invalid_input', `The file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB.`, { reason: 'tooLarge' });
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const path = pathOf(runtime, sha256);
  mkdirSync(join(runtime.dataDir, IMPORT_FOLDER), { recursive: true });
  if (!existsSync(path)) {
    writeFileSync(`${path}.partial`, bytes);
    renameSync(`${path}.partial`, path);
  }
  writeFileSync(`${path}.name`, fileName);
  return { sha256, fileName, bytes: () => bytes };
}

export function loadImportFile(runtime: Runtime, sha256: string): StoredFile {
  const path = pathOf(runtime, sha256);
  if (!existsSync(path)) throw new LumenError('not_found', 'This file is no longer in the data folder; add it again.');
  return { sha256, fileName: readFileSync(`${path}.name`, 'utf8'), bytes: () => readFileSync(path) };
}

/**
 * The last table read, kept while the wizard pages through its preview: reading a large file again for every page
 * would cost seconds each time.
 */
const lastRead = new WeakMap<Runtime, { key: string; table: ImportTable }>();

export async function tableOf(runtime: Runtime, file: StoredFile, sheet: string | undefined): Promise<ImportTable> {
  const key = `${file.sha256}:${sheet ?? ''}`;
  const kept = lastRead.get(runtime);
  if (kept?.key === key) return kept.table;
  const table = await readTable(file.bytes(), file.fileName, sheet ? { sheet } : undefined);
  lastRead.set(runtime, { key, table });
  return table;
}
