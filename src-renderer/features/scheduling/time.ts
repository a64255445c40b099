import { localDate } from '../../../src-shared/time';

/** Labels of clinic-local time: the calendar shows the clinic's time whatever zone this computer is in. */

const timeFormats = new Map<string, Intl.DateTimeFormat>();
function fmt(timeZone: string, kind: 'time' | 'weekday' | 'day'): Intl.DateTimeFormat {
  const key = `${timeZone}|${kind}`;
  let f = timeFormats.get(key);
  if (!f) {
    const options: Intl.DateTimeFormatOptions =
      kind === 'time' ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } : kind === 'weekday' ? { weekday: 'short', day: 'numeric', month: 'short' } : { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' };
    f = new Intl.DateTimeFormat(undefined, { ...options, timeZone });
    timeFormats.set(key, f);
  }
  return f;
}

/** "09:30" in the clinic's zone. */
export function clockLabel(instant: string | number, timeZone: string): string {
  return fmt(timeZone, 'time').format(new Date(instant));
}

export function rangeLabel(startsAt: string | number, endsAt: string | number, timeZone: string): string {
  return `${clockLabel(startsAt, timeZone)}–${clockLabel(endsAt, timeZone)}`;
}

/** A calendar date as "Mon 3 Mar" or "Monday, 3 March 2026" (no zone shift: noon UTC). */
export function dayLabel(date: string, long = false): string {
  return fmt('UTC', long ? 'day' : 'weekday').format(Date.parse(`${date}T12:00:00Z`));
}

/** "Mon 3 Mar, 09:30" for an instant. */
export function whenLabel(instant: string | number, timeZone: string): string {
  return `${dayLabel(localDate(instant, timeZone))}, ${clockLabel(instant, timeZone)}`;
}

export function clinicToday(timeZone: string): string {
  return localDate(new Date(), timeZone);
}
