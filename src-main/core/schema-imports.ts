import type { ImportKind, RowOutcome } from '../../src-shared/contract/imports';

/** Column types of the import tables (the Database map is in schema.ts). */
export interface ImportBatchTable {
  id: number;
  kind: ImportKind;
  fileName: string;
  sha256: string;
  /** JSON: the column mapping. */
  mapping: string;
  /** JSON: the options. */
  options: string;
  imported: number;
  matched: number;
  skipped: number;
  alreadyImported: number;
  at: string;
  by: number | null;
  undoneAt: string | null;
  undoneBy: number | null;
}

export interface ImportRowTable {
  id: number;
  batchId: number;
  line: number;
  rowKey: string;
  legacyId: string | null;
  outcome: RowOutcome;
  patientId: number | null;
  merged: 0 | 1 | null;
  /** JSON: string[] */
  matchedBy: string;
  /** JSON: { line, column, message }[] */
  problems: string;
}

export interface ImportChangeTable {
  id: number;
  batchId: number;
  tbl: string;
  /** JSON object of the row's key columns. */
  pk: string;
  /** JSON of the row before the batch changed it; null when the batch created it. */
  before: string | null;
}

export interface ImportMappingTable {
  id: number;
  name: string;
  kind: ImportKind;
  /** JSON: { header: field } */
  columns: string;
  updatedAt: string;
  updatedBy: number | null;
}
