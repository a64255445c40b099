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

  it('refuses a workbook too large to read at once before loading it, suggesting CSV', async () => {
    const huge = zipClaiming('xl/worksheets/sheet1.xml', 41 * 1024 * 1024);
    await expect(readTable(huge, 'everything.xlsx')).rejects.toMatchObject({
      message: expect.stringContaining('save the sheet as “CSV UTF-8”'),
      details: { reason: 'tooLarge' },
    });
  });
});

/** A zip whose directory says it holds `name` of `size` bytes (the reader looks at the directory alone). */
function zipClaiming(name: string, size: number): Uint8Array {
  const fileName = Buffer.from(name);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  const entry = Buffer.alloc(46);
  entry.writeUInt32LE(0x02014b50, 0);
  entry.writeUInt32LE(size, 24);
  entry.writeUInt16LE(fileName.length, 28);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(entry.length + fileName.length, 12);
  end.writeUInt32LE(local.length + fileName.length, 16);
  return Buffer.concat([local, fileName, entry, fileName, end]);
}
