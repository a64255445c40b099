import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { startTableWriters } from '../../../src-main/exports/table-writers';
import { writeClinicArchive } from '../../../src-main/exports/index';
import { join } from 'node:path';
import { runCli } from '../../../src-main/cli';
import { afterEach, describe, expect, it } from 'vitest';
import { openChartClinic, tinyPng, type ChartClinic } from '../charts/visits';
import { readZip } from './zip';
import { csvText } from '../../../src-shared/csv';

let setup: ChartClinic;
afterEach(async () => {
  await setup?.clinic.close();
});

interface Manifest {
  schemaVersion: number;
  clinic: { name: string; timeZone: string; currency: string };
  exportedBy: string;
  tables: { table: string; file: string; columns: { name: string; type: string }[]; rows: number; sha256: string }[];
  photos: { files: number };
  omitted: { table: string; column: string | null }[];
}

describe('the whole-clinic archive', () => {
  it('holds every table with its rows, checksums that match, the photos, accents intact, formulas as text and no secret', async () => {
    setup = await openChartClinic();
    const { clinic } = setup;
    const zoe = await clinic.call('patients.create', { firstName: 'Zoë', lastName: 'Ångström-Nuñez', email: 'zoe@example.com', notes: '=HYPERLINK("http://evil.example","click")', photoConsent: true });
    const visit = await setup.book('2026-03-02T10:00:00Z', [setup.services.botox], zoe.id);
    await clinic.call('photos.add', { appointmentId: visit, label: 'before', mimeType: 'image/png', dataBase64: tinyPng().toString('base64') });

    // What an export that stopped half-way (the app closed) left behind goes with the next one.
    mkdirSync(join(clinic.dataDir, 'archive-work-left'));
    writeFileSync(join(clinic.dataDir, 'archive-work-left', 'patient.csv'), '"Zoë"');

    const archive = await clinic.call('exports.clinic', {});
    expect(existsSync(archive.path)).toBe(true);
    expect(archive.path.startsWith(`${clinic.dataDir}/exports/clinic-`)).toBe(true);
    // The tables' CSV files waited in a working folder of the data folder, gone once they are in the zip.
    expect(readdirSync(clinic.dataDir).filter((name) => name.startsWith('archive-work-'))).toEqual([]);
    const files = await readZip(archive.path);
    const manifest = JSON.parse(files.get('manifest.json')!.toString('utf8')) as Manifest;
    const sqlite = clinic.lumen.runtime.sqlite;

    expect(manifest.schemaVersion).toBe(sqlite.pragma('user_version', { simple: true }));
    expect(manifest.clinic).toMatchObject({ name: 'Lumen Test Clinic', timeZone: 'Europe/Berlin', currency: 'EUR' });
    expect(manifest.exportedBy).toBe('Olivia Owner');
    const tables = sqlite.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'syncChange' ORDER BY name").pluck().all() as string[];
    expect(manifest.tables.map((t) => t.table)).toEqual(tables);
    for (const entry of manifest.tables) {
      const bytes = files.get(entry.file)!;
      expect(createHash('sha256').update(bytes).digest('hex'), entry.file).toBe(entry.sha256);
      // The export's own audit entry is written after the archive, so the audit table has one row more now.
      expect(entry.rows, entry.table).toBe(clinic.count(entry.table) - (entry.table === 'audit' ? 1 : 0));
      // Every cell as the app's CSV writer writes it (negative amounts, nulls, quotes, formulas), row for row.
      const names = entry.columns.map((c) => c.name);
      const rows = sqlite.prepare(`SELECT ${names.map((n) => `"${n}"`).join(', ')} FROM "${entry.table}" ${entry.table === 'audit' ? 'WHERE id < (SELECT max(id) FROM audit)' : ''}`).raw().all() as unknown[][];
      expect(bytes.toString('utf8'), entry.file).toBe(`\uFEFF${csvText(names, rows)}`);
    }
    expect(manifest.omitted).toEqual(expect.arrayContaining([{ table: 'staff', column: 'passwordHash', reason: expect.any(String) }, { table: 'syncChange', column: null, reason: expect.any(String) }]));
    expect(files.has('README.txt')).toBe(true);

    const patients = files.get('tables/patient.csv')!.toString('utf8');
    expect(patients.startsWith('\uFEFF"id","number","firstName"')).toBe(true);
    expect(patients).toContain('"Zoë","Ångström-Nuñez"');
    expect(patients).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
    expect(patients.split('\r\n').length).toBeGreaterThan(2);

    const [photo] = sqlite.prepare('SELECT file FROM photo').all() as { file: string }[];
    expect(files.get(photo.file)).toEqual(tinyPng());
    expect(manifest.photos.files).toBe(1);

    const hashes = sqlite.prepare('SELECT passwordHash FROM staff').pluck().all() as string[];
    const everything = Buffer.concat([...files.values()]).toString('latin1');
    for (const hash of hashes) expect(everything.includes(hash.split('$').pop()!)).toBe(false);
    expect(everything.includes('scrypt$')).toBe(false);

    const [audit] = sqlite.prepare("SELECT staffName, summary, details FROM audit WHERE action = 'export' AND entity = 'clinic'").all() as { staffName: string; summary: string }[];
    expect(audit.staffName).toBe('Olivia Owner');
    expect(audit.summary).toContain(archive.fileName);
  });

  it('reports its progress while it runs, beside the call that writes it', async () => {
    setup = await openChartClinic();
    const { clinic } = setup;
    let settled = false;
    const pending = clinic.call('exports.clinic', {}).finally(() => (settled = true));
    const seen: { step: string | null; tablesDone: number; tablesTotal: number }[] = [];
    while (!settled) {
      await new Promise((resolve) => setImmediate(resolve));
      const progress = await clinic.call('exports.progress', {});
      if (progress.running) seen.push(progress);
    }
    const archive = await pending;
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.at(-1)!.tablesTotal).toBe(archive.tables.length);
    expect(seen.map((p) => p.tablesDone)).toEqual([...seen.map((p) => p.tablesDone)].sort((a, b) => a - b));
    expect(await clinic.call('exports.progress', {})).toMatchObject({ running: false, step: null, tablesDone: archive.tables.length, lastError: null });
  });

  it('is written from the command line too, audited as the command line', async () => {
    setup = await openChartClinic();
    const { clinic } = setup;
    const path = join(clinic.dataDir, 'by-script.zip');
    let stdout = '';
    const code = await runCli(['export-clinic', path, '--data-dir', clinic.dataDir], { stdout: { write: (text: string) => (stdout += text) }, stderr: { write: () => true }, env: {} });
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ path, fileName: 'by-script.zip', photos: 0 });
    const files = await readZip(path);
    expect(files.get('tables/patient.csv')!.toString('utf8')).toContain('"Ana","Lima"');
    const audit = clinic.lumen.runtime.sqlite.prepare("SELECT staffName FROM audit WHERE action = 'export' AND entity = 'clinic'").pluck().all();
    expect(audit).toEqual(['command line']);
    const missingFolder = await runCli(['export-clinic', join(clinic.dataDir, 'no', 'such', 'folder.zip'), '--data-dir', clinic.dataDir], { stdout: { write: () => true }, stderr: { write: () => true }, env: {} });
    expect(missingFolder).toBe(1);
  });

  it('leaves no archive and no working files when a table cannot be read, and says what SQLite said', async () => {
    setup = await openChartClinic();
    const { clinic } = setup;
    const writers = startTableWriters(clinic.lumen.runtime.dbFile, 2);
    const folder = mkdtempSync(join(clinic.dataDir, 'writers-'));
    const job = (table: string, sql: string) => ({ table, sql, header: '"id"\r\n', path: join(folder, `${table}.csv`) });
    try {
      const finished: string[] = [];
      await expect(
        writers.writeAll([job('patient', 'SELECT \'"\' || id || \'"\' FROM patient'), job('missing', 'SELECT id FROM noSuchTable')], { started: () => undefined, rows: () => undefined, finished: (file) => finished.push(file.table) }),
      ).rejects.toThrow('no such table: noSuchTable');
    } finally {
      await writers.close();
    }

    // A whole export that fails half-way (its working folder taken away under it) leaves nothing behind.
    const path = join(clinic.dataDir, 'broken.zip');
    const exporting = writeClinicArchive({ databaseFile: clinic.lumen.runtime.dbFile, dataDir: clinic.dataDir, path, exportedAt: new Date(), exportedBy: 'test' });
    for (const name of readdirSync(clinic.dataDir).filter((n) => n.startsWith('archive-work-'))) rmSync(join(clinic.dataDir, name), { recursive: true });
    await expect(exporting).rejects.toThrow(/ENOENT/);
    expect(existsSync(path)).toBe(false);
    expect(readdirSync(clinic.dataDir).filter((name) => name.startsWith('archive-work-'))).toEqual([]);
  });

  it('is the owner’s: a manager and front desk are refused and nothing is written', async () => {
    setup = await openChartClinic();
    const { clinic } = setup;
    for (const role of ['manager', 'frontDesk'] as const) {
      const desk = await clinic.as(role);
      await expect(desk.call('exports.clinic', {})).rejects.toMatchObject({ code: 'forbidden' });
    }
    expect(existsSync(`${clinic.dataDir}/exports`)).toBe(false);
    expect(await clinic.call('exports.progress', {})).toMatchObject({ running: false });
  });
});
