import { addCalendarDays, calendarDaysBetween, startOfLocalDay } from '../../../src-shared/time';

/** A clinic-local period (both days included) as UTC instants: @start inclusive, @end exclusive. */
export function utcRange(from: string, to: string, zone: string): { start: string; end: string } {
  return { start: startOfLocalDay(from, zone).toISOString(), end: startOfLocalDay(addCalendarDays(to, 1), zone).toISOString() };
}

/** Each clinic-local day of a period with its UTC range, as the JSON a query reads day by day (@days). */
export function localDays(from: string, to: string, zone: string): string {
  const days: { date: string; start: string; end: string }[] = [];
  for (let date = from; date <= to; date = addCalendarDays(date, 1)) days.push({ date, ...utcRange(date, date, zone) });
  return JSON.stringify(days);
}

/** The days of a period, both included. */
export const daysOf = (from: string, to: string): number => calendarDaysBetween(from, to) + 1;

const daysInMonth = (month: string): number => {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
};

/**
 * The sales target of a period: each month it touches gives its own target pro rata by the period's days in it
 * (rounded to the cent per month), or, without one, the weekly target × those days ÷ 7.
 */
export function periodTarget(from: string, to: string, weeklyCents: number, monthly: Map<string, number>): { targetCents: number; monthsWithTarget: string[] } {
  let targetCents = 0;
  const monthsWithTarget: string[] = [];
  let day = from;
  while (day <= to) {
    const month = day.slice(0, 7);
    const monthEnd = `${month}-${String(daysInMonth(month)).padStart(2, '0')}`;
    const last = monthEnd < to ? monthEnd : to;
    const days = daysOf(day, last);
    const monthTarget = monthly.get(month);
    if (monthTarget === undefined) targetCents += Math.round((weeklyCents * days) / 7);
    else {
      targetCents += Math.round((monthTarget * days) / daysInMonth(month));
      monthsWithTarget.push(month);
    }
    day = addCalendarDays(last, 1);
  }
  return { targetCents, monthsWithTarget };
}
