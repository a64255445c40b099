import { Buffer } from 'node:buffer';
import ExcelJS from 'exceljs';
import { notText } from './decode';
import type { RawRecord } from './shape';
import { ImportFileError } from './types';

export interface SheetRecords {
  sheet: string;
  sheets: string[];
  records: RawRecord[];
}

/**
 * The most sheet XML (worksheets and their shared strings, uncompressed) read at once. exceljs holds every cell as
 * an object, about 18 bytes of memory per byte of XML: 40 MB is some 50,000 rows of 20 columns and ~700 MB while
 * reading. A larger workbook is refused before loading rather than let it exhaust the main process's memory.
 */
const MAX_SHEET_XML_BYTES = 40 * 1024 * 1024;

/** The records of one sheet (the first with any value unless `sheetName` is given), each cell as text. */
export async function readXlsxRecords(data: Uint8Array, sheetName: string | undefined): Promise<SheetRecords> {
  if (sheetXmlBytes(data) > MAX_SHEET_XML_BYTES) {
    throw new ImportFileError(
      'This workbook is larger than Lumen reads at once (about 50,000 rows of 20 columns): save the sheet as ' +
        '“CSV UTF-8” in Excel and import that file instead.',
      { reason: 'tooLarge' },
    );
  }
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(data.buffer, data.byteOffset, data.byteLength) as unknown as ExcelJS.Buffer);
  } catch {
    throw notText(); // a zip that is not a workbook (.docx, .zip), or a damaged one
  }
  const sheets = workbook.worksheets.map((sheet) => sheet.name);
  const worksheet =
    sheetName === undefined
      ? workbook.worksheets.find((sheet) => sheet.actualRowCount > 0)
      : workbook.worksheets.find((sheet) => sheet.name === sheetName);
  if (!worksheet) {
    if (sheetName === undefined) throw new ImportFileError('This workbook has no rows.', { reason: 'empty' });
    throw new ImportFileError(`This workbook has no sheet named “${sheetName}”; its sheets are ${sheets.join(', ')}.`, {
      reason: 'unknownSheet',
    });
  }
  const records: RawRecord[] = [];
  worksheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    // Rows without values are left out by exceljs; put them back so they are listed as skipped, like a CSV's.
    for (let line = records.length + 1; line < rowNumber; line++) records.push({ line, cells: [] });
    const cells: string[] = [];
    row.eachCell({ includeEmpty: false }, (cell, column) => {
      // A merged range holds its value once, in its top-left cell (a title across A1:F1 is one cell, not six).
      const text = cell.isMerged && cell.master !== cell ? '' : cellText(cell.value).trim();
      for (let i = cells.length; i < column - 1; i++) cells.push('');
      cells.push(text);
    });
    records.push({ line: rowNumber, cells });
  });
  return { sheet: worksheet.name, sheets, records };
}

/**
 * A cell as the person saw it, in a form the cell parsers read: a formula's last computed result, a date as ISO
 * (`2019-12-31`, `2019-12-31T14:30`, a time alone as `14:30`), a number in plain digits with a dot for decimals
 * and never an exponent (a phone stored as a number keeps its digits), TRUE/FALSE, an error as Excel shows it.
 */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return numberText(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return dateText(value);
  if ('richText' in value) return value.richText.map((run) => run.text).join('');
  if ('hyperlink' in value) return typeof value.text === 'string' ? value.text : cellText(value.text);
  if ('error' in value) return value.error;
  if ('formula' in value || 'sharedFormula' in value) return cellText(value.result);
  return '';
}

function numberText(value: number): string {
  if (Number.isInteger(value)) return Math.abs(value) < 1e21 ? String(value) : BigInt(value).toString();
  // Excel keeps 15 significant digits; beyond them is binary noise (0.1 + 0.2 → 0.30000000000000004).
  return String(Number(value.toPrecision(15)));
}

/** exceljs hands dates over as UTC instants that carry the cell's wall-clock reading. */
function dateText(value: Date): string {
  const rounded = new Date(Math.round(value.getTime() / 1000) * 1000).toISOString();
  const date = rounded.slice(0, 10);
  const time = rounded.slice(11, 19).replace(/:00$/, '');
  if (date === '1899-12-30') return time; // Excel's day zero: a time without a date
  return time === '00:00' ? date : `${date}T${time}`;
}

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_DIRECTORY_ENTRY = 0x02014b50;
const SHEET_XML = /^xl\/(worksheets\/[^/]+\.xml|sharedStrings\.xml)$/;

/**
 * The uncompressed size of the workbook's sheet XML, from the zip's central directory (nothing is inflated). 0 when
 * the directory cannot be found: exceljs then says whether the file is a workbook at all.
 */
function sheetXmlBytes(data: Uint8Array): number {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  // The record is the last 22 bytes, followed by a comment of up to 65,535.
  const lowest = Math.max(0, data.byteLength - 22 - 65535);
  let end = data.byteLength - 22;
  while (end >= lowest && view.getUint32(end, true) !== END_OF_CENTRAL_DIRECTORY) end--;
  if (end < lowest) return 0;
  const entries = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  let total = 0;
  for (let i = 0; i < entries && at + 46 <= data.byteLength; i++) {
    if (view.getUint32(at, true) !== CENTRAL_DIRECTORY_ENTRY) break;
    const nameLength = view.getUint16(at + 28, true);
    const name = Buffer.from(data.buffer, data.byteOffset + at + 46, nameLength).toString('utf8');
    if (SHEET_XML.test(name)) total += view.getUint32(at + 24, true);
    at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return total;
}
