import { readFileSync, writeFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import type { ListFormat, SavedFile } from '../../src-shared/contract/exports';
import { csvCell } from '../../src-shared/csv';
import { decimalOf } from '../../src-shared/money';

export type ListValue = string | number | null;
export interface ListColumn {
  header: string;
  /** money: minor units, written as a plain decimal with a dot ("123.45"). */
  kind: 'text' | 'money' | 'integer';
}

const MIME_TYPES: Record<ListFormat | 'json' | 'pdf', string> = {
  csv: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  json: 'application/json',
  pdf: 'application/pdf',
};

/** A file already written, as the renderer receives it: its path, name, size and bytes (base64; a CSV also as text). */
export function savedFile(written: { path: string; fileName: string }, kind: keyof typeof MIME_TYPES): SavedFile {
  const bytes = readFileSync(written.path);
  return { ...written, bytes: bytes.length, mimeType: MIME_TYPES[kind], base64: bytes.toString('base64'), csv: kind === 'csv' ? bytes.toString('utf8') : null };
}

/**
 * Writes a list over the reserved file: CSV (UTF-8 with BOM so spreadsheets read accents, CRLF, formula-safe cells)
 * or .xlsx through exceljs's streaming writer (text cells stay text: a "=…" is never a formula there).
 */
export async function writeList(target: { path: string; fileName: string }, format: ListFormat, sheetName: string, table: { columns: ListColumn[]; rows: Iterable<ListValue[]> }, currency: string): Promise<SavedFile & { rows: number }> {
  let rows = 0;
  if (format === 'csv') {
    const lines = [table.columns.map((c) => csvCell(c.header)).join(',')];
    for (const row of table.rows) {
      lines.push(row.map((value, i) => csvCell(table.columns[i].kind === 'money' && typeof value === 'number' ? decimalOf(value, currency) : value)).join(','));
      rows++;
    }
    writeFileSync(target.path, `\uFEFF${lines.join('\r\n')}\r\n`);
  } else {
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: target.path, useStyles: true, useSharedStrings: false });
    const sheet = workbook.addWorksheet(sheetName);
    sheet.columns = table.columns.map((c) => ({ header: c.header, key: c.header, width: Math.max(12, c.header.length + 2), style: c.kind === 'money' ? { numFmt: '0.00' } : {} }));
    for (const row of table.rows) {
      // Money becomes a number only here, at the edge, from its exact decimal text.
      sheet.addRow(row.map((value, i) => (table.columns[i].kind === 'money' && typeof value === 'number' ? Number(decimalOf(value, currency)) : value))).commit();
      rows++;
    }
    sheet.commit();
    await workbook.commit();
  }
  return { ...savedFile(target, format), rows };
}
