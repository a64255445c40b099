import { type CountryCode, getCountryCallingCode, parsePhoneNumberFromString } from 'libphonenumber-js/min';
import { z } from 'zod';
import { type FieldType, type ImportField, type ImportKind, type ImportOptions, importFields } from '../../src-shared/contract/imports';
import type { genders } from '../../src-shared/contract/patients';
import { fieldError, LumenError } from '../../src-shared/errors';
import { normalizePhone } from '../../src-shared/phone';
import {
  type DateOrder,
  detectDateOrder,
  detectNumberStyle,
  type ImportTable,
  needsDateOrder,
  type NumberStyle,
  parseCents,
  parseDate,
  parseDateTime,
  parseFlag,
  type Parsed,
  parseList,
  parsePhoneText,
  parseSex,
  parseWholeNumber,
  type TableRow,
} from './read/index';

/** One cell read as its field's type. */
export type CellValue = string | number | boolean | string[] | { deceased: true; on: string | null } | { date: string; time: string | null };

/** The options of one import once settled: what the person chose, else what the data showed. */
export interface Settled {
  dateOrder: DateOrder | null;
  numberStyle: NumberStyle;
  country: string;
}

/** A column mapped to a field, checked against the kind's catalogue. */
export interface MappedColumn {
  index: number;
  header: string;
  field: ImportField;
}

/** Checks the mapping against the file and the kind's fields: one entry per column, each field at most once. */
export function mappedColumns(kind: ImportKind, header: readonly string[], mapping: readonly (string | null)[]): MappedColumn[] {
  if (mapping.length !== header.length) throw fieldError('invalid_input', `The file has ${header.length} columns; the mapping names ${mapping.length}.`, 'mapping');
  const fields = new Map(importFields[kind].map((f) => [f.key, f]));
  const used = new Map<string, number>();
  const columns: MappedColumn[] = [];
  mapping.forEach((key, index) => {
    if (key === null) return;
    const field = fields.get(key);
    if (!field) throw fieldError('invalid_input', `“${key}” is not a field of this kind of import.`, `mapping.${index}`);
    if (used.has(key)) throw fieldError('invalid_input', `${field.label} is already mapped to column “${header[used.get(key)!]}”.`, `mapping.${index}`);
    used.set(key, index);
    columns.push({ index, header: header[index], field });
  });
  if (!columns.length) throw fieldError('invalid_input', 'Map at least one column to a field.', 'mapping');
  return columns;
}

const DATE_TYPES = new Set<FieldType>(['date', 'dateTime', 'flagOrDate']);
const NUMBER_TYPES = new Set<FieldType>(['cents', 'whole']);

function samplesOf(table: ImportTable, columns: readonly MappedColumn[], types: Set<FieldType>): string[] {
  const indexes = columns.filter((c) => types.has(c.field.type)).map((c) => c.index);
  const samples: string[] = [];
  for (const row of table.rows) for (const i of indexes) if (row.cells[i]) samples.push(row.cells[i]);
  return samples;
}

/** What the data says about date order and number style, before any choice. */
export function detect(table: ImportTable, columns: readonly MappedColumn[]): { dateOrder: DateOrder | 'ambiguous' | 'conflicting' | null; numberStyle: NumberStyle | null } {
  // A deceased column holds yes/no as well as dates.
  const dates = samplesOf(table, columns, DATE_TYPES).filter((s) => !parseFlag(s).ok);
  const numbers = samplesOf(table, columns, NUMBER_TYPES);
  const order = dates.length ? detectDateOrder(dates) : null;
  // ISO dates and month names read the same in either order: no one need be asked about them.
  return { dateOrder: order === 'ambiguous' && !needsDateOrder(dates) ? null : order, numberStyle: numbers.length ? detectNumberStyle(numbers) : null };
}

/**
 * The options to read the rows with. A date order the data does not prove (or contradicts) and a number style it
 * does not show are never guessed: the call is refused beside the option until the person picks one.
 */
export function settleOptions(table: ImportTable, columns: readonly MappedColumn[], options: ImportOptions, clinicCountry: string): Settled {
  const found = detect(table, columns);
  let dateOrder: DateOrder | null = options.dateOrder ?? null;
  if (!dateOrder && found.dateOrder !== null) {
    if (found.dateOrder === 'ambiguous' || found.dateOrder === 'conflicting') {
      throw new LumenError('invalid_input', found.dateOrder === 'ambiguous' ? 'The dates fit both day-first and month-first: choose the order.' : 'Some dates are day-first and others month-first: choose the order (rows that do not fit it are skipped).', {
        formErrors: [],
        fieldErrors: { 'options.dateOrder': ['Choose the date order'] },
        detected: found.dateOrder,
      });
    }
    dateOrder = found.dateOrder;
  }
  let numberStyle = options.numberStyle ?? found.numberStyle;
  if (!numberStyle) {
    const unclear = samplesOf(table, columns, NUMBER_TYPES).some((s) => /[.,]/.test(s));
    if (unclear) throw fieldError('invalid_input', 'The amounts fit both 1,234.56 and 1.234,56: choose the number style.', 'options.numberStyle', 'Choose the number style');
    numberStyle = 'dotDecimal';
  }
  return { dateOrder, numberStyle, country: options.defaultCountry ?? clinicCountry };
}

