import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { readTable } from '../../../../src-main/imports/read';
import { cellsOf, readFixture } from './support';

describe('reading a CSV file in the encoding it was saved in', () => {
  it('reads UTF-8 with commas, keeping accents and quoted commas, line breaks and quotes inside cells', async () => {
    const table = await readFixture('utf8-comma.csv');
    expect(table).toMatchObject({ format: 'csv', encoding: 'utf-8', bom: false, delimiter: ',', sheet: null, sheets: [] });
    expect(table.header).toEqual(['First name', 'Last name', 'Date of birth', 'Phone', 'Notes']);
    expect(cellsOf(table).map((cells) => [cells[0], cells[1], cells[4]])).toEqual([
      ['Zoë', 'Müller', 'Prefers mornings, not Mondays'],
      ['François', 'Ødegaard', 'Line one\nline two'],
      ['Siobhán', "O'Brien", 'Says "call me Shiv"'],
    ]);
    // The quoted line break makes Siobhán's record start on line 5, where an editor shows it.
    expect(table.rows.map((row) => row.line)).toEqual([2, 3, 5]);
  });

  it('reads UTF-8 with a byte-order mark and semicolons, the mark not part of the first column name', async () => {
    const table = await readFixture('utf8-bom-semicolon.csv');
    expect(table).toMatchObject({ encoding: 'utf-8', bom: true, delimiter: ';' });
    expect(table.header).toEqual(['Vorname', 'Nachname', 'Betrag']);
    expect(cellsOf(table)).toEqual([
      ['Zoë', 'Müller', '1.234,56'],
      ['François', 'Lefèvre', '-12,50'],
      ['Jürgen', 'Groß', '0,99'],
    ]);
  });

  it("reads Excel's tab-separated UTF-16 (\"Unicode Text\")", async () => {
    const table = await readFixture('utf16le-tab.txt');
    expect(table).toMatchObject({ encoding: 'utf-16le', bom: true, delimiter: '\t' });
    expect(cellsOf(table)).toEqual([
      ['Zoë', 'Müller', 'Köln'],
      ['Ana', 'Łukasiewicz', 'Kraków'],
    ]);
  });

  it('reads Windows-1252, the CSV Excel writes on Western Windows', async () => {
    const table = await readFixture('windows-1252.csv');
    expect(table).toMatchObject({ encoding: 'windows-1252', bom: false, delimiter: ';' });
    expect(cellsOf(table)).toEqual([
      ['Zoë', 'Müller', '€ 12,50'],
      ['François', 'Garçon', '3,00'],
    ]);
  });

  it('reads a plain file with one stray Windows-1252 byte as Windows-1252, never with a replacement character', async () => {
    const table = await readFixture('stray-byte.csv');
    expect(table.encoding).toBe('windows-1252');
    expect(cellsOf(table)).toEqual([['Anna', 'München']]);
  });

  it('keeps the UTF-8 letters of a file that has a stray Windows-1252 byte besides them', async () => {
    const table = await readFixture('utf8-with-stray-byte.csv');
    expect(table.encoding).toBe('utf-8');
    expect(cellsOf(table)).toEqual([['Zoë', 'München']]);
    expect(JSON.stringify(table)).not.toContain('\ufffd');
  });

  it('reads a stray Windows-1252 byte in a file marked as UTF-8 as its letter too', async () => {
    const marked = Buffer.concat([Buffer.from('\ufeffName\nZoë M'), Buffer.from([0xfc]), Buffer.from('ller\n')]);
    const table = await readTable(marked, 'a.csv');
    expect(table).toMatchObject({ encoding: 'utf-8', bom: true });
    expect(cellsOf(table)).toEqual([['Zoë Müller']]);
  });

  it('recognises UTF-16 without a byte-order mark by its zero bytes, in either byte order', async () => {
    for (const encoding of ['utf-16le', 'utf-16be'] as const) {
      const table = await readTable(iconv.encode('Name;City\r\nZoë;Köln\r\n', encoding, { addBOM: false }), 'a.csv');
      expect(table).toMatchObject({ encoding, bom: false, delimiter: ';' });
      expect(cellsOf(table)).toEqual([['Zoë', 'Köln']]);
    }
  });
});
