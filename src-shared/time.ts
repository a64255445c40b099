import { TZDate } from '@date-fns/tz';
import { addDays, format } from 'date-fns';

/** True when the runtime knows this IANA time zone. */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone.includes('/') || zone === 'UTC';
  } catch {
    return false;
  }
}

/** The clinic-local calendar date (YYYY-MM-DD) of an instant. */
export function localDate(instant: Date | string, timeZone: string): string {
  return format(new TZDate(new Date(instant).getTime(), timeZone), 'yyyy-MM-dd');
}

/** The UTC instant at which a clinic-local calendar day starts (handles 23- and 25-hour days). */
export function startOfLocalDay(date: string, timeZone: string): Date {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(new TZDate(y, m - 1, d, 0, 0, 0, timeZone).getTime());
}

/** [start, end) of a clinic-local day as UTC instants. */
export function localDayRange(date: string, timeZone: string): { start: Date; end: Date } {
  const next = format(addDays(new Date(`${date}T12:00:00Z`), 1), 'yyyy-MM-dd');
  return { start: startOfLocalDay(date, timeZone), end: startOfLocalDay(next, timeZone) };
}

/** Adds whole calendar days to a YYYY-MM-DD date (no time zone involved). */
export function addCalendarDays(date: string, days: number): string {
  return format(addDays(new Date(`${date}T12:00:00Z`), days), 'yyyy-MM-dd');
}

/** Whole years between a date of birth and a calendar date. */
export function ageOn(dateOfBirth: string, onDate: string): number {
  const [by, bm, bd] = dateOfBirth.split('-').map(Number);
  const [y, m, d] = onDate.split('-').map(Number);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}
