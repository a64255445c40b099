
/** True when the runtime knows this IANA time zone. */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone.includes('/') || zone === 'UTC';
  } catch {
    return false;
  }
}

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

/** The zone's UTC offset (ms) at an instant, asked of Intl (a few µs). */
function intlOffsetMs(at: number, timeZone: string): number {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    formatters.set(timeZone, formatter);
  }
  const minuteStart = Math.floor(at / MINUTE_MS) * MINUTE_MS;
  const part: Record<string, number> = {};
  for (const p of formatter.formatToParts(minuteStart)) if (p.type !== 'literal') part[p.type] = Number(p.value);
  return Date.UTC(part.year, part.month - 1, part.day, part.hour, part.minute, part.second) - minuteStart;
}

/** A stretch of CHUNK_DAYS from a multiple of CHUNK_MS: the offset at its start and each change inside it. */
interface ZoneChunk {
  /** offsets[i + 1] applies from changes[i]. */
  offsets: number[];
  changes: number[];
}
const CHUNK_DAYS = 32;
const CHUNK_MS = CHUNK_DAYS * DAY_MS;
const zoneChunks = new Map<string, Map<number, ZoneChunk>>();

/**
 * Samples the zone once a day and bisects each change to the minute: rule changes are months apart (never two
 * within a day), so a chunk costs ~40 Intl calls once and every later question is a lookup.
 */
function zoneChunk(index: number, timeZone: string): ZoneChunk {
  const start = index * CHUNK_MS;
  const chunk: ZoneChunk = { offsets: [intlOffsetMs(start, timeZone)], changes: [] };
  let before = start;
  for (let day = 1; day <= CHUNK_DAYS; day++) {
    const at = start + day * DAY_MS;
    const current = chunk.offsets[chunk.offsets.length - 1];
    const offset = intlOffsetMs(at, timeZone);
    if (offset !== current) {
      let lo = before;
      let hi = at;
      while (hi - lo > MINUTE_MS) {
        const middle = lo + Math.floor((hi - lo) / 2 / MINUTE_MS) * MINUTE_MS;
        if (intlOffsetMs(middle, timeZone) === current) lo = middle;
        else hi = middle;
      }
      chunk.changes.push(hi);
      chunk.offsets.push(offset);
    }
    before = at;
  }
  return chunk;
}

/** The zone's UTC offset (ms) at an instant. Calendar code asks this thousands of times per call. */
export function zoneOffsetMs(instant: number, timeZone: string): number {
  let chunks = zoneChunks.get(timeZone);
  if (!chunks) zoneChunks.set(timeZone, (chunks = new Map()));
  const index = Math.floor(instant / CHUNK_MS);
  let chunk = chunks.get(index);
  if (!chunk) chunks.set(index, (chunk = zoneChunk(index, timeZone)));
  let i = 0;
  while (i < chunk.changes.length && instant >= chunk.changes[i]) i++;
  return chunk.offsets[i];
}

/**
 * The instant of a wall-clock time in a zone, given as "that wall time read as UTC" (ms). A time skipped by the
 * spring change moves forward by the gap (02:30 → 03:30); a time that happens twice in autumn is the first one.
 */
export function wallClockToInstant(wallAsUtc: number, timeZone: string): number {
  const before = zoneOffsetMs(wallAsUtc - DAY_MS, timeZone);
  const after = zoneOffsetMs(wallAsUtc + DAY_MS, timeZone);
  // No change within a day either side (nearly always): the wall time happens exactly once.
  if (before === after) return wallAsUtc - before;
  const early = wallAsUtc - before;
  const late = wallAsUtc - after;
  const earlyValid = zoneOffsetMs(early, timeZone) === before;
  const lateValid = zoneOffsetMs(late, timeZone) === after;
  if (earlyValid && lateValid) return Math.min(early, late);
  if (lateValid) return late;
  return early;
}

