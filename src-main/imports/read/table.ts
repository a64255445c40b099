import type { ImportTable } from './types';

/** Throws `ImportFileError` for a bad file. */
export function readTable(data: Uint8Array, fileName: string, options?: { sheet?: string }): Promise<ImportTable> {
  void data;
  void fileName;
  void options;
  throw new Error('not yet');
}
