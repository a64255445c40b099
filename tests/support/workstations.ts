import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DATABASE_FILE } from '../../src-main/core/db';
import { exportChanges } from '../../src-main/sync/exchange';
import { OWNER, openTestClinic, type TestClinic } from './clinic';

/**
 * A second workstation of the same clinic, the way one joins: a copy of another's database (VACUUM INTO, as a
 * backup makes one), opened on "another computer" (its own data folder), named and given a number series by the owner.
 */
export async function copyAsWorkstation(source: TestClinic, name: string, seriesPrefix: string): Promise<TestClinic> {
  const dataDir = mkdtempSync(join(tmpdir(), 'lumen-test-'));
  await source.lumen.registry.exclusive(async () => source.lumen.runtime.sqlite.exec(`VACUUM INTO '${join(dataDir, DATABASE_FILE).replaceAll("'", "''")}'`));
  const copy = await openTestClinic({ dataDir, now: source.clock.now().toISOString() });
  await copy.call('workstations.claim', { name, seriesPrefix, username: OWNER.username, password: OWNER.password });
  await copy.call('auth.signIn', { username: OWNER.username, password: OWNER.password });
  return copy;
}

/**
 * Writes a change file on `from` of what the others lack. Not the `sync.export` call: that one audits the export,
 * which is itself a change, so two workstations would never hold exactly the same rows at the end of a test.
 */
export async function writeChanges(from: TestClinic, target?: TestClinic): Promise<string> {
  // Inside the writer's data folder, so closing the workstation removes it.
  const folder = mkdtempSync(join(from.dataDir, 'changes-'));
  const targetId = target?.lumen.runtime.workstation?.identity?.id;
  const known = targetId !== undefined && from.lumen.runtime.sqlite.prepare('SELECT 1 FROM workstation WHERE id = ?').get(targetId) !== undefined;
  return from.lumen.registry.exclusive(async () => exportChanges(from.lumen.runtime, folder, known ? targetId : undefined).file);
}

/** Writes the changes `from` has that `to` lacks into a file and applies it on `to`. */
export async function sendChanges(from: TestClinic, to: TestClinic): Promise<number> {
  const result = await to.call('sync.import', { file: await writeChanges(from, to) });
  return result.applied;
}
