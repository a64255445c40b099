/**
 * Reading import files: bytes → a clean table, cells → typed values, columns → fields. No database.
 *
 * The import's path through it: `readTable` (refuses a bad file with `ImportFileError`: reason, line, column) →
 * `guessMapping(table.header, fields)` → per mapped column, the style and order from all its cells:
 * `table.numberStyle ?? detectNumberStyle(cells)`, `detectDateOrder(cells)` (ask the person only when it is
 * 'ambiguous' and `needsDateOrder(cells)`, or 'conflicting') → each cell through its parser, whose `problem` is
 * shown with the row's `line` and the column's header name.
 */
export * from './types';
export { readTable } from './table';
export { detectNumberStyle, parseCents, parseWholeNumber } from './numbers';
export { detectDateOrder, needsDateOrder, parseDate, parseDateTime } from './dates';
export { parseFlag, parseList, parsePhoneText, parseSex } from './values';
export { guessMapping } from './mapping';
