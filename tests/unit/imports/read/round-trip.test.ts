import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readTable } from '../../../../src-main/imports/read';
import { csvText } from '../../../../src-shared/csv';
import { bytes, cellsOf } from './support';

/** Cells as a person types them: any letters, the characters CSV must quote, formula-like starts, line breaks. */
const cell = fc
  .array(
    fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 6 }),
      fc.constantFrom(',', ';', '"', '""', '\n', '\t', ' ', '=', '-', '+', '@', "'", 'é', 'ß', '€', 'Ø', '1.234,56'),
    ),
    { maxLength: 5 },
  )
  .map((parts) => parts.join(''))
  // Cells are read trimmed, with the formula guard taken off, and text files hold no control characters.
  .filter((text) => text === text.trim() && !/^'[=+\-@\t\r]/.test(text) && !/(?![\n\t])\p{Cc}/u.test(text));

describe('reading back what Lumen exports', () => {
  it('reads any table written by csvText back to the same cells (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 6 }).chain((columns) =>
          fc.array(fc.array(cell, { minLength: columns, maxLength: columns }), { minLength: 1, maxLength: 8 }).map((rows) => ({
            header: Array.from({ length: columns }, (_, i) => `Field ${i + 1}`),
            rows: rows.filter((row) => row.some((text) => text !== '')),
          })),
        ),
        async ({ header, rows }) => {
          const table = await readTable(bytes(csvText(header, rows)), 'export.csv');
          expect(table.header).toEqual(header);
          expect(cellsOf(table)).toEqual(rows);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('takes off the apostrophe a formula-safe export puts before a phone or a negative amount', async () => {
    const table = await readTable(bytes(csvText(['Phone', 'Balance'], [['+49 171 1234567', '-12.50']])), 'export.csv');
    expect(cellsOf(table)).toEqual([['+49 171 1234567', '-12.50']]);
  });
});
