import type { ColumnMapping, FileSummary, ImportKind, ImportOptions, RunInput, SavedMapping } from '../../../src-shared/contract/imports';

/** What the person has chosen so far in the import wizard; each step reads and changes its part. */
export interface ImportChoices {
  file: FileSummary;
  kind: ImportKind;
  mapping: ColumnMapping;
  options: ImportOptions;
  onMatch: NonNullable<RunInput['onMatch']>;
  decisions: Record<string, 'merge' | 'keepApart'>;
}

/** The selection every preview and run sends. */
export function selection(c: ImportChoices) {
  return { fileId: c.file.fileId, kind: c.kind, mapping: c.mapping, options: c.options };
}

/** The first distinct non-empty values of some columns in the file's first rows, to recognise what they hold. */
export function sampleValues(file: Pick<FileSummary, 'sample'>, columns: readonly number[], max: number): string[] {
  const values = file.sample.flatMap((row) => columns.map((i) => row.cells[i] ?? '')).filter(Boolean);
  return [...new Set(values)].slice(0, max);
}

/** A saved mapping laid over a file's columns: matched by header text, the other columns not imported. */
export function applySavedMapping(saved: Pick<SavedMapping, 'columns'>, header: readonly string[]): ColumnMapping {
  return header.map((name) => saved.columns[name] ?? null);
}

/** A mapping as it is saved: header text → field, for the mapped columns only. */
export function mappingToSave(header: readonly string[], mapping: ColumnMapping): Record<string, string> {
  return Object.fromEntries(header.flatMap((name, i) => (mapping[i] ? [[name, mapping[i]]] : [])));
}
