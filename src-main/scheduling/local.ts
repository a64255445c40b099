import { addCalendarDays, instantToWallClock, wallClockToInstant } from '../../src-shared/time';
import { addMonths, format } from 'date-fns';

/** Clinic-local wall-clock arithmetic: every calendar rule (hours, series, grids) is in local time, stored as instants. */

export const MINUTE = 60_000;

/** The instant of a local date and wall-clock minute of the day ("10:00" on a 23- or 25-hour day stays 10:00). */
export function localInstant(date: string, minuteOfDay: number, timeZone: string): number {
  return wallClockToInstant(Date.parse(`${date}T00:00:00Z`) + minuteOfDay * MINUTE, timeZone);
}

export interface LocalParts {
  date: string;
  /** Minutes since local midnight on the wall clock. */
  minute: number;
  /** 1 = Monday … 7 = Sunday. */
  weekday: number;
}

export function localParts(instant: number, timeZone: string): LocalParts {
  const wall = instantToWallClock(instant, timeZone);
  return { date: wall.toISOString().slice(0, 10), minute: wall.getUTCHours() * 60 + wall.getUTCMinutes(), weekday: wall.getUTCDay() || 7 };
}

export function weekdayOf(date: string): number {
  return new Date(`${date}T12:00:00Z`).getUTCDay() || 7;
}

export function minuteOf(clock: string): number {
  const [h, m] = clock.split(':').map(Number);
  return h * 60 + m;
}

export function clockOf(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}

/** Whole calendar days from one date to another. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T12:00:00Z`) - Date.parse(`${from}T12:00:00Z`)) / 86_400_000);
}

/** The local dates from `from` for `count` days. */
export function datesFrom(from: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => addCalendarDays(from, i));
}

export const iso = (ms: number): string => new Date(ms).toISOString();
export const ms = (instant: string): number => Date.parse(instant);

/** A local date plus whole months (31 January + 1 month = 28/29 February). */
export function addMonthsToDate(date: string, months: number): string {
  return format(addMonths(new Date(`${date}T12:00:00Z`), months), 'yyyy-MM-dd');
}
