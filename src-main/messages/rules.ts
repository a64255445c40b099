import { addCalendarDays, localDate, localDayRange, localInstant, wallMinutes } from '../../src-shared/time';

export interface SendingRules {
  timeZone: string;
  smsQuietFromMinute: number;
  smsQuietUntilMinute: number;
  dailyMessageCap: number;
}

/**
 * When the SMS quiet hours that `now` falls in end (clinic-local wall clock), or null outside them. The range may
 * cross midnight (20:00–08:00); equal ends mean no quiet hours. On a DST day the end is that day's 08:00, whatever
 * the day's length.
 */
export function quietHoursEnd(now: Date, rules: SendingRules): Date | null {
  const { smsQuietFromMinute: from, smsQuietUntilMinute: until, timeZone } = rules;
  if (from === until) return null;
  const iso = now.toISOString();
  const minute = wallMinutes(iso, timeZone);
  const crossesMidnight = from > until;
  const quiet = crossesMidnight ? minute >= from || minute < until : minute >= from && minute < until;
  if (!quiet) return null;
  const today = localDate(iso, timeZone);
  return new Date(localInstant(crossesMidnight && minute >= from ? addCalendarDays(today, 1) : today, until, timeZone));
}

/** The clinic-local day `now` falls in, for the daily cap, and when the next one starts. */
export function capDay(now: Date, timeZone: string): { start: Date; end: Date } {
  return localDayRange(localDate(now.toISOString(), timeZone), timeZone);
}
