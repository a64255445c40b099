import type { ColumnMapping, FileSummary, ImportKind, ImportOptions, RunInput } from '../../../src-shared/contract/imports';

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
