import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readTable } from '../../../../src-main/imports/read';
import { cellsOf, fixture, readFixture } from './support';

describe('reading an Excel workbook', () => {
  it('reads the first sheet with values, below its merged title, and lists every sheet', async () => {
    const table = await readFixture('patients.xlsx');
    expect(table).toMatchObject({
      format: 'xlsx',
      encoding: null,
      delimiter: null,
      sheet: 'Patients',
      sheets: ['Cover', 'Patients', 'Visits'],
      numberStyle: 'dotDecimal',
      headerLine: 2,
    });
    expect(table.header).toEqual(['First name', 'Last name', 'Date of birth', 'Phone', 'Balance', 'Email', 'Last visit', 'Column 8']);
  });

  it('gives dates as ISO, big numbers in plain digits, formulas as their result, rich text and links as their text', async () => {
    const table = await readFixture('patients.xlsx');
    expect(cellsOf(table)).toEqual([
      ['Zoë', 'Müller', '1985-03-14', '4917112345678', '1234.56', 'zoe@example.com', '2024-02-29T14:30', ''],
      ['François', 'Lefèvre', '1990-11-02', '+33 6 12 34 56 78', '0.3', '', '', 'note in an unnamed column'],
    ]);
  });

  it('numbers rows as Excel does and lists the blank row between them', async () => {
    const table = await readFixture('patients.xlsx');
    expect(table.rows.map((row) => row.line)).toEqual([3, 5]);
    expect(table.skipped).toEqual([{ line: 4, reason: 'empty' }]);
  });

  it('reads the sheet asked for', async () => {
    const table = await readFixture('patients.xlsx', { sheet: 'Visits' });
    expect(table).toMatchObject({ sheet: 'Visits', header: ['Date', 'Treatment'], rows: [] });
  });

  it('refuses a sheet the workbook does not have, naming the ones it has', async () => {
    await expect(readFixture('patients.xlsx', { sheet: 'Sales' })).rejects.toMatchObject({
      code: 'invalid_input',
      message: 'This workbook has no sheet named “Sales”; its sheets are Cover, Patients, Visits.',
      details: { reason: 'unknownSheet' },
    });
  });

  it('refuses a damaged workbook as not a table', async () => {
    const damaged = fixture('patients.xlsx').subarray(0, 3000);
    await expect(readTable(damaged, 'patients.xlsx')).rejects.toMatchObject({ details: { reason: 'notTabular' } });
  });

  it('refuses a workbook whose sheets are all empty', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Sheet1');
    const empty = new Uint8Array(await workbook.xlsx.writeBuffer());
    await expect(readTable(empty, 'empty.xlsx')).rejects.toMatchObject({ message: 'This workbook has no rows.', details: { reason: 'empty' } });
  });
});
