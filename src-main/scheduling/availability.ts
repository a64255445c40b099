import { addCalendarDays, epochDayOf, instantText, msIntoUtcDay } from '../../src-shared/time';
import { cached, type Sqlite } from '../core/db';
import { instantOnDay, localInstant, minuteOf, ms, weekdayOfEpochDay } from './local';
import { BLOCKS_SQL, blockScan, EXCEPTIONS_SQL, LONGEST_SEGMENT_MS } from './queries';

/** Half-open [start, end) in epoch milliseconds. Lists are sorted and disjoint unless said otherwise. */
export interface Interval {
  start: number;
  end: number;
}

/** `from` (sorted, disjoint) minus every interval of `cut` (which may be unsorted and overlapping), in one sweep. */
export function subtract(from: Interval[], cut: Interval[]): Interval[] {
  if (!cut.length) return from;
  const cuts = isSorted(cut) ? cut : [...cut].sort((a, b) => a.start - b.start);
  const result: Interval[] = [];
  let c = 0;
  for (const r of from) {
    let start = r.start;
    // Cuts ending before this interval cannot touch it or any later one.
    while (c < cuts.length && cuts[c].end <= start) c++;
    for (let i = c; i < cuts.length && cuts[i].start < r.end; i++) {
      if (cuts[i].end <= start) continue;
      if (cuts[i].start > start) result.push({ start, end: cuts[i].start });
      start = Math.max(start, cuts[i].end);
      if (start >= r.end) break;
    }
    if (start < r.end) result.push(start === r.start ? r : { start, end: r.end });
  }
  return result;
}

function isSorted(list: Interval[]): boolean {
  for (let i = 1; i < list.length; i++) if (list[i].start < list[i - 1].start) return false;
  return true;
}

export function inside(list: Interval[], start: number, end: number): boolean {
  return list.some((r) => r.start <= start && end <= r.end);
}

export function overlapsAny(list: Interval[], start: number, end: number): boolean {
  return list.some((r) => r.start < end && r.end > start);
}

const DAY_MS = 86_400_000;

/**
 * Busy time of one resource over a search window: its visits in start order (as the busy scan returns them) plus
 * its blocks. Visits are parsed one UTC day at a time, when the search first looks at that day: a search usually
 * ends on its first day or two, so most of the window is never parsed.
 */
export class BusyTime {
  private readonly byDay = new Map<number, Interval[]>();
  private readonly blocked: Interval[] = [];

  constructor(private readonly visits: readonly { startsAt: string; endsAt: string }[] = []) {}

  addBlock(interval: Interval): void {
    this.blocked.push(interval);
    this.byDay.clear();
  }

  /** `free` (sorted, disjoint, inside [start, end)) minus this busy time. */
  cutFrom(free: Interval[], start: number, end: number): Interval[] {
    for (let day = Math.floor(start / DAY_MS); day <= Math.floor((end - 1) / DAY_MS) && free.length; day++) free = subtract(free, this.onDay(day));
    return free;
  }

  overlaps(start: number, end: number): boolean {
    for (let day = Math.floor(start / DAY_MS); day <= Math.floor((end - 1) / DAY_MS); day++) if (overlapsAny(this.onDay(day), start, end)) return true;
    return false;
  }

  private onDay(day: number): Interval[] {
    let list = this.byDay.get(day);
    if (list) return list;
    list = [];
    const dayStart = day * DAY_MS;
    const dayEnd = dayStart + DAY_MS;
    const visits = this.visits;
    const since = instantText(dayStart);
    const until = instantText(dayEnd);
    // Visits starting up to 12 h before the day may reach into it; from `onDay` on they start on this day, so their
    // start is read as a time of day alone. ISO text compares in time order.
    const onDay = firstStartingFrom(visits, since);
    for (let i = firstStartingFrom(visits, instantText(dayStart - LONGEST_SEGMENT_MS)); i < onDay; i++) {
      const { startsAt, endsAt } = visits[i];
      if (endsAt > since) list.push({ start: ms(startsAt), end: endsAt < until ? timeOnDay(endsAt, dayStart) : ms(endsAt) });
    }
    for (let i = onDay; i < visits.length && visits[i].startsAt < until; i++) {
      const { startsAt, endsAt } = visits[i];
      list.push({ start: timeOnDay(startsAt, dayStart), end: endsAt < until ? timeOnDay(endsAt, dayStart) : ms(endsAt) });
    }
    for (const b of this.blocked) if (b.start < dayEnd && b.end > dayStart) list.push(b);
    this.byDay.set(day, list);
    return list;
  }
}

/** Epoch ms of instant text known to be on the UTC day starting at `dayStart`: only its time of day is read. */
function timeOnDay(text: string, dayStart: number): number {
  const into = msIntoUtcDay(text);
  return into === into ? dayStart + into : ms(text);
}

/** Index of the first visit starting at or after `from` (ISO text compares in time order). */
function firstStartingFrom(visits: readonly { startsAt: string }[], from: string): number {
  let lo = 0;
  let hi = visits.length;
  while (lo < hi) {
    const middle = (lo + hi) >>> 1;
    if (visits[middle].startsAt < from) lo = middle + 1;
    else hi = middle;
  }
  return lo;
}

export interface HoursRow {
  staffId: number;
  weekday: number;
  startsAt: string;
  endsAt: string;
  kind: 'work' | 'rest';
}
export interface ExceptionRow {
  id: number;
  staffId: number;
  date: string;
  kind: 'off' | 'hours';
  startsAt: string | null;
  endsAt: string | null;
  reason: string;
}
export interface BlockRow {
  id: number;
  staffId: number | null;
  roomId: number | null;
  deviceId: number | null;
  startsAt: string;
  endsAt: string;
  kind: 'rest' | 'meeting' | 'blocked' | 'closure' | 'maintenance';
  reason: string;
}

