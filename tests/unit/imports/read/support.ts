import { readFileSync } from 'node:fs';
import { readTable, type ImportTable } from '../../../../src-main/imports/read';

const fixtures = new URL('../../../fixtures/imports/', import.meta.url);

/** A fixture file's bytes (tests/fixtures/imports, made by make-fixtures.ts). */
export function fixture(name: string): Uint8Array {
  return readFileSync(new URL(name, fixtures));
}

export function readFixture(name: string, options?: { sheet?: string }): Promise<ImportTable> {
  return readTable(fixture(name), name, options);
}

export function bytes(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

/** The data rows as a person sees them: the cells of each. */
export function cellsOf(table: ImportTable): string[][] {
  return table.rows.map((row) => row.cells);
}
