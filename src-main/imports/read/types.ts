import { LumenError } from '../../../src-shared/errors';
import type { genders } from '../../../src-shared/contract/patients';

/** Larger files are refused before anything is decoded. */
export const MAX_IMPORT_BYTES = 64 * 1024 * 1024;

export type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

/** One data row. `line`: 1-based line of the record's first line (CSV) or the sheet's row number (xlsx). */
export interface TableRow {
  line: number;
  /** Aligned to the header (short rows padded with ''), each trimmed. */
  cells: string[];
}

export interface ImportTable {
  format: 'csv' | 'xlsx';
  /** null for xlsx */
  encoding: Encoding | null;
  bom: boolean;
  /** null for xlsx */
  delimiter: ',' | ';' | '\t' | null;
  /** xlsx: the sheet read (the first non-empty one unless asked) */
  sheet: string | null;
  /** xlsx: all sheet names ([] for csv) */
  sheets: string[];
  /**
   * How the table writes numbers when the file itself says so: 'dotDecimal' for xlsx (numbers come through as plain
   * `1234.56`); null for CSV, whose columns need `detectNumberStyle`.
   */
  numberStyle: NumberStyle | null;
  headerLine: number;
  /** Trimmed names, in file order; a blank name becomes "Column 7" (1-based position). */
  header: string[];
  /** Data rows only. */
  rows: TableRow[];
  skipped: { line: number; reason: 'empty' | 'repeatedHeader' }[];
  /** Indexes of columns whose every data cell is empty. */
  emptyColumns: number[];
}

export type ImportFileProblem =
  | 'empty'
  | 'tooLarge'
  | 'notTabular'
  | 'unbalancedQuotes'
  | 'tooManyFields'
  | 'noHeader'
  | 'unknownSheet';

export interface ImportFileErrorDetails {
  reason: ImportFileProblem;
  /** 1-based line (CSV) or row (xlsx) where the problem is. */
  line?: number;
  /** 1-based column where the problem is (e.g. the first field beyond the header). */
  column?: number;
}

/** A file that cannot be read as a table. The message is a sentence for the person who chose the file. */
export class ImportFileError extends LumenError {
  declare readonly details: ImportFileErrorDetails;
  constructor(message: string, details: ImportFileErrorDetails) {
    super('invalid_input', message, details);
    this.name = 'ImportFileError';
  }
}

/** A cell's value, or a sentence for a person saying why it is not one. Empty text is `{ ok: true, value: null }`. */
export type Parsed<T> = { ok: true; value: T | null } | { ok: false; problem: string };

/** 'dotDecimal': 1,234.56 · 'commaDecimal': 1.234,56 */
export type NumberStyle = 'dotDecimal' | 'commaDecimal';

export type DateOrder = 'dayFirst' | 'monthFirst';

/** What `patient.gender` holds (src-shared/contract/patients.ts). */
export type Sex = (typeof genders)[number];

/** One importable field, for matching column headers (the catalogue per import kind is the import's). */
export interface FieldSpec {
  key: string;
  label: string;
  synonyms: readonly string[];
}
