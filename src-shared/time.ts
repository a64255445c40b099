import { tzOffset } from '@date-fns/tz';

/*
 * Clinic time, for main and renderer alike. Instants are stored as ISO-8601 UTC text ("2026-03-02T09:00:00.000Z")
 * and worked with as epoch milliseconds; calendar dates are "YYYY-MM-DD" and belong to no zone; the clinic's IANA
 * zone turns one into the other. People book by the wall clock, so 10:00 stays 10:00 across a DST change.
 */

export const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/** How many days the per-day caches below hold before they start again. */
const MAX_REMEMBERED_DAYS = 100_000;

/**
 * "YYYY-MM-DDT" per UTC day. toISOString costs ~1.2 µs and the demo clinic writes some ten million instants
 * (a tenth of its 3-minute budget, which it missed); the time of day is plain arithmetic.
 */
const dayPrefixes = new Map<number, string>();
const padded = (n: number, width: number) => String(n).padStart(width, '0');

/** The stored text of an instant given in epoch milliseconds ("2026-03-02T09:00:00.000Z"), as toISOString writes it. */
export function isoOf(ms: number): string {
  const at = Math.trunc(ms);
  // NaN and instants beyond Date's range throw toISOString's RangeError.
  if (!(Math.abs(at) <= 8.64e15)) return new Date(ms).toISOString();
  const day = Math.floor(at / DAY_MS);
  let prefix = dayPrefixes.get(day);
  if (prefix === undefined) {
    const iso = new Date(day * DAY_MS).toISOString();
    prefix = iso.slice(0, iso.indexOf('T') + 1);
    if (dayPrefixes.size >= MAX_REMEMBERED_DAYS) dayPrefixes.clear();
    dayPrefixes.set(day, prefix);
  }
  const t = at - day * DAY_MS;
  return `${prefix}${padded(Math.floor(t / 3_600_000), 2)}:${padded(Math.floor(t / 60_000) % 60, 2)}:${padded(Math.floor(t / 1000) % 60, 2)}.${padded(t % 1000, 3)}Z`;
}

/** True when the runtime knows this IANA time zone. */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone.includes('/') || zone === 'UTC';
  } catch {
    return false;
  }
}

type Instant = Date | string | number;

const epochMs = (instant: Instant): number => (typeof instant === 'string' ? Date.parse(instant) : +instant);

/**
 * Per zone and UTC day: the zone's offset (ms) when it holds all that day, null on a day it changes (a DST change),
 * whose instants are looked up one by one. An Intl lookup costs tens of µs: a sale asks for the local date of its
 * instant several times (issue 15's checkout ratio), a trigger for every row it projects, the calendar for every slot.
 */
const dayOffsets = new Map<string, number | null>();

/** The zone's offset from UTC (ms) at an instant. */
function offsetMs(instant: number, timeZone: string): number {
  const day = Math.floor(instant / DAY_MS);
  const key = `${timeZone}|${day}`;
  let offset = dayOffsets.get(key);
  if (offset === undefined) {
    const atStart = tzOffset(timeZone, new Date(day * DAY_MS));
    const atEnd = tzOffset(timeZone, new Date((day + 1) * DAY_MS - 1));
    offset = atStart === atEnd ? atStart * MINUTE_MS : null;
    if (dayOffsets.size >= MAX_REMEMBERED_DAYS) dayOffsets.clear();
    dayOffsets.set(key, offset);
  }
  return offset ?? tzOffset(timeZone, new Date(instant)) * MINUTE_MS;
}

/** An instant's wall clock in a zone, as a Date whose UTC fields read it (getUTCHours() is the local hour). */
function wallClock(instant: Instant, timeZone: string): Date {
  const at = epochMs(instant);
  return new Date(at + offsetMs(at, timeZone));
}

/** The clinic-local calendar date (YYYY-MM-DD) of an instant. */
export function localDate(instant: Instant, timeZone: string): string {
  return dateText(wallClock(instant, timeZone).getTime());
}

/** Minutes since local midnight on the wall clock (a repeated autumn hour gives the same minutes twice). */
export function wallMinutes(instant: Instant, timeZone: string): number {
  const wall = wallClock(instant, timeZone);
  return wall.getUTCHours() * 60 + wall.getUTCMinutes();
}

