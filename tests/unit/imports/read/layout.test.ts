import { describe, expect, it } from 'vitest';
import { readTable } from '../../../../src-main/imports/read';
import { bytes, cellsOf, readFixture } from './support';

describe('finding the table in what a spreadsheet left behind', () => {
  it('finds the header below a title line and blank lines, trims every cell and pads short rows', async () => {
    const table = await readFixture('messy.csv');
    expect(table.headerLine).toBe(3);
    expect(table.header).toEqual(['First name', 'Last name', 'Fax', 'Amount', 'Phone']);
    expect(table.rows).toEqual([
      { line: 4, cells: ['Anna', 'Lima', '', '1,234.56', '6.1E+10'] },
      { line: 8, cells: ['Ben', 'Okafor', '', '12.00', '+1 555 0100'] },
      { line: 9, cells: ['Chloé', 'Dubois', '', '', ''] },
      { line: 11, cells: ['Dev', 'Patel', '', '2,000.00', '+44 20 7946 0018'] },
    ]);
  });

  it('skips and lists empty lines (also ones of only delimiters) and repeated header rows', async () => {
    const table = await readFixture('messy.csv');
    expect(table.skipped).toEqual([
      { line: 5, reason: 'empty' },
      { line: 6, reason: 'empty' },
      { line: 7, reason: 'repeatedHeader' },
      { line: 10, reason: 'repeatedHeader' },
    ]);
  });

  it('names the column that is empty in every row', async () => {
    const table = await readFixture('messy.csv');
    expect(table.emptyColumns).toEqual([table.header.indexOf('Fax')]);
  });

  it("follows Excel's sep= line and counts lines from the top of the file", async () => {
    const table = await readFixture('sep-line.csv');
    expect(table).toMatchObject({ delimiter: ';', headerLine: 2, header: ['Name', 'Amount'] });
    expect(table.rows).toEqual([{ line: 3, cells: ['Anna', '1,5'] }]);
  });

  it('follows a quoted sep= line too', async () => {
    const table = await readTable(bytes('"sep=\t"\nName\tAmount\nAnna\t1,5\n'), 'a.csv');
    expect(table).toMatchObject({ delimiter: '\t', headerLine: 2, rows: [{ line: 3, cells: ['Anna', '1,5'] }] });
  });

  it('tells semicolons from the decimal commas between them', async () => {
    const table = await readTable(bytes('Name;Amount;Points\nAnna;1,50;3\nBen;2;4\nChloé;12,75;5\n'), 'a.csv');
    expect(table.delimiter).toBe(';');
    expect(cellsOf(table)).toEqual([
      ['Anna', '1,50', '3'],
      ['Ben', '2', '4'],
      ['Chloé', '12,75', '5'],
    ]);
  });

  it('names a blank header cell by its position', async () => {
    const table = await readTable(bytes('Name,,Phone\nAnna,x,1\n'), 'a.csv');
    expect(table.header).toEqual(['Name', 'Column 2', 'Phone']);
  });

  it('reads a one-column list', async () => {
    const table = await readTable(bytes('Name\nAnna\nBen\n'), 'names.csv');
    expect(cellsOf(table)).toEqual([['Anna'], ['Ben']]);
  });

  it('reads quoted cells with spaces around the delimiters', async () => {
    const table = await readTable(bytes('"Name", "City"\n "Zoë" , "Köln, Altstadt"\n'), 'a.csv');
    expect(table.header).toEqual(['Name', 'City']);
    expect(cellsOf(table)).toEqual([['Zoë', 'Köln, Altstadt']]);
  });

  it('takes a quote inside an unquoted cell as a character, as Excel does', async () => {
    const table = await readTable(bytes('Item;Size;Stock\nNeedle;30G 1/2";3\nCannula, blunt;25G 2";4\n'), 'a.csv');
    expect(table.delimiter).toBe(';');
    expect(cellsOf(table)).toEqual([
      ['Needle', '30G 1/2"', '3'],
      ['Cannula, blunt', '25G 2"', '4'],
    ]);
  });
});
