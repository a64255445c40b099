import ExcelJS from 'exceljs';
import { existsSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { TestClinic } from '../../support/clinic';
import { openExportClinic } from './fixture';

let clinic: TestClinic | undefined;
afterEach(async () => {
  await clinic?.close();
  clinic = undefined;
});

const PATIENT_HEADERS = ['Patient number', 'First name', 'Last name', 'Preferred name', 'Date of birth', 'Sex', 'Email', 'Phone', 'Address line 1', 'Address line 2', 'City', 'Region', 'Postal code', 'Country', 'Tags', 'Referral source', 'Email consent', 'SMS consent', 'Archived', 'Archive reason', 'Allergies', 'Medications', 'Allergy alert', 'Stored value balance', 'Points balance', 'Created at'];

/** Every cell is quoted and no cell here holds a line break: a line's cells are its quoted runs, "" unescaped. */
function cellsOf(csv: string): string[][] {
  return csv.replace(/^\uFEFF/, '').trimEnd().split('\r\n').map((line) => [...line.matchAll(/"((?:[^"]|"")*)"/g)].map((m) => m[1].replace(/""/g, '"')));
}

describe('single lists', () => {
  it('exports the patients list as CSV with the fixed headers, accents, balances as decimals and formula-safe cells', async () => {
    const setup = await openExportClinic();
    clinic = setup.clinic;
    const file = await clinic.call('exports.list', { list: 'patients', format: 'csv' });
    expect(file).toMatchObject({ list: 'patients', rows: 2, mimeType: 'text/csv' });
    expect(existsSync(file.path) && file.path.startsWith(`${clinic.dataDir}/exports/patients-`)).toBe(true);
    expect(Buffer.from(file.base64, 'base64').toString('utf8')).toBe(file.csv);
    expect(file.csv!.startsWith('\uFEFF')).toBe(true);
    const [header, ...rows] = cellsOf(file.csv!);
    expect(header).toEqual(PATIENT_HEADERS);
    const zoe = Object.fromEntries(header.map((h, i) => [h, rows.find((r) => r[1] === 'Zoë')![i]]));
    expect(zoe).toMatchObject({
      'Last name': 'Ångström-Nuñez',
      'Date of birth': '1990-05-17',
      Email: 'zoe.angstrom@example.com',
      // A leading + is what a spreadsheet would run as a formula: the apostrophe keeps it text (the import drops it).
      Phone: "'+49301234567",
      'Address line 1': 'Müllerstraße 5',
      City: `'=HYPERLINK("http://evil.example","click")`,
      Tags: 'Blog reader; VIP',
      'Email consent': 'Yes',
      'SMS consent': 'No',
      Archived: 'No',
      Allergies: 'Penicillin (hives, severe); Latex (mild)',
      Medications: 'Ibuprofen 400 mg',
      'Allergy alert': 'Yes',
      'Stored value balance': '123.45',
      'Points balance': '250',
      'Created at': '2026-03-02',
    });
    const audit = clinic.lumen.runtime.sqlite.prepare("SELECT action, entity, summary FROM audit WHERE action IN ('export', 'view') ORDER BY id DESC LIMIT 2").all();
    expect(audit).toEqual([
      { action: 'view', entity: 'patientClinical', summary: 'Viewed the allergies and medications of 2 patients (patients list export)' },
      { action: 'export', entity: 'list', summary: 'Exported the patients list as CSV, 2 rows, with allergies and medications' },
    ]);
  });

  it('leaves allergies and medications out for a manager, and refuses front desk', async () => {
    const setup = await openExportClinic();
    clinic = setup.clinic;
    const manager = await clinic.as('manager');
    const file = await manager.call('exports.list', { list: 'patients', format: 'csv' });
    const [header] = cellsOf(file.csv!);
    expect(header).toEqual(PATIENT_HEADERS.filter((h) => h !== 'Allergies' && h !== 'Medications'));
    expect(file.csv).not.toContain('Penicillin');
    const desk = await clinic.as('frontDesk');
    await expect(desk.call('exports.list', { list: 'patients', format: 'csv' })).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('writes .xlsx that reads back: money as numbers, a "=…" cell as text', async () => {
    const setup = await openExportClinic();
    clinic = setup.clinic;
    const file = await clinic.call('exports.list', { list: 'patients', format: 'xlsx' });
    expect(file.csv).toBeNull();
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(PATIENT_HEADERS);
    const zoeRow = [2, 3].map((n) => sheet.getRow(n)).find((row) => row.getCell(2).value === 'Zoë')!;
    expect(zoeRow.getCell(3).value).toBe('Ångström-Nuñez');
    expect(zoeRow.getCell(11).value).toBe('=HYPERLINK("http://evil.example","click")');
    expect(zoeRow.getCell(11).type).toBe(ExcelJS.ValueType.String);
    expect(zoeRow.getCell(24).value).toBe(123.45);
  });

  it('exports sales lines and appointments within clinic-local dates', async () => {
    const setup = await openExportClinic();
    clinic = setup.clinic;
    const sales = await clinic.call('exports.list', { list: 'sales', format: 'csv', from: '2026-03-02', to: '2026-03-02' });
    expect(sales.rows).toBe(setup.invoice.lines.length);
    const [header, first] = cellsOf(sales.csv!);
    expect(header).toEqual(['Invoice number', 'Issued on', 'Patient number', 'Patient', 'Description', 'Service', 'Provider', 'Quantity', 'Unit price', 'Discount', 'Net', 'Tax', 'Total']);
    expect(first.slice(0, 4)).toEqual([setup.invoice.number, '2026-03-02', expect.stringMatching(/^P\d+/), 'Lena Vogel']);
    expect(first[12]).toMatch(/^\d+\.\d\d$/);
    expect((await clinic.call('exports.list', { list: 'sales', format: 'csv', from: '2026-03-03' })).rows).toBe(0);

    const visits = await clinic.call('exports.list', { list: 'appointments', format: 'csv', from: '2026-03-01', to: '2026-03-31' });
    expect(visits.rows).toBe(1);
    expect(cellsOf(visits.csv!)[1].slice(0, 5)).toEqual(['2026-03-02', '10:00', '11:00', expect.stringMatching(/^P\d+/), 'Lena Vogel']);
    await expect(clinic.call('exports.list', { list: 'sales', format: 'csv', from: '2026-03-05', to: '2026-03-01' })).rejects.toMatchObject({ code: 'invalid_input', details: { fieldErrors: { to: expect.anything() } } });
  });
});
