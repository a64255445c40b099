import { fold } from '../../../src-shared/text';
import type { DateOrder, Parsed } from './types';

/** Year first, whatever the separator: 2019-12-31, 2019/12/31, 2019.12.31. */
const YEAR_FIRST = /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})$/;
/** Day and month in an order the column decides: 31/12/2019, 12-31-19, 31.12.2019. */
const NUMERIC = /^(\d{1,2})([-/.])(\d{1,2})\2(\d{2}|\d{4})$/;
/** 31 Dec 2019, 31-Dec-19 (Excel's d-mmm-yy), 31. Dezember 2019 */
const DAY_MONTH_NAME = /^(\d{1,2})\.?[\s-]+(\p{L}+)\.?,?[\s-]+(\d{2}|\d{4})$/u;
/** Dec 31, 2019 · December 31st 2019 */
const MONTH_NAME_DAY = /^(\p{L}+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$/u;
/** A time at the end: " 14:30", "T14:30:00", " 2:30 PM", " 14h30"; then a zone, which a local time must not have. */
const TIME = /(?:[T\s]|,\s*)(\d{1,2})[:h](\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*([ap])?\.?(?:m\.?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;
/** What old systems write for "no date". */
const NO_DATE = /^(?:0{4}-0{2}-0{2}|0{2}[./]0{2}[./]0{4}|-+|—|n\/?a)$/i;

const MONTHS: readonly (readonly string[])[] = [
  ['january', 'januar', 'janvier', 'enero', 'gennaio', 'januari', 'janner'],
  ['february', 'februar', 'fevrier', 'febrero', 'febbraio', 'februari'],
  ['march', 'marz', 'mrz', 'mars', 'marzo', 'maart'],
  ['april', 'avril', 'abril', 'aprile'],
  ['may', 'mai', 'mayo', 'maggio', 'mei'],
  ['june', 'juni', 'juin', 'junio', 'giugno'],
  ['july', 'juli', 'juillet', 'julio', 'luglio'],
  ['august', 'aout', 'agosto', 'augustus'],
  ['september', 'septembre', 'septiembre', 'settembre'],
  ['october', 'oktober', 'octobre', 'octubre', 'ottobre'],
  ['november', 'novembre', 'noviembre'],
  ['december', 'dezember', 'decembre', 'diciembre', 'dicembre'],
];

/** Excel's rule for two-digit years: 00–29 are 2000–2029, 30–99 are 1930–1999. */
const TWO_DIGIT_YEAR_PIVOT = 30;

/**
 * Looks at every sample: a first part above 12 proves day-first, a second part above 12 proves month-first; ISO
 * dates and month names fit both. Samples proving both orders → 'conflicting'; none proving either → 'ambiguous'.
 */
export function detectDateOrder(samples: readonly string[]): DateOrder | 'ambiguous' | 'conflicting' {
  let dayFirst = false;
  let monthFirst = false;
  for (const sample of samples) {
    const numeric = NUMERIC.exec(splitTime(sample.trim()).date);
    if (!numeric) continue;
    const [first, second] = [Number(numeric[1]), Number(numeric[3])];
    if (first > 12 && second <= 12) dayFirst = true;
    if (second > 12 && first <= 12) monthFirst = true;
  }
  if (dayFirst && monthFirst) return 'conflicting';
  return dayFirst ? 'dayFirst' : monthFirst ? 'monthFirst' : 'ambiguous';
}

/**
 * Whether the order changes how any sample reads: some numeric date with two different parts of 12 or less
 * (03/04/2019). Columns of ISO dates, month names or xlsx dates (which come through as ISO) read the same either
 * way, so nobody needs to be asked about them even though `detectDateOrder` calls them 'ambiguous'.
 */
export function needsDateOrder(samples: readonly string[]): boolean {
  return samples.some((sample) => {
    const numeric = NUMERIC.exec(splitTime(sample.trim()).date);
    if (!numeric) return false;
    const [first, second] = [Number(numeric[1]), Number(numeric[3])];
    return first !== second && first <= 12 && second <= 12;
  });
}

/** → 'YYYY-MM-DD'. A time after the date ("1980-05-01 00:00:00", as exports write birth dates) is ignored. */
export function parseDate(text: string, order: DateOrder | null): Parsed<string> {
  const parsed = parseDateTime(text, order);
  return parsed.ok ? { ok: true, value: parsed.value?.date ?? null } : parsed;
}

/** → date 'YYYY-MM-DD' and time 'HH:MM' (null when the text has none): "31/12/2019 14:30", "12/31/2019 2:30 PM". */
export function parseDateTime(text: string, order: DateOrder | null): Parsed<{ date: string; time: string | null }> {
  const trimmed = text.trim();
  if (trimmed === '' || NO_DATE.test(trimmed)) return { ok: true, value: null };
  const parts = splitTime(trimmed);
  let time: string | null = null;
  if (parts.time) {
    const [, hours, minutes, seconds, meridiem, zone] = parts.time;
    const clock = clockTime(Number(hours), Number(minutes), meridiem);
    if (clock === null) return { ok: false, problem: `“${trimmed}” has no valid time of day.` };
    // A date exported as an instant ("1980-05-01T00:00:00Z") is a date; any other time with a zone is a moment
    // whose local time depends on where it was, which this text does not say.
    const midnight = clock === '00:00' && Number(seconds ?? 0) === 0;
    if (zone && !midnight) {
      return { ok: false, problem: `“${trimmed}” is a moment in a time zone (${zone}), not a local date and time.` };
    }
    time = zone ? null : clock;
  }
  const date = calendarDate(parts.date, order);
  if (typeof date !== 'string') return { ok: false, problem: date.problem.replace('%s', `“${trimmed}”`) };
  return { ok: true, value: { date, time } };
}

function splitTime(text: string): { date: string; time: RegExpExecArray | null } {
  const time = TIME.exec(text);
  return time ? { date: text.slice(0, time.index).trim(), time } : { date: text, time: null };
}

function clockTime(hours: number, minutes: number, meridiem: string | undefined): string | null {
  if (minutes > 59) return null;
  if (meridiem) {
    if (hours < 1 || hours > 12) return null;
    hours = (hours % 12) + (meridiem.toLowerCase() === 'p' ? 12 : 0);
  }
  if (hours > 23) return null;
  return `${pad(hours)}:${pad(minutes)}`;
}

/** The ISO date, or a problem with `%s` where the text goes. */
function calendarDate(text: string, order: DateOrder | null): string | { problem: string } {
  const yearFirst = YEAR_FIRST.exec(text);
  if (yearFirst) return checked(Number(yearFirst[1]), Number(yearFirst[3]), Number(yearFirst[4]));

  const numeric = NUMERIC.exec(text);
  if (numeric) {
    const [first, second, year] = [Number(numeric[1]), Number(numeric[3]), fullYear(numeric[4])];
    if (order) {
      const [day, month] = order === 'dayFirst' ? [first, second] : [second, first];
      if (month > 12) return { problem: `%s is not a date in ${order === 'dayFirst' ? 'day' : 'month'}-first order.` };
      return checked(year, month, day);
    }
    // Without a known order only a date that one order cannot read is certain (31/12/2019).
    if (first > 12) return checked(year, second, first);
    if (second > 12) return checked(year, first, second);
    if (first === second) return checked(year, first, second);
    return { problem: `%s could be ${first} ${monthName(second)} or ${second} ${monthName(first)}: choose the date order.` };
  }

  const dayMonth = DAY_MONTH_NAME.exec(text);
  const monthDay = dayMonth ? null : MONTH_NAME_DAY.exec(text);
  const named = dayMonth
    ? { day: dayMonth[1], month: dayMonth[2], year: dayMonth[3] }
    : monthDay && { day: monthDay[2], month: monthDay[1], year: monthDay[3] };
  if (named) {
    const month = monthNumber(named.month);
    if (month === null) return { problem: `%s names no month Lumen knows.` };
    return checked(fullYear(named.year), month, Number(named.day));
  }
  return { problem: '%s is not a date.' };
}

function checked(year: number, month: number, day: number): string | { problem: string } {
  if (month < 1 || month > 12 || day < 1) return { problem: '%s is not a date.' };
  if (year < 1800 || year > 2199) return { problem: `%s has the year ${year}, which cannot be right.` };
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > days) return { problem: `%s is not a date: ${monthName(month)} ${year} has ${days} days.` };
  return `${year}-${pad(month)}-${pad(day)}`;
}

function fullYear(digits: string): number {
  const year = Number(digits);
  if (digits.length === 4) return year;
  return year < TWO_DIGIT_YEAR_PIVOT ? 2000 + year : 1900 + year;
}

/** A month's name or an abbreviation of at least three letters that fits one month only ("Dez", "févr.", "Sept"). */
function monthNumber(word: string): number | null {
  const key = fold(word);
  if (key.length < 3) return null;
  const fits = MONTHS.flatMap((names, i) => (names.some((name) => name.startsWith(key)) ? [i + 1] : []));
  return fits.length === 1 ? fits[0] : null;
}

function monthName(month: number): string {
  return MONTHS[month - 1]?.[0].replace(/^./, (c) => c.toUpperCase()) ?? String(month);
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