/** Minutes of the local day, [start, end). */
export interface MinuteRange {
  start: number;
  end: number;
}
/**
 * A provider's week, indexed by weekday (1 = Monday … 7 = Sunday): work ranges by start, and what is bookable of
 * them (work minus rest, on the wall clock, so it converts to instants like the ranges it came from).
 */
export type WeekHours = { work: MinuteRange[]; bookable: MinuteRange[] }[];

/** Weekly hours of every provider (a clinic has tens of rows per provider), as minutes per weekday. */
export function loadHours(sqlite: Sqlite): Map<number, WeekHours> {
  const ranges = new Map<number, { work: MinuteRange[]; rest: MinuteRange[] }[]>();
  for (const row of cached(sqlite, 'SELECT staffId, weekday, startsAt, endsAt, kind FROM staffHours ORDER BY staffId, weekday, startsAt').all() as HoursRow[]) {
    let week = ranges.get(row.staffId);
    if (!week) ranges.set(row.staffId, (week = Array.from({ length: 8 }, () => ({ work: [], rest: [] }))));
    week[row.weekday][row.kind].push({ start: minuteOf(row.startsAt), end: minuteOf(row.endsAt) });
  }
  return new Map([...ranges].map(([staffId, week]) => [staffId, week.map(({ work, rest }) => ({ work, bookable: subtract(work, rest) }))]));
}

/** Exceptions in [from, to] (local dates), keyed "staffId|date". */
export function loadExceptions(sqlite: Sqlite, from: string, to: string): Map<string, ExceptionRow> {
  const rows = cached(sqlite, EXCEPTIONS_SQL).all(from, to) as ExceptionRow[];
  return new Map(rows.map((r) => [`${r.staffId}|${r.date}`, r]));
}

/** Blocks and closures overlapping [start, end). */
export function loadBlocks(sqlite: Sqlite, start: number, end: number): BlockRow[] {
  return cached(sqlite, BLOCKS_SQL).all(blockScan(start, end)) as BlockRow[];
}

export const isClosure = (b: BlockRow): boolean => b.staffId === null && b.roomId === null && b.deviceId === null;
export const toInterval = (row: { startsAt: string; endsAt: string }): Interval => ({ start: ms(row.startsAt), end: ms(row.endsAt) });

function clockIntervals(epochDay: number, ranges: MinuteRange[], timeZone: string): Interval[] {
  const intervals: Interval[] = [];
  for (const r of ranges) {
    const interval = { start: instantOnDay(epochDay, r.start, timeZone), end: instantOnDay(epochDay, r.end, timeZone) };
    if (interval.start < interval.end) intervals.push(interval);
  }
  return intervals;
}

/**
 * A provider's working time on one local date, as instants: the weekday's work intervals minus its rest
 * intervals; an exception replaces the day ('off': nothing, 'hours': its own interval). Computed on the wall
 * clock and converted with the clinic zone, so 09:00–17:00 is 8 hours even on a 23- or 25-hour day.
 */
export function workIntervals(week: WeekHours | undefined, exception: ExceptionRow | undefined, date: string, timeZone: string): Interval[] {
  const epochDay = epochDayOf(date);
  if (exception) {
    if (exception.kind === 'off' || !exception.startsAt || !exception.endsAt) return [];
    return clockIntervals(epochDay, [{ start: minuteOf(exception.startsAt), end: minuteOf(exception.endsAt) }], timeZone);
  }
  const today = week?.[weekdayOfEpochDay(epochDay)];
  return today ? clockIntervals(epochDay, today.bookable, timeZone) : [];
}

/** Bookable time of a provider: their working time that day (Refs.workOn) minus their blocks and clinic closures. */
export function staffAvailable(staffId: number, work: Interval[], blocks: BlockRow[]): Interval[] {
  return subtract(work, blocks.filter((b) => b.staffId === staffId || isClosure(b)).map(toInterval));
}

/**
 * Bookable time of a room on a date: the clinic's opening hours (the whole day when none are set) minus the
 * room's blocks and closures.
 */
export function roomAvailable(roomId: number, date: string, timeZone: string, opening: { weekday: number; opensAt: string; closesAt: string }[], blocks: BlockRow[]): Interval[] {
  const epochDay = epochDayOf(date);
  const weekday = weekdayOfEpochDay(epochDay);
  const open = opening.length
    ? clockIntervals(epochDay, opening.filter((o) => o.weekday === weekday).map((o) => ({ start: minuteOf(o.opensAt), end: minuteOf(o.closesAt) })), timeZone).sort((a, b) => a.start - b.start)
    : [{ start: localInstant(date, 0, timeZone), end: localInstant(addCalendarDays(date, 1), 0, timeZone) }];
  return subtract(open, blocks.filter((b) => b.roomId === roomId || isClosure(b)).map(toInterval));
}

export function loadOpeningHours(sqlite: Sqlite): { weekday: number; opensAt: string; closesAt: string }[] {
  return cached(sqlite, 'SELECT weekday, opensAt, closesAt FROM openingHours ORDER BY weekday, opensAt').all() as { weekday: number; opensAt: string; closesAt: string }[];
}

/** The local dates an instant range touches (for exceptions). */
export function datesSpanned(first: string, last: string): string[] {
  const dates = [first];
  while (dates[dates.length - 1] < last) dates.push(addCalendarDays(dates[dates.length - 1], 1));
  return dates;
}
