import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, openSync, readdirSync, rmSync, writeSync, closeSync, copyFileSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openLumen, type Lumen } from '../../../src-main/app';
import { restoreBackup } from '../../../src-main/backup/index';
import { SCHEMA_VERSION } from '../../../src-main/core/db';
import { newConnection } from '../../../src-main/core/session';
import { OWNER, openTestClinic, type TestClinic } from '../../support/clinic';

let clinic: TestClinic;
let reopened: Lumen | null = null;
afterEach(async () => {
  await reopened?.close();
  reopened = null;
  await clinic?.close();
});

async function backupNow(c: TestClinic) {
  await c.call('backup.run');
  while ((await c.call('backup.status')).running) await new Promise((r) => setTimeout(r, 1));
  return (await c.call('backup.list')).find((b) => b.kind === 'manual')!;
}

const taxRateNames = async (c: TestClinic) => (await c.call('settings.taxRates')).map((r) => r.name).sort();

function backupsFolder(c: TestClinic): string {
  return join(c.dataDir, 'backups');
}

describe('Restore a backup', () => {
  it('brings the clinic back to the moment of the backup and keeps the replaced database as a safety copy', async () => {
    clinic = await openTestClinic({ now: '2026-03-02T09:00:00Z' });
    await clinic.call('settings.saveTaxRate', { name: 'Reduced', rateMillipercent: 7000 });
    await clinic.call('patients.create', { firstName: 'Ana', lastName: 'Lima' });
    const backup = await backupNow(clinic);

    clinic.clock.advance({ minutes: 5 });
    await clinic.call('patients.create', { firstName: 'Ben', lastName: 'Kurz' });
    await clinic.call('settings.saveTaxRate', { name: 'Luxury', rateMillipercent: 25000 });
    const reduced = (await clinic.call('settings.taxRates')).find((r) => r.name === 'Reduced')!;
    await clinic.call('settings.saveTaxRate', { id: reduced.id, name: 'Reduced (old)', rateMillipercent: 7000 });
    expect(await taxRateNames(clinic)).toEqual(['Luxury', 'Reduced (old)']);

    const result = await clinic.call('backup.restore', { file: backup.file });

    expect(await taxRateNames(clinic)).toEqual(['Reduced']);
    expect(await clinic.call('patients.search', { q: 'Ben' })).toEqual([]);
    expect((await clinic.call('patients.search', { q: 'Ana' })).map((p) => p.name)).toEqual([expect.stringContaining('Lima')]);
    expect(result.restoredFrom).toBe(backup.path);
    expect(result.safetyCopy).toBe(join(backupsFolder(clinic), 'lumen-safety-20260302-090500.sqlite3'));
    const list = await clinic.call('backup.list');
    expect(list.map((b) => [b.file, b.kind])).toEqual([
      ['lumen-safety-20260302-090500.sqlite3', 'safety'],
      ['lumen-manual-20260302-090000.sqlite3', 'manual'],
    ]);
    // The safety copy holds what was replaced, so a mistaken restore can itself be undone.
    await clinic.call('backup.restore', { file: 'lumen-safety-20260302-090500.sqlite3' });
    expect(await taxRateNames(clinic)).toEqual(['Luxury', 'Reduced (old)']);
    expect(await clinic.call('patients.search', { q: 'Ben' })).toHaveLength(1);

    const audit = clinic.lumen.runtime.sqlite.prepare("SELECT staffName, entityId FROM audit WHERE action = 'restore'").all();
    expect(audit).toEqual([{ staffName: 'Olivia Owner', entityId: 'lumen-safety-20260302-090500.sqlite3' }]);
    expect((await clinic.call('app.status')).state).toBe('ready');
    // A restored database goes on as a new workstation of the same name with its own number series: numbers made
    // after that backup may already be on other workstations.
    const status = await clinic.call('workstations.status');
    expect(status.self).toMatchObject({ name: 'Reception', seriesPrefix: 'PA' });
    expect(status.self.number).not.toBe(0);
    expect((await clinic.call('patients.create', { firstName: 'Cleo', lastName: 'Neu' })).id).toBeGreaterThan(2 ** 33);
    expect((await clinic.call('patients.search', { q: 'Cleo' }))[0].number).toBe('PA000001');
  });

  it('refuses a damaged file, a foreign database and one from a newer Lumen, and changes nothing', async () => {
    clinic = await openTestClinic({ now: '2026-03-02T09:00:00Z' });
    const good = await backupNow(clinic);
    await clinic.call('settings.saveTaxRate', { name: 'Standard', rateMillipercent: 19000 });
    const folder = backupsFolder(clinic);

    const random = join(folder, 'lumen-daily-20260301-010000.sqlite3');
    const buffer = randomBytes(8192);
    const fd = openSync(random, 'w');
    writeSync(fd, buffer);
    closeSync(fd);

    const foreign = new BetterSqlite3(join(folder, 'lumen-daily-20260228-010000.sqlite3'));
    foreign.exec("CREATE TABLE recipe (name TEXT); INSERT INTO recipe VALUES ('soup')");
    foreign.close();

    copyFileSync(good.path, join(folder, 'lumen-weekly-20260301-010000.sqlite3'));
    const newer = new BetterSqlite3(join(folder, 'lumen-weekly-20260301-010000.sqlite3'));
    newer.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    newer.close();
    const before = readdirSync(folder).sort();

    await expect(clinic.call('backup.restore', { file: 'lumen-daily-20260301-010000.sqlite3' })).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/cannot be restored.*Nothing was changed/),
    });
    await expect(clinic.call('backup.restore', { file: 'lumen-daily-20260228-010000.sqlite3' })).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('not a Lumen clinic database'),
    });
    await expect(clinic.call('backup.restore', { file: 'lumen-weekly-20260301-010000.sqlite3' })).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('newer version of Lumen'),
    });

    expect(readdirSync(folder).sort()).toEqual(before);
    expect(readdirSync(clinic.dataDir).filter((f) => f.includes('restoring'))).toEqual([]);
    expect(await taxRateNames(clinic)).toEqual(['Standard']);
    await clinic.call('settings.saveTaxRate', { name: 'Reduced', rateMillipercent: 7000 });
    expect(await taxRateNames(clinic)).toEqual(['Reduced', 'Standard']);
  });

  it('puts the clinic back as it was when a file passes the checks but cannot become the database', async () => {
    clinic = await openTestClinic({ now: '2026-03-02T09:00:00Z' });
    await clinic.call('settings.saveTaxRate', { name: 'Standard', rateMillipercent: 19000 });
    // Has a clinic table but no schema version: migrating it fails halfway through opening.
    mkdirSync(backupsFolder(clinic));
    const lookalike = new BetterSqlite3(join(backupsFolder(clinic), 'lumen-daily-20260301-010000.sqlite3'));
    lookalike.exec('CREATE TABLE clinic (id INTEGER PRIMARY KEY)');
    lookalike.close();

    await expect(clinic.call('backup.restore', { file: 'lumen-daily-20260301-010000.sqlite3' })).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('put back as it was'),
    });

    expect(await taxRateNames(clinic)).toEqual(['Standard']);
    expect((await clinic.call('app.status')).state).toBe('ready');
    expect((await clinic.call('backup.list')).map((b) => b.kind)).toEqual(['daily']);
  });

  it('only restores files from the backup list, by name', async () => {
    clinic = await openTestClinic();
    await expect(clinic.call('backup.restore', { file: '../lumen.sqlite3' })).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(clinic.call('backup.restore', { file: 'lumen.sqlite3' })).rejects.toMatchObject({ code: 'not_found' });
    const manager = await clinic.as('manager');
    await expect(manager.call('backup.restore', { file: 'lumen.sqlite3' })).rejects.toMatchObject({ code: 'forbidden' });
  });
});

