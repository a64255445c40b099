import { addCalendarDays, localDate, localInstant, minutesOf, weekdayOf } from '../../../src-shared/time';

/** When a schedule falls due: a clinic-local weekday (1 = Monday) and wall-clock time "HH:MM". */
export interface WeeklyTime {
  weekday: number;
  time: string;
}

/**
 * The latest occurrence at or before `asOf` (epoch ms). Occurrences are wall-clock times on clinic-local dates, so
 * Monday 07:00 stays 07:00 across a DST change (the instant moves by the hour instead); a time skipped by the spring
 * change happens at the first minute after the gap (src-shared/time's rule).
 */
export function latestDue(when: WeeklyTime, asOf: number, timeZone: string): number {
  const today = localDate(asOf, timeZone);
  const date = addCalendarDays(today, -((weekdayOf(today) - when.weekday + 7) % 7));
  const instant = localInstant(date, minutesOf(when.time), timeZone);
  return instant <= asOf ? instant : localInstant(addCalendarDays(date, -7), minutesOf(when.time), timeZone);
}

/** The first occurrence after `after` (epoch ms). */
export function nextDue(when: WeeklyTime, after: number, timeZone: string): number {
  const latest = latestDue(when, after, timeZone);
  return localInstant(addCalendarDays(localDate(latest, timeZone), 7), minutesOf(when.time), timeZone);
}
