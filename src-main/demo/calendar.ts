import { TZDate } from '@date-fns/tz';
import { minutesOf } from '../../src-shared/time';
import { OPENING_HOURS } from './clinic';

export const DEMO_TIME_ZONE = 'America/New_York';
export const DAY_MS = 86_400_000;
/** The calendar grid: 5-minute units of a local day. */
export const UNIT_MINUTES = 5;
export const UNITS_PER_DAY = (24 * 60) / UNIT_MINUTES;

export interface LocalDay {
  index: number;
  date: string;
  /** 1 = Monday … 7 = Sunday */
  weekday: number;
  /** The instant of local 00:00 at the day's midday UTC offset: DST switches at 2 am, before any booking. */
  baseMs: number;
  holiday: string | null;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Opening hours per weekday in grid units, [opens, closes); null when closed. */
export const openingUnits: readonly ([number, number] | null)[] = Array.from({ length: 8 }, (_, weekday) => {
  const row = OPENING_HOURS.find(([w]) => w === weekday);
  return row ? [minutesOf(row[1]) / UNIT_MINUTES, minutesOf(row[2]) / UNIT_MINUTES] : null;
});

/** The US holidays the clinic closes for. */
function holidayOf(m: number, d: number, weekday: number): string | null {
  const nth = Math.ceil(d / 7);
  if (m === 1 && d === 1) return 'New Year’s Day';
  if (m === 7 && d === 4) return 'Independence Day';
  if (m === 12 && d === 25) return 'Christmas Day';
  if (m === 5 && weekday === 1 && d + 7 > 31) return 'Memorial Day';
  if (m === 9 && weekday === 1 && nth === 1) return 'Labor Day';
  if (m === 11 && weekday === 4 && nth === 4) return 'Thanksgiving';
  return null;
}

/** Every local day from the day the clinic opened, `extraDays` past now. */
export function localDays(historyStart: Date, now: Date, extraDays: number): LocalDay[] {
  const first = new TZDate(historyStart.getTime(), DEMO_TIME_ZONE);
  let utcDay = Date.UTC(first.getFullYear(), first.getMonth(), first.getDate());
  const end = now.getTime() + extraDays * DAY_MS;
  const days: LocalDay[] = [];
  for (let index = 0; utcDay <= end; index++, utcDay += DAY_MS) {
    const civil = new Date(utcDay);
    const [y, m, d] = [civil.getUTCFullYear(), civil.getUTCMonth() + 1, civil.getUTCDate()];
    const weekday = civil.getUTCDay() || 7;
    const noon = new TZDate(y, m - 1, d, 12, 0, 0, DEMO_TIME_ZONE).getTime();
    days.push({ index, date: `${y}-${pad(m)}-${pad(d)}`, weekday, baseMs: noon - 12 * 3_600_000, holiday: holidayOf(m, d, weekday) });
  }
  return days;
}

/** The day index of an instant (days before the first are clamped to it). */
export function dayIndexOf(days: readonly LocalDay[], ms: number): number {
  const guess = Math.floor((ms - days[0].baseMs) / DAY_MS);
  let i = Math.max(0, Math.min(days.length - 1, guess));
  while (i > 0 && days[i].baseMs > ms) i--;
  while (i + 1 < days.length && days[i + 1].baseMs <= ms) i++;
  return i;
}

export const instantOf = (day: LocalDay, unit: number): number => day.baseMs + unit * UNIT_MINUTES * 60_000;
