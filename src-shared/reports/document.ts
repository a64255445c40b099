/**
 * One print family for every manager report. A report's output becomes a `ReportDocument` (a pure function in
 * src-shared/reports, so the screen's print layout, the CSV export and the main process's PDF show the same
 * figures); the document says what to show, never how to draw it.
 */

/** How a cell is written: money in minor units, rates in basis points (6000 = 60.00 %), dates as YYYY-MM-DD. */
export type CellFormat = 'money' | 'percent' | 'integer' | 'text' | 'date' | 'days';

export type Cell = string | number | null;

export interface ReportColumn {
  key: string;
  label: string;
  format: CellFormat;
}

const columnOf = (format: CellFormat) => (key: string, label: string): ReportColumn => ({ key, label, format });
export const moneyColumn = columnOf('money');
export const percentColumn = columnOf('percent');
export const integerColumn = columnOf('integer');
export const textColumn = columnOf('text');

export interface ReportTable {
  kind: 'table';
  title: string;
  columns: ReportColumn[];
  rows: Record<string, Cell>[];
  /** The totals line under the table, keyed like the rows; absent when a sum would mean nothing. */
  totals?: Record<string, Cell>;
  /** Shown instead of an empty table. */
  emptyText: string;
}

/** The headline numbers at the top of a report ("Expected revenue", "Gap to target"). */
export interface ReportFigures {
  kind: 'figures';
  items: { label: string; value: Cell; format: CellFormat }[];
}

/** A sentence the reader needs (the assumptions used, what a figure counts). */
export interface ReportNote {
  kind: 'note';
  text: string;
}

export type ReportSection = ReportTable | ReportFigures | ReportNote;

export interface ReportDocument {
  /** The report's name as a person says it: "Projected sales". */
  title: string;
  clinicName: string;
  /** The period covered, clinic-local dates, both included. */
  from: string;
  to: string;
  /** An ISO UTC instant; shown in clinic time. */
  generatedAt: string;
  /** Landscape where a table is wide (more than ~7 columns). */
  orientation: 'portrait' | 'landscape';
  sections: ReportSection[];
}