/** The wall clock of an instant in a zone, as "that wall time read as UTC" (use the getUTC… methods on it). */
export function instantToWallClock(instant: number, timeZone: string): Date {
  return new Date(instant + zoneOffsetMs(instant, timeZone));
}

/** The clinic-local calendar date (YYYY-MM-DD) of an instant. */
export function localDate(instant: Date | string, timeZone: string): string {
  const at = typeof instant === 'string' ? instantMs(instant) : instant.getTime();
  return dateOfEpochDay(Math.floor((at + zoneOffsetMs(at, timeZone)) / DAY_MS));
}

/** The UTC instant at which a clinic-local calendar day starts (handles 23- and 25-hour days). */
export function startOfLocalDay(date: string, timeZone: string): Date {
  return new Date(wallClockToInstant(epochDayOf(date) * DAY_MS, timeZone));
}

/** [start, end) of a clinic-local day as UTC instants. */
export function localDayRange(date: string, timeZone: string): { start: Date; end: Date } {
  return { start: startOfLocalDay(date, timeZone), end: startOfLocalDay(addCalendarDays(date, 1), timeZone) };
}

/** Adds whole calendar days to a YYYY-MM-DD date (no time zone involved). */
export function addCalendarDays(date: string, days: number): string {
  return dateOfEpochDay(epochDayOf(date) + days);
}

/*
 * Instants are stored and compared as canonical ISO text ("2026-03-02T09:00:00.000Z"). Calendar code converts
 * thousands of them per call, and Date.parse / toISOString cost ~0.2 / ~0.5 µs each, so the canonical form is
 * read and written with integer arithmetic (proleptic Gregorian, H. Hinnant's days-from-civil); anything else
 * goes through Date.
 */

const TWO_DIGITS = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0'));
const FOUR_DIGIT_DAYS = { first: -719_162, last: 2_932_896 }; // 0001-01-01 … 9999-12-31

/** The calendar date (YYYY-MM-DD) of a day counted from 1970-01-01. */
export function dateOfEpochDay(day: number): string {
  if (!(day >= FOUR_DIGIT_DAYS.first && day <= FOUR_DIGIT_DAYS.last)) return new Date(day * DAY_MS).toISOString().slice(0, 10);
  const z = day + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153);
  const dayOfMonth = dayOfYear - Math.floor((153 * shiftedMonth + 2) / 5) + 1;
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return `${TWO_DIGITS[Math.floor(year / 100)]}${TWO_DIGITS[year % 100]}-${TWO_DIGITS[month]}-${TWO_DIGITS[dayOfMonth]}`;
}

function daysFromCivil(year: number, month: number, dayOfMonth: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + dayOfMonth - 1;
  return era * 146_097 + yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear - 719_468;
}

/** The two digits at text[i] as a number, or -1 when either is not a digit (the unsigned compare catches both sides). */
function twoDigitsAt(text: string, i: number): number {
  const tens = text.charCodeAt(i) - 48;
  const ones = text.charCodeAt(i + 1) - 48;
  return tens >>> 0 < 10 && ones >>> 0 < 10 ? tens * 10 + ones : -1;
}

const DAYS_IN_MONTH = [0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

const isLeapYear = (year: number) => year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);

/** The last date counted (as year·10⁴ + month·10² + day): a call's instants nearly all fall on a day or two. */
let countedDate = -1;
let countedEpochDay = 0;

/** Days from 1970-01-01 to a calendar date (NaN when it is not a real date). */
function epochDayOfParts(year: number, month: number, day: number): number {
  const key = year * 10_000 + month * 100 + day;
  if (key === countedDate) return countedEpochDay;
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > DAYS_IN_MONTH[month] || (month === 2 && day === 29 && !isLeapYear(year))) return NaN;
  countedDate = key;
  countedEpochDay = daysFromCivil(year, month, day);
  return countedEpochDay;
}

