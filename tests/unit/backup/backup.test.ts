import { mkdirSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src-main/core/db';
import { openTestClinic, type TestClinic } from '../../support/clinic';

let clinic: TestClinic;
afterEach(async () => {
  await clinic?.close();
});

/** Test setup only: enough patients that the copy takes many steps (a few hundred pages). */
function seedPatients(c: TestClinic, count: number): void {
  const insert = c.lumen.runtime.sqlite.prepare(
    `INSERT INTO patient (number, firstName, lastName, sortName, notes, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const at = c.clock.now().toISOString();
  c.lumen.runtime.sqlite.transaction(() => {
    for (let i = 1; i <= count; i++) insert.run(`P${i}`, `First${i}`, `Last${i}`, `last${i} first${i}`, 'x'.repeat(300), at, at);
  })();
}

/** Polls backup.status like the settings screen does, until the backup has finished. */
async function waitForBackup(c: TestClinic) {
  const seen: number[] = [];
  for (;;) {
    const status = await c.call('backup.status');
    seen.push(status.percent);
    if (!status.running) return { status, seen };
    await new Promise((r) => setTimeout(r, 1));
  }
}

async function rowsIn(file: string, sql: string): Promise<unknown[]> {
  const { sqlite } = await openDatabase(file, { readonly: true });
  try {
    return sqlite.prepare(sql).pluck().all();
  } finally {
    sqlite.close();
  }
}

describe('Back up now', () => {
  it('writes a backup into <data>/backups that opens and holds the staff, tax rates and patients', async () => {
    clinic = await openTestClinic({ now: '2026-03-02T09:15:30Z' });
    await clinic.as('frontDesk', 'fiona');
    await clinic.call('settings.saveTaxRate', { name: 'Reduced', rateMillipercent: 7000 });
    await clinic.call('patients.create', { firstName: 'Ana', lastName: 'Lima', phone: '030 1234567' });
    await clinic.call('patients.create', { firstName: 'Ben', lastName: 'Kurz' });

    const started = await clinic.call('backup.run');
    expect(started.running).toBe(true);
    const { status } = await waitForBackup(clinic);

    expect(status).toMatchObject({ running: false, percent: 100, lastError: null, lastBackupAt: '2026-03-02T09:15:30.000Z', folder: join(clinic.dataDir, 'backups') });
    const list = await clinic.call('backup.list');
    expect(list).toEqual([expect.objectContaining({ file: 'lumen-manual-20260302-091530.sqlite3', kind: 'manual', createdAt: '2026-03-02T09:15:30.000Z' })]);
    expect(list[0].sizeBytes).toBeGreaterThan(0);
    // Only the finished, verified file is left: no temporary copy.
    expect(readdirSync(join(clinic.dataDir, 'backups'))).toEqual(['lumen-manual-20260302-091530.sqlite3']);
    expect(await rowsIn(list[0].path, 'SELECT username FROM staff ORDER BY username')).toEqual(['fiona', 'olivia']);
    expect(await rowsIn(list[0].path, 'SELECT name FROM taxRate')).toContain('Reduced');
    expect(await rowsIn(list[0].path, 'SELECT lastName FROM patient ORDER BY lastName')).toEqual(['Kurz', 'Lima']);

    const audit = clinic.lumen.runtime.sqlite.prepare("SELECT staffName, entityId, summary FROM audit WHERE action = 'backup'").all();
    expect(audit).toEqual([{ staffName: 'Olivia Owner', entityId: 'lumen-manual-20260302-091530.sqlite3', summary: expect.stringContaining('manual backup') }]);
  });

  it('shows progress climbing to 100 while the clinic keeps answering, and refuses a second backup meanwhile', async () => {
    clinic = await openTestClinic();
    seedPatients(clinic, 4000);

    await clinic.call('backup.run');
    await expect(clinic.call('backup.run')).rejects.toMatchObject({ code: 'conflict' });
    const { status, seen } = await waitForBackup(clinic);

    expect(status.percent).toBe(100);
    expect(status.lastError).toBeNull();
    expect(seen.length).toBeGreaterThan(2);
    expect(seen.some((p) => p > 0 && p < 100)).toBe(true);
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
    expect(await clinic.call('backup.list')).toHaveLength(1);
  });

  it('uses the configured backup folder and names backups taken in the same second apart', async () => {
    clinic = await openTestClinic({ now: '2026-03-02T09:00:00Z' });
    const folder = join(clinic.dataDir, 'elsewhere', 'nested');
    await clinic.call('settings.update', { backupFolder: folder });

    await clinic.call('backup.run');
    await waitForBackup(clinic);
    await clinic.call('backup.run');
    const { status } = await waitForBackup(clinic);

    expect(status.folder).toBe(folder);
    expect((await clinic.call('backup.list')).map((b) => b.file)).toEqual(['lumen-manual-20260302-090000-2.sqlite3', 'lumen-manual-20260302-090000.sqlite3']);
    expect(existsSync(join(clinic.dataDir, 'backups'))).toBe(false);
  });

  it('reports a backup that could not be written, and the next one works again', async () => {
    clinic = await openTestClinic();
    const blocker = join(clinic.dataDir, 'not-a-folder');
    writeFileSync(blocker, 'a file where the folder should be');
    await clinic.call('settings.update', { backupFolder: join(blocker, 'backups') });

    await clinic.call('backup.run');
    const { status } = await waitForBackup(clinic);
    expect(status.running).toBe(false);
    expect(status.lastError).toMatch(/The backup failed/);
    expect(status.lastBackupAt).toBeNull();

    await clinic.call('settings.update', { backupFolder: '' });
    await clinic.call('backup.run');
    expect((await waitForBackup(clinic)).status).toMatchObject({ lastError: null, percent: 100 });
  });

  it('rotates out old daily and manual backups but never safety copies or files that are not Lumen backups', async () => {
    clinic = await openTestClinic({ now: '2026-03-10T09:00:00Z' });
    await clinic.call('settings.update', { backupKeepDaily: 2, backupKeepWeekly: 1 });
    const folder = join(clinic.dataDir, 'backups');
    mkdirSync(folder);
    const planted = [
      'lumen-daily-20260301-010000.sqlite3',
      'lumen-daily-20260302-010000.sqlite3',
      'lumen-weekly-20260301-010000.sqlite3',
      'lumen-weekly-20260308-010000.sqlite3',
      'lumen-safety-20260101-000000.sqlite3',
      'tax-records.sqlite3',
      'notes.txt',
    ];
    for (const file of planted) writeFileSync(join(folder, file), 'planted');

    await clinic.call('backup.run');
    await waitForBackup(clinic);

    expect(readdirSync(folder).sort()).toEqual(
      [
        'lumen-daily-20260302-010000.sqlite3',
        'lumen-manual-20260310-090000.sqlite3',
        'lumen-weekly-20260308-010000.sqlite3',
        'lumen-safety-20260101-000000.sqlite3',
        'tax-records.sqlite3',
        'notes.txt',
      ].sort(),
    );
  });

  it('is refused to staff without the backup permission', async () => {
    clinic = await openTestClinic();
    const desk = await clinic.as('practitioner');
    await expect(desk.call('backup.run')).rejects.toMatchObject({ code: 'forbidden' });
    expect(await clinic.call('backup.list')).toEqual([]);
  });
});