describe('A database damaged on disk', () => {
  /** Closes the clinic, lets `damage` write into its file, and opens it again as the app would. */
  async function damageAndReopen(c: TestClinic, damage: (file: string, pageSize: number, root: number) => void): Promise<Lumen> {
    const sqlite = c.lumen.runtime.sqlite;
    const pageSize = sqlite.pragma('page_size', { simple: true }) as number;
    const root = sqlite.prepare("SELECT rootpage FROM sqlite_schema WHERE name = 'patient_sortName'").pluck().get() as number;
    await c.lumen.close();
    damage(join(c.dataDir, 'lumen.sqlite3'), pageSize, root);
    return openLumen({ dataDir: c.dataDir, clock: c.clock, checkOutputs: true });
  }

  function overwrite(file: string, offset: number, bytes: Buffer): void {
    const fd = openSync(file, 'r+');
    writeSync(fd, bytes, 0, bytes.length, offset);
    closeSync(fd);
  }

  it('opens in recovery mode with a message, and restoring a backup makes it ready again', async () => {
    clinic = await openTestClinic({ now: '2026-03-02T09:00:00Z' });
    await clinic.call('settings.saveTaxRate', { name: 'Reduced', rateMillipercent: 7000 });
    const backup = await backupNow(clinic);

    // An index page with a nonsense page type: the tables still read, but the integrity check fails.
    reopened = await damageAndReopen(clinic, (file, pageSize, root) => overwrite(file, (root - 1) * pageSize, Buffer.from([0x7f, 0x7f, 0x7f, 0x7f])));
    const desk = newConnection('test');
    const call = (name: string, input: unknown = {}) => reopened!.registry.call(name, input, desk);

    expect(await call('app.status')).toMatchObject({ state: 'recovery', recoveryMessage: expect.stringContaining('Restore the latest backup') });
    await expect(call('settings.taxRates')).rejects.toMatchObject({ code: 'unavailable' });
    await reopened.scheduler.tick(); // no nightly backup of a damaged database
    expect(reopened.scheduler.list()[0].lastRunAt).toBeNull();
    await call('auth.signIn', { username: OWNER.username, password: OWNER.password });
    expect(await call('backup.list')).toEqual([expect.objectContaining({ file: backup.file })]);

    await call('backup.restore', { file: backup.file });

    expect(await call('app.status')).toMatchObject({ state: 'ready', recoveryMessage: null });
    expect(((await call('settings.taxRates')) as { name: string }[]).map((r) => r.name)).toEqual(['Reduced']);
    expect(readdirSync(backupsFolder(clinic)).some((f) => f.startsWith('lumen-safety-'))).toBe(true);
  });

  it('can be restored from the command line even when the file cannot be opened at all', async () => {
    clinic = await openTestClinic({ now: '2026-03-02T09:00:00Z' });
    await clinic.call('settings.saveTaxRate', { name: 'Reduced', rateMillipercent: 7000 });
    const backup = await backupNow(clinic);

    reopened = await damageAndReopen(clinic, (file) => overwrite(file, 0, randomBytes(100)));
    const runtime = reopened.runtime;
    expect(runtime.isOpen).toBe(false);
    expect(runtime.recoveryMessage).toMatch(/cannot be opened/);

    const result = await restoreBackup(runtime, backup.path, { staffId: null, name: 'command line' });

    expect(runtime.state).toBe('ready');
    expect(runtime.sqlite.prepare('SELECT name FROM taxRate').pluck().all()).toEqual(['Reduced']);
    expect(existsSync(result.safetyCopy)).toBe(true);
    expect(runtime.sqlite.prepare("SELECT staffName FROM audit WHERE action = 'restore'").pluck().all()).toEqual(['command line']);
    rmSync(result.safetyCopy);
  });
});
