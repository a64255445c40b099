import { describe, expect, it } from 'vitest';
import { ImportFileError, MAX_IMPORT_BYTES, readTable } from '../../../../src-main/imports/read';
import { LumenError } from '../../../../src-shared/errors';
import { bytes, readFixture } from './support';

describe('refusing a file that is not a readable table', () => {
  it('refuses an empty file, and one of blank lines only', async () => {
    await expect(readFixture('empty.csv')).rejects.toMatchObject({ message: '“empty.csv” is empty.', details: { reason: 'empty' } });
    await expect(readFixture('blank.csv')).rejects.toMatchObject({ details: { reason: 'empty' } });
  });

  it('refuses a picture renamed .csv', async () => {
    const refusal = readFixture('image.csv');
    await expect(refusal).rejects.toBeInstanceOf(ImportFileError);
    await expect(refusal).rejects.toBeInstanceOf(LumenError);
    await expect(refusal).rejects.toMatchObject({
      code: 'invalid_input',
      message: 'This file is not a table: choose a CSV file or an Excel workbook (.xlsx).',
      details: { reason: 'notTabular' },
    });
  });

  it('refuses an old .xls workbook, saying how to save it instead', async () => {
    await expect(readFixture('old-excel.xls')).rejects.toMatchObject({
      message: expect.stringContaining('save it as .xlsx'),
      details: { reason: 'notTabular' },
    });
  });

  it('refuses a quoted cell that never closes, naming the line and column it opens on', async () => {
    await expect(readFixture('unbalanced-quotes.csv')).rejects.toMatchObject({
      message: 'A quoted cell that starts on line 3, column 2, is never closed: check the quotes on that line.',
      details: { reason: 'unbalancedQuotes', line: 3, column: 2 },
    });
  });

  it('refuses text after a closing quote, naming its line and column', async () => {
    await expect(readTable(bytes('Name,Notes\nAnna,ok\nBen,"said "hi" twice"\n'), 'a.csv')).rejects.toMatchObject({
      message: 'A quoted cell on line 3, column 2, has text after its closing quote: check the quotes on that line.',
      details: { reason: 'unbalancedQuotes', line: 3, column: 2 },
    });
  });

  it('refuses a row with more fields than the header, naming its line and the first column too many', async () => {
    await expect(readFixture('too-many-fields.csv')).rejects.toMatchObject({
      message: 'Line 3 has 4 fields but the header names 3 columns: a cell may hold the delimiter without quotes around it.',
      details: { reason: 'tooManyFields', line: 3, column: 4 },
    });
  });

  it('accepts trailing empty fields beyond the header, which spreadsheets write', async () => {
    const table = await readTable(bytes('Name,Phone\nAnna,1,,\n'), 'a.csv');
    expect(table.rows).toEqual([{ line: 2, cells: ['Anna', '1'] }]);
  });

  it('refuses a file without a row of column names', async () => {
    await expect(readFixture('numbers-only.csv')).rejects.toMatchObject({ details: { reason: 'noHeader', line: 1 } });
  });

  it('refuses a file over the size limit before reading it', async () => {
    const tooLarge = new Uint8Array(MAX_IMPORT_BYTES + 1);
    await expect(readTable(tooLarge, 'huge.csv')).rejects.toMatchObject({
      message: '“huge.csv” is 64.1 MB, more than the 64 MB Lumen reads at once: split it into smaller files.',
      details: { reason: 'tooLarge' },
    });
  });
});
