import { addCalendarDays, dateOfEpochDay, epochDayOf, instantMs, instantText, wallClockToInstant, zoneOffsetMs } from '../../src-shared/time';
import { addMonths, format } from 'date-fns';

/** Clinic-local wall-clock arithmetic: every calendar rule (hours, series, grids) is in local time, stored as instants. */

export const MINUTE = 60_000;
const DAY_MS = 86_400_000;

/** The instant of a local date and wall-clock minute of the day ("10:00" on a 23- or 25-hour day stays 10:00). */
export function localInstant(date: string, minuteOfDay: number, timeZone: string): number {
  return instantOnDay(epochDayOf(date), minuteOfDay, timeZone);
}

/** localInstant for a date given as days since 1970-01-01. */
export function instantOnDay(epochDay: number, minuteOfDay: number, timeZone: string): number {
  return wallClockToInstant(epochDay * DAY_MS + minuteOfDay * MINUTE, timeZone);
}

/**
 * One clinic-local date: its weekday and the instants of its wall-clock minutes. Worked out once per date and
 * shared by every provider or column of that day: on a day with one UTC offset throughout (all but two a year)
 * a minute's instant is plain arithmetic from midnight.
 */
export class LocalDay {
  readonly epochDay: number;
  readonly weekday: number;
  readonly start: number;
  readonly end: number;
  private readonly steady: boolean;

  constructor(
    readonly date: string,
    readonly timeZone: string,
  ) {
    this.epochDay = epochDayOf(date);
    this.weekday = weekdayOfEpochDay(this.epochDay);
    this.start = instantOnDay(this.epochDay, 0, timeZone);
    this.end = instantOnDay(this.epochDay + 1, 0, timeZone);
    // Zone offsets never change twice within a day (see zoneOffsetMs), so equal offsets at both midnights mean none.
    this.steady = zoneOffsetMs(this.start, timeZone) === zoneOffsetMs(this.end, timeZone);
  }

  /** The instant of a wall-clock minute of this day (localInstant). */
  instant(minuteOfDay: number): number {
    return this.steady ? this.start + minuteOfDay * MINUTE : instantOnDay(this.epochDay, minuteOfDay, this.timeZone);
  }
}

/** 1970-01-01 was a Thursday (4). */
export const weekdayOfEpochDay = (day: number): number => ((((day + 3) % 7) + 7) % 7) + 1;

export interface LocalParts {
  date: string;
  /** Minutes since local midnight on the wall clock. */
  minute: number;
  /** 1 = Monday … 7 = Sunday. */
  weekday: number;
}

export function localParts(instant: number, timeZone: string): LocalParts {
  const wall = instant + zoneOffsetMs(instant, timeZone);
  const day = Math.floor(wall / DAY_MS);
  return { date: dateOfEpochDay(day), minute: Math.floor((wall - day * DAY_MS) / MINUTE), weekday: weekdayOfEpochDay(day) };
}

export function weekdayOf(date: string): number {
  return weekdayOfEpochDay(epochDayOf(date));
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
  return epochDayOf(to) - epochDayOf(from);
}

/** The local dates from `from` for `count` days. */
export function datesFrom(from: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => addCalendarDays(from, i));
}

export const iso = instantText;
export const ms = instantMs;

/** A local date plus whole months (31 January + 1 month = 28/29 February). */
export function addMonthsToDate(date: string, months: number): string {
  return format(addMonths(new Date(`${date}T12:00:00Z`), months), 'yyyy-MM-dd');
}