const Email = z.email();

/**
 * A spreadsheet keeps an international number as a number and drops its "+" (4917112345678). Digits alone, without a
 * leading 0, are read as international when that is a valid number and either they begin with the clinic country's
 * calling code or they are no valid number of that country.
 */
function withoutLostPlus(text: string, country: string): string | null {
  if (!/^[1-9]\d{7,14}$/.test(text)) return null;
  const international = parsePhoneNumberFromString(`+${text}`);
  if (!international?.isValid()) return null;
  const national = parsePhoneNumberFromString(text, country as CountryCode);
  return text.startsWith(getCountryCallingCode(country as CountryCode)) || !national?.isValid() ? international.number : null;
}
/** 14:30, 9.05, 2:30 PM, 2 pm, 14:30:00 → minutes after midnight. */
const CLOCK = /^(\d{1,2})(?:[:.](\d{2})(?::\d{2})?)?\s*([ap])?\.?\s*(?:m\.?)?$/i;

function parseClock(text: string): Parsed<string> {
  const match = CLOCK.exec(text.trim());
  if (!match || (!match[2] && !match[3])) return { ok: false, problem: `“${text}” is not a time of day.` };
  let hours = Number(match[1]);
  const minutes = Number(match[2] ?? 0);
  if (match[3]) {
    if (hours < 1 || hours > 12) return { ok: false, problem: `“${text}” is not a time of day.` };
    hours = (hours % 12) + (match[3].toLowerCase() === 'p' ? 12 : 0);
  }
  if (hours > 23 || minutes > 59) return { ok: false, problem: `“${text}” is not a time of day.` };
  return { ok: true, value: `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}` };
}

function readCell(type: FieldType, text: string, settled: Settled): Parsed<CellValue> {
  switch (type) {
    case 'text':
      return { ok: true, value: text || null };
    case 'date':
      return parseDate(text, settled.dateOrder);
    case 'dateTime':
      return parseDateTime(text, settled.dateOrder);
    case 'time':
      return parseClock(text);
    case 'phone': {
      const typed = parsePhoneText(text);
      if (!typed.ok || typed.value === null) return typed;
      const e164 = withoutLostPlus(typed.value, settled.country) ?? normalizePhone(typed.value, settled.country);
      return e164 ? { ok: true, value: e164 } : { ok: false, problem: `“${text}” is not a phone number.` };
    }
    case 'email': {
      const email = text.toLowerCase();
      return !email ? { ok: true, value: null } : Email.safeParse(email).success && email.length <= 200 ? { ok: true, value: email } : { ok: false, problem: `“${text}” is not an email address.` };
    }
    case 'flag':
      return parseFlag(text);
    case 'flagOrDate': {
      const asFlag = parseFlag(text);
      if (asFlag.ok) return asFlag.value ? { ok: true, value: { deceased: true, on: null } } : asFlag;
      const asDate = parseDate(text, settled.dateOrder);
      if (!asDate.ok) return { ok: false, problem: `“${text}” is neither yes/no nor a date.` };
      return { ok: true, value: { deceased: true, on: asDate.value } };
    }
    case 'sex':
      return parseSex(text);
    case 'list': {
      const items = parseList(text);
      return { ok: true, value: items.length ? items : null };
    }
    case 'cents':
      return parseCents(text, settled.numberStyle);
    case 'whole':
      return parseWholeNumber(text, settled.numberStyle);
  }
}

export interface RowProblem {
  column: string | null;
  message: string;
}

/** A row's mapped cells as typed values (empty cells left out), and a problem per cell that is not its type. */
export function readRow(row: TableRow, columns: readonly MappedColumn[], settled: Settled): { values: RowValues; problems: RowProblem[] } {
  const values = new Map<string, CellValue>();
  const problems: RowProblem[] = [];
  for (const { index, header, field } of columns) {
    const text = row.cells[index] ?? '';
    if (!text) continue;
    const parsed = readCell(field.type, text, settled);
    if (!parsed.ok) problems.push({ column: header, message: parsed.problem });
    else if (parsed.value !== null) values.set(field.key, parsed.value);
  }
  return { values: new RowValues(values), problems };
}

/** Typed reads of a row's values (the catalogue fixes each field's type). */
export class RowValues {
  constructor(private readonly values: Map<string, CellValue>) {}
  text(key: string) {
    return this.values.get(key) as string | undefined;
  }
  list(key: string) {
    return (this.values.get(key) as string[] | undefined) ?? [];
  }
  number(key: string) {
    return this.values.get(key) as number | undefined;
  }
  flag(key: string) {
    return this.values.get(key) as boolean | undefined;
  }
  sex(key: string) {
    return this.values.get(key) as (typeof genders)[number] | undefined;
  }
  deceased(key: string) {
    return this.values.get(key) as { deceased: true; on: string | null } | false | undefined;
  }
  dateTime(key: string) {
    return this.values.get(key) as { date: string; time: string | null } | undefined;
  }
}
