/** Reading import files: bytes → a clean table, cells → typed values, columns → fields. No database. */
export * from './types';
export { readTable } from './table';
export { detectNumberStyle, parseCents, parseWholeNumber } from './numbers';
export { detectDateOrder, needsDateOrder, parseDate, parseDateTime } from './dates';
export { parseFlag, parseList, parsePhoneText, parseSex } from './values';
export { guessMapping } from './mapping';
