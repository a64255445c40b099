import type { Offset } from '../../src-shared/contract/tasks';
import { addCalendarDays, addCalendarMonths, calendarDaysBetween, startOfLocalDay } from '../../src-shared/time';

/**
 * One clinic-local day a task may fall due on, and the events that make it due then: those whose instant lies in
 * [fromAt, toAt). Worked out here, in the clinic's zone, so the SQL only compares instants (a range scan on an index)
 * and every day boundary is right across DST changes.
 */
export interface DueDay {
  dueOn: string;
  /** End of the due day: when a task of the day becomes overdue. */
  dueAt: string;
  fromAt: string;
  toAt: string;
}

const HOUR_MS = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();

/** Every date from `from` to `to`, both included. */
export function datesBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (let date = from; date <= to; date = addCalendarDays(date, 1)) days.push(date);
  return days;
}

/** The due day of an event on local date `date`, `offset` later (days or months; hours are instants). */
export function shiftDate(date: string, offset: Offset, sign: 1 | -1 = 1): string {
  return offset.unit === 'months' ? addCalendarMonths(date, sign * offset.amount) : addCalendarDays(date, sign * offset.amount);
}

/**
 * The due days from `from` to `to` for events `offset` after them. Hours: the event instant plus the hours falls
 * on the day. Days and months: the event's local date shifted falls on it (31 January + 1 month is 28 February,
 * so several event days may share one due day).
 */
export function dueDays(from: string, to: string, offset: Offset, timeZone: string): DueDay[] {
  const start = (date: string) => startOfLocalDay(date, timeZone).getTime();
  const days: DueDay[] = [];
  for (const dueOn of datesBetween(from, to)) {
    const dueAt = iso(start(addCalendarDays(dueOn, 1)));
    if (offset.unit === 'hours') {
      const shift = offset.amount * HOUR_MS;
      days.push({ dueOn, dueAt, fromAt: iso(start(dueOn) - shift), toAt: iso(start(addCalendarDays(dueOn, 1)) - shift) });
      continue;
    }
    // Event days whose shifted date is this due day: near the plain inverse (months may clamp up to 3 days).
    const guess = shiftDate(dueOn, offset, -1);
    const slack = offset.unit === 'months' ? 3 : 0;
    for (const eventDay of datesBetween(addCalendarDays(guess, -slack), addCalendarDays(guess, slack))) {
      if (shiftDate(eventDay, offset) !== dueOn) continue;
      days.push({ dueOn, dueAt, fromAt: iso(start(eventDay)), toAt: iso(start(addCalendarDays(eventDay, 1))) });
    }
  }
  return days;
}

/** The days a run on `asOf` may still create tasks for: back `catchUpDays`, never before the rule was switched on. */
export function creationWindow(asOf: string, catchUpDays: number, activeSince: string): { from: string; to: string } | null {
  const earliest = addCalendarDays(asOf, -catchUpDays);
  const from = activeSince > earliest ? activeSince : earliest;
  return calendarDaysBetween(from, asOf) < 0 ? null : { from, to: asOf };
}

/** Month and day of the birthdays on `date`: 29 February birthdays are kept on 28 February in other years. */
export function birthdayKeys(date: string): string[] {
  const monthDay = date.slice(5);
  const year = Number(date.slice(0, 4));
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return monthDay === '02-28' && !leap ? ['02-28', '02-29'] : [monthDay];
}