/**
 * The instant (epoch ms) of a wall-clock minute on a clinic-local date; minutes may run past midnight. A time
 * skipped by the spring change moves forward by the gap (02:30 → 03:30); a time that happens twice in autumn is
 * the first.
 */
export function localInstant(date: string, minutes: number, timeZone: string): number {
  // The wall time read as if it were UTC; the zone's offset is then all that is left to take away.
  const wall = utcMidnight(date) + minutes * MINUTE_MS;
  // Zone rules never change twice within two days, so the offsets a day either side are the only candidates.
  const before = offsetMs(wall - DAY_MS, timeZone);
  const after = offsetMs(wall + DAY_MS, timeZone);
  if (before === after) return wall - before;
  const early = wall - before;
  const late = wall - after;
  const earlyHappens = offsetMs(early, timeZone) === before;
  const lateHappens = offsetMs(late, timeZone) === after;
  if (earlyHappens && lateHappens) return Math.min(early, late);
  if (lateHappens) return late;
  // Neither happens: the time is in the spring gap, and the offset from before the change carries it past the gap.
  return early;
}

/** The UTC instant at which a clinic-local calendar day starts (days have 23 or 25 hours at DST changes). */
export function startOfLocalDay(date: string, timeZone: string): Date {
  return new Date(localInstant(date, 0, timeZone));
}

/** [start, end) of a clinic-local day as UTC instants. */
export function localDayRange(date: string, timeZone: string): { start: Date; end: Date } {
  return { start: startOfLocalDay(date, timeZone), end: startOfLocalDay(addCalendarDays(date, 1), timeZone) };
}

/* Calendar dates are worked on as the UTC midnight that starts them, where every day has 24 hours. */

/** A YYYY-MM-DD date's UTC midnight (ms), NaN when it is no real date. */
function utcMidnight(date: string): number {
  const at = Date.parse(date); // date-only ISO text is read as UTC
  // Date.parse rolls "2026-02-30" over into March: a real date reads back the same.
  return at === at && dateText(at) === date ? at : NaN;
}

/** The YYYY-MM-DD date of a UTC instant; throws RangeError for NaN, so an invalid date never passes silently. */
const dateText = (utcMs: number): string => isoOf(utcMs).slice(0, 10);

/** Adds whole calendar days to a YYYY-MM-DD date. */
export function addCalendarDays(date: string, days: number): string {
  return dateText(utcMidnight(date) + days * DAY_MS);
}

/**
 * Adds whole months to a YYYY-MM-DD date (31 January + 1 month = 28/29 February), on UTC fields: date-fns' addMonths
 * in a zone (a TZDate) asks Intl for offsets and cost ~40 µs a call, in every sale that credits points (issue 15's
 * checkout ratio). A test checks it against date-fns over random dates.
 */
export function addCalendarMonths(date: string, months: number): string {
  const moved = new Date(utcMidnight(date));
  const day = moved.getUTCDate();
  moved.setUTCDate(1);
  moved.setUTCMonth(moved.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(moved.getUTCFullYear(), moved.getUTCMonth() + 1, 0)).getUTCDate();
  moved.setUTCDate(Math.min(day, lastDay));
  return dateText(moved.getTime());
}

/** Whole calendar days from one date to another. */
export function calendarDaysBetween(from: string, to: string): number {
  return (utcMidnight(to) - utcMidnight(from)) / DAY_MS;
}

/** 1 = Monday … 7 = Sunday. */
export function weekdayOf(date: string): number {
  return new Date(utcMidnight(date)).getUTCDay() || 7;
}

/** Monday of the week holding `date` (weeks start on Monday, as the hours table does). */
export function weekStartOf(date: string): string {
  return addCalendarDays(date, 1 - weekdayOf(date));
}

/** Whole years between a date of birth and a calendar date. */
export function ageOn(dateOfBirth: string, onDate: string): number {
  const [by, bm, bd] = dateOfBirth.split('-').map(Number);
  const [y, m, d] = onDate.split('-').map(Number);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** "HH:MM" of minutes since midnight. */
export function hhmm(minutes: number): string {
  return `${padded(Math.floor(minutes / 60), 2)}:${padded(minutes % 60, 2)}`;
}

/** Minutes since midnight of "HH:MM". */
export function minutesOf(clock: string): number {
  const [hours, minutes] = clock.split(':').map(Number);
  return hours * 60 + minutes;
}
