import { describe, expect, it } from 'vitest';
import { detectDateOrder, detectNumberStyle, parseCents, parseDate, parsePhoneText, type ImportTable } from '../../../../src-main/imports/read';
import { readFixture } from './support';

/** One column's cells, as the import reads them. */
const column = (table: ImportTable, name: string) => table.rows.map((row) => row.cells[table.header.indexOf(name)]);

describe('columns of real files read as values', () => {
  it('reads a German export’s 1.234,56 amounts as cents', async () => {
    const amounts = column(await readFixture('utf8-bom-semicolon.csv'), 'Betrag');
    const style = detectNumberStyle(amounts);
    expect(style).toBe('commaDecimal');
    expect(amounts.map((text) => parseCents(text, style!))).toEqual([
      { ok: true, value: 123456 },
      { ok: true, value: -1250 },
      { ok: true, value: 99 },
    ]);
  });

  it('reads a spreadsheet’s 1,234.56 amounts as cents and finds the phone it turned into 6.1E+10', async () => {
    const table = await readFixture('messy.csv');
    const amounts = column(table, 'Amount');
    expect(detectNumberStyle(amounts)).toBe('dotDecimal');
    expect(amounts.map((text) => parseCents(text, 'dotDecimal'))).toEqual([
      { ok: true, value: 123456 },
      { ok: true, value: 1200 },
      { ok: true, value: null },
      { ok: true, value: 200000 },
    ]);
    expect(parsePhoneText(column(table, 'Phone')[0])).toEqual({
      ok: false,
      problem: 'A spreadsheet turned this phone number into 6.1E+10; its digits are lost.',
    });
  });

  it('reads a workbook’s amounts in its own style and its dates as they are', async () => {
    const table = await readFixture('patients.xlsx');
    // 0.1 + 0.2 in a cell is 0.3, not 0.30000000000000004.
    expect(column(table, 'Balance').map((text) => parseCents(text, table.numberStyle!))).toEqual([
      { ok: true, value: 123456 },
      { ok: true, value: 30 },
    ]);
    const births = column(table, 'Date of birth');
    expect(detectDateOrder(births)).toBe('ambiguous');
    expect(births.map((text) => parseDate(text, null))).toEqual([
      { ok: true, value: '1985-03-14' },
      { ok: true, value: '1990-11-02' },
    ]);
  });
});
