import { addCalendarDays, localDate, localInstant, MINUTE_MS, wallMinutes, weekdayOf } from '../../src-shared/time';

/** Clinic-local wall-clock arithmetic: every calendar rule (hours, series, grids) is in local time, stored as instants. */

/**
 * One clinic-local date: its weekday, where it starts and ends, and the instants of its wall-clock minutes, for
 * every provider or column of that day (09:00–17:00 is eight hours even on a 23- or 25-hour day).
 */
export class LocalDay {
  readonly weekday: number;
  readonly start: number;
  readonly end: number;
  /** 24 hours long: no clock change today, so every wall-clock minute is that many minutes after midnight. */
  private readonly ordinary: boolean;

  constructor(
    readonly date: string,
    readonly timeZone: string,
  ) {
    this.weekday = weekdayOf(date);
    this.start = localInstant(date, 0, timeZone);
    this.end = localInstant(addCalendarDays(date, 1), 0, timeZone);
    this.ordinary = this.end - this.start === 24 * 60 * MINUTE_MS;
  }

  /** The instant of a wall-clock minute of this day (see localInstant). */
  instant(minuteOfDay: number): number {
    return this.ordinary ? this.start + minuteOfDay * MINUTE_MS : localInstant(this.date, minuteOfDay, this.timeZone);
  }
}

export interface LocalParts {
  date: string;
  /** Minutes since local midnight on the wall clock. */
  minute: number;
  /** 1 = Monday … 7 = Sunday. */
  weekday: number;
}

export function localParts(instant: number, timeZone: string): LocalParts {
  const date = localDate(instant, timeZone);
  return { date, minute: wallMinutes(instant, timeZone), weekday: weekdayOf(date) };
}

/** The local dates from `from` for `count` days. */
export function datesFrom(from: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => addCalendarDays(from, i));
}
