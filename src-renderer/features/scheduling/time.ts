import { TZDate } from '@date-fns/tz';
import { addCalendarDays, localDate } from '../../../src-shared/time';

/** Clinic-local wall-clock helpers: the calendar shows the clinic's time whatever zone this computer is in. */

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

export const MINUTE = 60_000;

export function ms(instant: string | number): number {
  return typeof instant === 'number' ? instant : Date.parse(instant);
}

/** "09:30" in the clinic's zone. */
export function clockLabel(instant: string | number, timeZone: string): string {
  return fmt(timeZone, 'time').format(ms(instant));
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
  return `${dayLabel(localDate(new Date(ms(instant)), timeZone))}, ${clockLabel(instant, timeZone)}`;
}

export function clinicToday(timeZone: string): string {
  return localDate(new Date(), timeZone);
}

/** Minutes since local midnight on the wall clock (a repeated autumn hour maps twice onto the same minutes). */
export function wallMinutes(instant: string | number, timeZone: string): number {
  const d = new TZDate(ms(instant), timeZone);
  return d.getHours() * 60 + d.getMinutes();
}

/** The instant of a clinic-local date and wall-clock minute. */
export function instantAtMinutes(date: string, minutes: number, timeZone: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return new TZDate(y, m - 1, d, Math.floor(minutes / 60), minutes % 60, 0, timeZone).getTime();
}

/** "HH:MM" → instant ISO on that clinic-local date. */
export function instantAt(date: string, hhmm: string, timeZone: string): string {
  const [h, mi] = hhmm.split(':').map(Number);
  return new Date(instantAtMinutes(date, h * 60 + mi, timeZone)).toISOString();
}

export function hhmm(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** Monday of the week holding `date` (weeks start on Monday, as the hours table does). */
export function weekStartOf(date: string): string {
  const weekday = (new Date(`${date}T12:00:00Z`).getUTCDay() + 6) % 7;
  return addCalendarDays(date, -weekday);
}

export { addCalendarDays, localDate };