/** Days from 1970-01-01 to the YYYY-MM-DD date that text starts with (NaN when it is not a real date). */
function epochDayAt(text: string): number {
  const century = twoDigitsAt(text, 0);
  const yearOfCentury = twoDigitsAt(text, 2);
  const month = twoDigitsAt(text, 5);
  const day = twoDigitsAt(text, 8);
  if (century < 0 || yearOfCentury < 0 || month < 0 || day < 0 || text.charCodeAt(4) !== 45 /* - */ || text.charCodeAt(7) !== 45) return NaN;
  return epochDayOfParts(century * 100 + yearOfCentury, month, day);
}

/** Days from 1970-01-01 to a YYYY-MM-DD date (NaN when it is not one). */
export function epochDayOf(date: string): number {
  return date.length === 10 ? epochDayAt(date) : NaN;
}

/** Milliseconds since UTC midnight of canonical instant text ("…THH:MM:SS.mmmZ"); NaN for any other form. */
function msIntoUtcDay(text: string): number {
  if (text.length !== 24 || text.charCodeAt(10) !== 84 /* T */ || text.charCodeAt(13) !== 58 /* : */ || text.charCodeAt(16) !== 58 || text.charCodeAt(19) !== 46 /* . */ || text.charCodeAt(23) !== 90 /* Z */) return NaN;
  const hour = twoDigitsAt(text, 11);
  const minute = twoDigitsAt(text, 14);
  const second = twoDigitsAt(text, 17);
  const centis = twoDigitsAt(text, 20);
  const lastMilli = text.charCodeAt(22) - 48;
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59 || centis < 0 || !(lastMilli >>> 0 < 10)) return NaN;
  return hour * 3_600_000 + minute * 60_000 + second * 1000 + centis * 10 + lastMilli;
}

/** Epoch milliseconds of an ISO-8601 instant; the canonical UTC form is read without Date. */
export function instantMs(text: string): number {
  const intoDay = msIntoUtcDay(text);
  if (intoDay === intoDay) {
    const day = epochDayAt(text);
    if (day === day) return day * DAY_MS + intoDay;
  }
  return Date.parse(text);
}

const CLOCK_MINUTES = Array.from({ length: 1440 }, (_, m) => `T${TWO_DIGITS[Math.floor(m / 60)]}:${TWO_DIGITS[m % 60]}:`);
const MILLIS = Array.from({ length: 1000 }, (_, i) => `.${String(i).padStart(3, '0')}Z`);
/** The last two days formatted: a call's instants are nearly always on one day or two neighbouring ones. */
let lastDay = NaN;
let lastDayText = '';
let otherDay = NaN;
let otherDayText = '';

function dayText(day: number): string {
  if (day === lastDay) return lastDayText;
  const text = day === otherDay ? otherDayText : dateOfEpochDay(day);
  otherDay = lastDay;
  otherDayText = lastDayText;
  lastDay = day;
  lastDayText = text;
  return text;
}

/** The canonical ISO-8601 UTC text of epoch milliseconds (what Date#toISOString gives). */
export function instantText(ms: number): string {
  const day = Math.floor(ms / DAY_MS);
  if (!Number.isInteger(ms) || !(day >= FOUR_DIGIT_DAYS.first && day <= FOUR_DIGIT_DAYS.last)) return new Date(ms).toISOString();
  const inDay = ms - day * DAY_MS;
  const milli = inDay % 1000;
  const seconds = (inDay - milli) / 1000;
  const second = seconds % 60;
  return dayText(day) + CLOCK_MINUTES[(seconds - second) / 60] + TWO_DIGITS[second] + MILLIS[milli];
}

/** Whole years between a date of birth and a calendar date. */
export function ageOn(dateOfBirth: string, onDate: string): number {
  const [by, bm, bd] = dateOfBirth.split('-').map(Number);
  const [y, m, d] = onDate.split('-').map(Number);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}
