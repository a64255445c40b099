import { closeSync, openSync, readdirSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openLumen, type Lumen } from '../../../src-main/app';
import { runCli } from '../../../src-main/cli';
import { newConnection } from '../../../src-main/core/session';
import { openTestClinic, type TestClinic } from '../../support/clinic';

let clinic: TestClinic;
/** Closed after each test, newest first: the test clinic, then the same folder opened again. */
const opened: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const lumen of opened.splice(0).reverse()) await lumen.close();
});

/** Where an index's root page sits in the file: damage there leaves the tables readable but fails the check. */
function sortNameIndexOffset(c: TestClinic): number {
  const sqlite = c.lumen.runtime.sqlite;
  // Every page in the main file (none newer in the WAL), so damage there is what a reader sees.
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
  const pageSize = sqlite.pragma('page_size', { simple: true }) as number;
  const root = sqlite.prepare("SELECT rootpage FROM sqlite_schema WHERE name = 'patient_sortName'").pluck().get() as number;
  return (root - 1) * pageSize;
}

function damage(file: string, offset: number): void {
  const fd = openSync(file, 'r+');
  writeSync(fd, Buffer.from([0x7f, 0x7f, 0x7f, 0x7f]), 0, 4, offset);
  closeSync(fd);
}

/** A clinic of about 40 MB (above the size checked before serving), closed cleanly and then damaged on disk. */
async function largeDamagedClinic(): Promise<string> {
  clinic = await openTestClinic();
  opened.push(clinic);
  const sqlite = clinic.lumen.runtime.sqlite;
  sqlite.exec('CREATE TABLE ballast (data BLOB)');
  sqlite.prepare('WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 40) INSERT INTO ballast SELECT randomblob(1000000) FROM n').run();
  const offset = sortNameIndexOffset(clinic);
  await clinic.lumen.close();
  const file = join(clinic.dataDir, 'lumen.sqlite3');
  damage(file, offset);
  return file;
}

/** One CLI command on the test clinic's folder: its exit code and the JSON it printed. */
async function cli(args: string[]) {
  let stdout = '';
  const code = await runCli([...args, '--data-dir', clinic.dataDir], { stdout: { write: (text: string) => (stdout += text) }, stderr: { write: () => true }, env: {} });
  return { code, json: JSON.parse(stdout) as Record<string, unknown> };
}

async function reopen(): Promise<Lumen> {
  const lumen = await openLumen({ dataDir: clinic.dataDir, clock: clinic.clock, checkOutputs: true });
  opened.push(lumen);
  return lumen;
}

describe('integrity checks that do not hold the desk up', () => {
  it('opens a large database at once and checks it in the background; damage found then switches to recovery', async () => {
    await largeDamagedClinic();
    const reopened = await reopen();
    expect(reopened.runtime.state).toBe('ready');

    await reopened.runtime.integrityChecked;
    expect(await reopened.registry.call('app.status', {}, newConnection('test'))).toMatchObject({
      state: 'recovery',
      recoveryMessage: expect.stringMatching(/failed its integrity check .*Restore the latest backup/s),
    });
  });

  it('checks before serving after an unclean shutdown (the -wal file SQLite removes at a clean close is still there)', async () => {
    const file = await largeDamagedClinic();
    writeFileSync(`${file}-wal`, '');
    expect((await reopen()).runtime.state).toBe('recovery');
  });

  it('a one-shot command (the CLI) opens without the background check it could only wait for at close; checking on demand still finds damage', async () => {
    await largeDamagedClinic();
    const lumen = await openLumen({ dataDir: clinic.dataDir, clock: clinic.clock, backgroundIntegrityCheck: false });
    opened.push(lumen);
    await lumen.runtime.integrityChecked;
    expect(lumen.runtime.state).toBe('ready');

    await expect(lumen.runtime.checkIntegrity()).rejects.toThrow(/failed its integrity check/);
    expect(lumen.runtime.state).toBe('recovery');
  });

  it('audit-verify on the command line checks the whole file, names the damage and exits 1', async () => {
    await largeDamagedClinic();
    const verified = await cli(['audit-verify']);
    expect(verified.code).toBe(1);
    expect(verified.json).toMatchObject({
      ok: false,
      firstBadId: null,
      ledgerProblems: [],
      integrityProblem: expect.stringMatching(/failed its integrity check .*Restore the latest backup/s),
      message: expect.stringMatching(/failed its integrity check/),
    });
  });

  it('checks the live database before every backup, and makes no backup of a damaged one', async () => {
    clinic = await openTestClinic();
    opened.push(clinic);
    const offset = sortNameIndexOffset(clinic);
    await clinic.call('backup.run');
    while ((await clinic.call('backup.status')).running) await new Promise((r) => setTimeout(r, 1));
    const backups = readdirSync(join(clinic.dataDir, 'backups'));

    damage(join(clinic.dataDir, 'lumen.sqlite3'), offset);
    await clinic.call('backup.run');
    while ((await clinic.call('backup.status')).running) await new Promise((r) => setTimeout(r, 1));

    expect((await clinic.call('backup.status')).lastError).toMatch(/failed its integrity check/);
    expect(readdirSync(join(clinic.dataDir, 'backups'))).toEqual(backups);
    expect(await clinic.call('app.status')).toMatchObject({ state: 'recovery' });
  });
});
