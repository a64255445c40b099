import { readCsvRecords } from './csv';
import { decodeText } from './decode';
import { shapeTable } from './shape';
import { ImportFileError, MAX_IMPORT_BYTES, type ImportTable } from './types';
import { readXlsxRecords } from './xlsx';

const ZIP = [0x50, 0x4b, 0x03, 0x04];
/** The container of old .xls workbooks and of password-protected .xlsx ones. */
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/**
 * A file's bytes as a table: format and encoding from the bytes themselves (not the name, which a person may have
 * changed), the header row found, blank and repeated header rows skipped and listed. Throws `ImportFileError`.
 */
export async function readTable(data: Uint8Array, fileName: string, options: { sheet?: string } = {}): Promise<ImportTable> {
  if (data.byteLength === 0) throw new ImportFileError(`“${fileName}” is empty.`, { reason: 'empty' });
  if (data.byteLength > MAX_IMPORT_BYTES) {
    throw new ImportFileError(
      `“${fileName}” is ${megabytes(data.byteLength)} MB, more than the ${megabytes(MAX_IMPORT_BYTES)} MB Lumen reads ` +
        'at once: split it into smaller files.',
      { reason: 'tooLarge' },
    );
  }
  if (startsWith(data, ZIP)) {
    const { sheet, sheets, records } = await readXlsxRecords(data, options.sheet);
    return {
      format: 'xlsx',
      encoding: null,
      bom: false,
      delimiter: null,
      sheet,
      sheets,
      numberStyle: 'dotDecimal',
      ...shapeTable(records, 'widest'),
    };
  }
  if (startsWith(data, OLE)) {
    throw new ImportFileError(
      `“${fileName}” is an old-style Excel file (.xls) or a password-protected workbook: open it in Excel and save ` +
        'it as .xlsx (without a password) or as CSV.',
      { reason: 'notTabular' },
    );
  }
  const { content, head, encoding, bom } = decodeText(data);
  const { delimiter, records } = readCsvRecords(content, head);
  return {
    format: 'csv',
    encoding,
    bom,
    delimiter,
    sheet: null,
    sheets: [],
    numberStyle: null,
    ...shapeTable(records, 'header'),
  };
}

function startsWith(data: Uint8Array, signature: readonly number[]): boolean {
  return signature.every((byte, i) => data[i] === byte);
}

/** Rounded up, so a file just over the limit does not read as the limit itself. */
function megabytes(bytes: number): string {
  return String(Math.ceil((bytes / (1024 * 1024)) * 10) / 10);
}
