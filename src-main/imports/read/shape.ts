import { ImportFileError, type ImportTable, type TableRow } from './types';

/** A record as the file holds it: the line (CSV) or row (xlsx) it starts on, its cells trimmed. */
export interface RawRecord {
  line: number;
  cells: string[];
}

export type TableShape = Pick<ImportTable, 'headerLine' | 'header' | 'rows' | 'skipped' | 'emptyColumns'>;

/** How far down the header row is looked for (title lines, notes and blank lines above it). */
const HEADER_SEARCH_ROWS = 20;

/**
 * Header, data rows and what was skipped. `width`: 'header' (CSV) — the header's field count is the table's, and a
 * row with more non-empty fields is an error; 'widest' (xlsx) — a sheet has no field count, so a value right of the
 * last named column makes an unnamed column ("Column 9") instead.
 */
export function shapeTable(records: readonly RawRecord[], width: 'header' | 'widest'): TableShape {
  const headerIndex = findHeader(records);
  const headerRecord = records[headerIndex];
  const names = withoutTrailingBlanks(headerRecord.cells);
  const columns =
    width === 'header'
      ? headerRecord.cells.length
      : records.reduce((most, r, i) => (i > headerIndex ? Math.max(most, withoutTrailingBlanks(r.cells).length) : most), names.length);
  const header = Array.from({ length: columns }, (_, i) => names[i] || `Column ${i + 1}`);
  const headerCells = padded(names, columns);

  const rows: TableRow[] = [];
  const skipped: TableShape['skipped'] = [];
  for (let r = headerIndex + 1; r < records.length; r++) {
    const { line, cells } = records[r];
    if (cells.length > columns) refuseExtraFields(line, cells, columns);
    const aligned = padded(cells, columns);
    if (aligned.every((cell) => cell === '')) skipped.push({ line, reason: 'empty' });
    else if (aligned.every((cell, i) => cell === headerCells[i])) skipped.push({ line, reason: 'repeatedHeader' });
    else rows.push({ line, cells: aligned });
  }
  const emptyColumns = header.map((_, i) => i).filter((i) => rows.every((row) => row.cells[i] === ''));
  return { headerLine: headerRecord.line, header, rows, skipped, emptyColumns };
}

/**
 * The first row whose cells are mostly names: at least half as many cells with letters in them as the widest of
 * the first rows has cells. A title line ("Patients — exported 3/1/2024") above the header has one such cell.
 */
function findHeader(records: readonly RawRecord[]): number {
  const candidates: number[] = [];
  for (let i = 0; i < records.length && candidates.length < HEADER_SEARCH_ROWS; i++) {
    if (records[i].cells.some((cell) => cell !== '')) candidates.push(i);
  }
  if (candidates.length === 0) throw new ImportFileError('This file has no rows.', { reason: 'empty' });
  const widest = Math.max(...candidates.map((i) => withoutTrailingBlanks(records[i].cells).length));
  const needed = Math.ceil(widest / 2);
  const found = candidates.find((i) => records[i].cells.filter((cell) => /\p{L}/u.test(cell)).length >= needed);
  if (found === undefined) {
    throw new ImportFileError(
      'No row near the top of this file names its columns: add a header row (First name, Last name, …) above the data.',
      { reason: 'noHeader', line: records[candidates[0]].line },
    );
  }
  return found;
}

function refuseExtraFields(line: number, cells: readonly string[], columns: number): void {
  const extra = cells.findIndex((cell, i) => i >= columns && cell !== '');
  if (extra === -1) return; // trailing empty fields, as spreadsheets write them, hold nothing
  throw new ImportFileError(
    `Line ${line} has ${withoutTrailingBlanks(cells).length} fields but the header names ${columns} columns: ` +
      `a cell may hold the delimiter without quotes around it.`,
    { reason: 'tooManyFields', line, column: extra + 1 },
  );
}

function withoutTrailingBlanks(cells: readonly string[]): readonly string[] {
  let end = cells.length;
  while (end > 0 && cells[end - 1] === '') end--;
  return end === cells.length ? cells : cells.slice(0, end);
}

function padded(cells: readonly string[], length: number): string[] {
  if (cells.length === length) return cells as string[];
  return Array.from({ length }, (_, i) => cells[i] ?? '');
}
