import { closeSync, copyFileSync, fsyncSync, mkdtempSync, openSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Lumen, openLumen } from '../app';
import { DATABASE_FILE, openDatabase } from '../core/db';
import { bindingOf } from '../core/workstation';

/**
 * A copy of the closed demo clinic for rows that write, so the cached demo is left as it was for the next run. The
 * copy stands in for the demo's own desk (workstation 0, series P): it is bound to where it lies. The caller closes
 * it and removes `dir`.
 */
export async function openDemoCopy(demoDir: string, prefix: string): Promise<{ dir: string; lumen: Lumen }> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const file = join(dir, DATABASE_FILE);
  copyFileSync(join(demoDir, DATABASE_FILE), file);
  // The copy on disk first: its gigabyte written back during timed writes would land in their fsyncs.
  const copied = openSync(file, 'r+');
  fsyncSync(copied);
  closeSync(copied);
  const raw = await openDatabase(file);
  raw.sqlite.prepare('UPDATE thisWorkstation SET binding = ?').run(bindingOf(file));
  raw.sqlite.close();
  const lumen = await openLumen({ dataDir: dir });
  await lumen.runtime.integrityChecked;
  return { dir, lumen };
}
