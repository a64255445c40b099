import type { Buffer } from 'node:buffer';
import { CsvError, parse } from 'csv-parse/sync';
import { ImportFileError } from './types';
import type { RawRecord } from './shape';

export type Delimiter = ',' | ';' | '\t';
const DELIMITERS: readonly Delimiter[] = [',', ';', '\t'];

/** Excel's own hint on the first line ("sep=;", quoted by some tools) names the delimiter and is not part of the table. */
const SEP_LINE = /^"?sep=([,;\t])"?[ \t]*(\r\n|\n|\r|$)/i;

export interface CsvRecords {
  delimiter: Delimiter;
  records: RawRecord[];
}

/**
 * The records of CSV content (text, or UTF-8 bytes), each with the line it starts on and its cells trimmed. `head`:
 * the content's beginning as text.
 */
export function readCsvRecords(content: string | Buffer, head: string): CsvRecords {
  const hint = SEP_LINE.exec(head);
  // The hint is ASCII, so its length is the same in characters and in bytes.
  const skip = hint ? hint[0].length : 0;
  const body = typeof content === 'string' ? content.slice(skip) : content.subarray(skip);
  const firstLine = hint ? 2 : 1;
  const delimiter = (hint?.[1] as Delimiter | undefined) ?? detectDelimiter(head.slice(skip));
  const records: RawRecord[] = [];
  let line = firstLine;
  try {
    parse(body, {
      delimiter,
      relax_column_count: true,
      // A quote inside an unquoted cell (5" needle) is a character, as in Excel; only a quoted cell that never
      // closes is an error.
      relax_quotes: true,
      // Spaces around delimiters are not part of a cell, so `"Anna", "Lima"` is two quoted cells.
      trim: true,
      on_record: (cells: string[]) => {
        records.push({ line, cells: cells.map(cleanCell) });
        // Line breaks are inside quoted cells or end the record (csv-parse's own count takes CRLF in a cell as two).
        line += 1 + cells.reduce((breaks, cell) => breaks + lineBreaks(cell), 0);
        return null;
      },
    });
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const column = typeof error.column === 'number' ? error.column + 1 : undefined;
    const where = `line ${line}${column ? `, column ${column}` : ''}`;
    if (error.code === 'CSV_QUOTE_NOT_CLOSED') {
      throw new ImportFileError(`A quoted cell that starts on ${where}, is never closed: check the quotes on that line.`, {
        reason: 'unbalancedQuotes',
        line,
        column,
      });
    }
    if (error.code === 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE') {
      throw new ImportFileError(`A quoted cell on ${where}, has text after its closing quote: check the quotes on that line.`, {
        reason: 'unbalancedQuotes',
        line,
        column,
      });
    }
    throw new ImportFileError(`The file cannot be read as CSV from line ${line} on.`, { reason: 'notTabular', line });
  }
  return { delimiter, records };
}

/**
 * The delimiter that splits the first lines most evenly: each candidate is counted outside quotes on each of the
 * first 50 lines, and the one whose most common count (above zero) fits the most lines wins. Decimal commas in a
 * `;` file vary from line to line; the `;` do not. A file with none of them is one column.
 */
export function detectDelimiter(text: string): Delimiter {
  const counts = countOutsideQuotes(text.slice(0, 65536), 50);
  let best: { delimiter: Delimiter; fits: number; fields: number } = { delimiter: ',', fits: 0, fields: 0 };
  for (const delimiter of DELIMITERS) {
    const perLine = counts.map((line) => line[delimiter]).filter((n) => n > 0);
    const mode = mostCommon(perLine);
    if (mode === null) continue;
    const fits = perLine.filter((n) => n === mode).length;
    if (fits > best.fits || (fits === best.fits && mode > best.fields)) best = { delimiter, fits, fields: mode };
  }
  return best.delimiter;
}

/**
 * Trimmed, with Windows line breaks inside a cell made plain ones, and without the apostrophe that formula-safe
 * exports (Lumen's own `csvCell` among them) put before a leading = + - @ so a spreadsheet shows "-12.50" as text.
 */
function cleanCell(cell: string): string {
  const unguarded = cell.charCodeAt(0) === 39 && /^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell;
  const trimmed = unguarded.trim();
  return trimmed.includes('\r') ? trimmed.replace(/\r\n?/g, '\n') : trimmed;
}

function lineBreaks(cell: string): number {
  if (!cell.includes('\n') && !cell.includes('\r')) return 0;
  return cell.match(/\r\n|\r|\n/g)!.length;
}

/** Per line, the candidates found outside quoted cells (a quote opens a cell only at its start, as the parser reads). */
function countOutsideQuotes(text: string, maxLines: number): Record<Delimiter, number>[] {
  const lines: Record<Delimiter, number>[] = [];
  let current = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  let cellStart = true;
  for (let i = 0; i < text.length && lines.length < maxLines; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') i++;
      else if (char === '"') quoted = false;
    } else if (char === '"' && cellStart) quoted = true;
    else if (char === ',' || char === ';' || char === '\t') current[char]++;
    else if (char === '\n') {
      lines.push(current);
      current = { ',': 0, ';': 0, '\t': 0 };
    }
    if (!quoted) cellStart = char === ',' || char === ';' || char === '\t' || char === '\n' || (cellStart && char === ' ');
  }
  if (lines.length < maxLines) lines.push(current);
  return lines;
}

function mostCommon(values: number[]): number | null {
  const tally = new Map<number, number>();
  for (const value of values) tally.set(value, (tally.get(value) ?? 0) + 1);
  let best: number | null = null;
  for (const [value, count] of tally) if (best === null || count > tally.get(best)!) best = value;
  return best;
}
