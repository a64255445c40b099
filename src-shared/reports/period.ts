import { addCalendarDays, addCalendarMonths, weekStartOf } from '../time';

/**
 * Named periods ("last month") resolved against a clinic-local date, so a scheduled report asks for "this week" and
 * gets the dates of the week it runs in. Everything is calendar arithmetic on YYYY-MM-DD: no instant, so a DST change
 * never moves a day. Weeks start on Monday.
 */
export const periodPresets = ['thisWeek', 'nextWeek', 'lastWeek', 'thisMonth', 'nextMonth', 'lastMonth', 'last30Days', 'next30Days', 'thisYear', 'lastYear', 'last12Months'] as const;
export type PeriodPreset = (typeof periodPresets)[number];

export const periodPresetLabels: Record<PeriodPreset, string> = {
  thisWeek: 'This week',
  nextWeek: 'Next week',
  lastWeek: 'Last week',
  thisMonth: 'This month',
  nextMonth: 'Next month',
  lastMonth: 'Last month',
  last30Days: 'Last 30 days',
  next30Days: 'Next 30 days',
  thisYear: 'This year',
  lastYear: 'Last year',
  last12Months: 'Last 12 months',
};

/** A period of clinic-local dates, both included. */
export interface Period {
  from: string;
  to: string;
}

const monthStartOf = (date: string): string => `${date.slice(0, 7)}-01`;
const month = (start: string): Period => ({ from: start, to: addCalendarDays(addCalendarMonths(start, 1), -1) });
const week = (monday: string): Period => ({ from: monday, to: addCalendarDays(monday, 6) });

/** The dates a preset names, seen from `today` (a clinic-local YYYY-MM-DD). */
export function resolvePeriod(preset: PeriodPreset, today: string): Period {
  const monday = weekStartOf(today);
  const year = Number(today.slice(0, 4));
  switch (preset) {
    case 'thisWeek':
      return week(monday);
    case 'nextWeek':
      return week(addCalendarDays(monday, 7));
    case 'lastWeek':
      return week(addCalendarDays(monday, -7));
    case 'thisMonth':
      return month(monthStartOf(today));
    case 'nextMonth':
      return month(addCalendarMonths(monthStartOf(today), 1));
    case 'lastMonth':
      return month(addCalendarMonths(monthStartOf(today), -1));
    case 'last30Days':
      return { from: addCalendarDays(today, -29), to: today };
    case 'next30Days':
      return { from: today, to: addCalendarDays(today, 29) };
    case 'thisYear':
      return { from: `${year}-01-01`, to: `${year}-12-31` };
    case 'lastYear':
      return { from: `${year - 1}-01-01`, to: `${year - 1}-12-31` };
    case 'last12Months':
      // The twelve whole months before this one: a year of complete months, not a partial one.
      return { from: addCalendarMonths(monthStartOf(today), -12), to: addCalendarDays(monthStartOf(today), -1) };
  }
}
