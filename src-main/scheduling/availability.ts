import { addCalendarDays, minutesOf } from '../../src-shared/time';
import { cached, type Sqlite } from '../core/db';
import type { LocalDay } from './local';
import { BLOCKS_SQL, blockScan, EXCEPTIONS_SQL, LONGEST_SEGMENT_MS } from './queries';

/** Half-open [start, end) in epoch milliseconds. Lists are sorted and disjoint unless said otherwise. */
export interface Interval {
  start: number;
  end: number;
}

/** `from` (sorted, disjoint) minus every interval of `cut` (which may be unsorted and overlapping), in one sweep. */
export function subtract(from: Interval[], cut: Interval[]): Interval[] {
  return cut.length ? Spans.of(cut).cutFrom(from) : from;
}

/** Intervals sorted by start (they may overlap) as two parallel arrays of numbers: cheap to sweep again and again. */
export class Spans {
  static readonly none = new Spans([], []);

  static of(list: readonly Interval[]): Spans {
    const sorted = [...list].sort((a, b) => a.start - b.start);
    return new Spans(
      sorted.map((r) => r.start),
      sorted.map((r) => r.end),
    );
  }

  constructor(
    readonly starts: number[],
    readonly ends: number[],
  ) {}

  /** `free` (sorted, disjoint) minus spans [first, last). */
  cutFrom(free: Interval[], first = 0, last = this.starts.length): Interval[] {
    if (first >= last) return free;
    const { starts, ends } = this;
    const result: Interval[] = [];
    let c = first;
    for (const r of free) {
      let start = r.start;
      // Spans ending before this interval cannot touch it or any later one.
      while (c < last && ends[c] <= start) c++;
      for (let i = c; i < last && starts[i] < r.end; i++) {
        if (ends[i] <= start) continue;
        if (starts[i] > start) result.push({ start, end: starts[i] });
        start = Math.max(start, ends[i]);
        if (start >= r.end) break;
      }
      if (start < r.end) result.push(start === r.start ? r : { start, end: r.end });
    }
    return result;
  }

  /** Whether any of spans [first, last) overlaps [start, end). */
  overlaps(start: number, end: number, first = 0, last = this.starts.length): boolean {
    for (let i = first; i < last && this.starts[i] < end; i++) if (this.ends[i] > start) return true;
    return false;
  }
}

export function inside(list: Interval[], start: number, end: number): boolean {
  return list.some((r) => r.start <= start && end <= r.end);
}

/**
 * Busy time of one resource over a search window: its visits in start order (as the busy scan returns them) plus
 * its blocks. A search asks about later and later times, so visits are turned into numbers only as far as it has
 * looked, each once; the days after the one where it finds its slots are never read.
 */
export class BusyTime {
  /** The visits read so far. */
  private readonly times = new Spans([], []);

  constructor(
    private readonly visits: readonly { startsAt: string; endsAt: string }[],
    private readonly blocked: Spans,
  ) {}

  /** `free` (sorted, disjoint) minus this busy time. */
  cutFrom(free: Interval[]): Interval[] {
    if (!free.length) return free;
    return this.blocked.cutFrom(this.times.cutFrom(free, this.firstReaching(free[0].start, free[free.length - 1].end)));
  }

  overlaps(start: number, end: number): boolean {
    return this.times.overlaps(start, end, this.firstReaching(start, end)) || this.blocked.overlaps(start, end);
  }

  /** Reads visits up to `end`; then the first that may reach `start` (none is longer than LONGEST_SEGMENT_MS). */
  private firstReaching(start: number, end: number): number {
    const { visits } = this;
    const { starts, ends } = this.times;
    let read = starts.length;
    while (read < visits.length && (read === 0 || starts[read - 1] < end)) {
      starts.push(Date.parse(visits[read].startsAt));
      ends.push(Date.parse(visits[read].endsAt));
      read++;
    }
    const from = start - LONGEST_SEGMENT_MS;
    let lo = 0;
    let hi = read;
    while (lo < hi) {
      const middle = (lo + hi) >>> 1;
      if (starts[middle] < from) lo = middle + 1;
      else hi = middle;
    }
    return lo;
  }
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
    week[row.weekday][row.kind].push({ start: minutesOf(row.startsAt), end: minutesOf(row.endsAt) });
  }
  return new Map([...ranges].map(([staffId, week]) => [staffId, week.map(({ work, rest }) => ({ work, bookable: subtract(work, rest) }))]));
}

/** Exceptions in [from, to] (local dates), by date and then provider. */
export function loadExceptions(sqlite: Sqlite, from: string, to: string): Map<string, Map<number, ExceptionRow>> {
  const byDate = new Map<string, Map<number, ExceptionRow>>();
  for (const row of cached(sqlite, EXCEPTIONS_SQL).all(from, to) as ExceptionRow[]) {
    let ofDate = byDate.get(row.date);
    if (!ofDate) byDate.set(row.date, (ofDate = new Map()));
    ofDate.set(row.staffId, row);
  }
  return byDate;
}

/** Blocks and closures overlapping [start, end). */
export function loadBlocks(sqlite: Sqlite, start: number, end: number): BlockRow[] {
  return cached(sqlite, BLOCKS_SQL).all(blockScan(start, end)) as BlockRow[];
}

export const isClosure = (b: BlockRow): boolean => b.staffId === null && b.roomId === null && b.deviceId === null;
export const toInterval = (row: { startsAt: string; endsAt: string }): Interval => ({ start: Date.parse(row.startsAt), end: Date.parse(row.endsAt) });

function clockIntervals(day: LocalDay, ranges: MinuteRange[]): Interval[] {
  const intervals: Interval[] = [];
  for (const r of ranges) {
    const interval = { start: day.instant(r.start), end: day.instant(r.end) };
    if (interval.start < interval.end) intervals.push(interval);
  }
  return intervals;
}

/**
 * A provider's working time on one local date, as instants: the weekday's work intervals minus its rest
 * intervals; an exception replaces the day ('off': nothing, 'hours': its own interval). Computed on the wall
 * clock and converted with the clinic zone, so 09:00–17:00 is 8 hours even on a 23- or 25-hour day.
 */
export function workIntervals(week: WeekHours | undefined, exception: ExceptionRow | undefined, day: LocalDay): Interval[] {
  if (exception) {
    if (exception.kind === 'off' || !exception.startsAt || !exception.endsAt) return [];
    return clockIntervals(day, [{ start: minutesOf(exception.startsAt), end: minutesOf(exception.endsAt) }]);
  }
  const today = week?.[day.weekday];
  return today ? clockIntervals(day, today.bookable) : [];
}

/** Bookable time of a provider: their working time that day (Refs.workOn) minus their blocks and clinic closures. */
export function staffAvailable(staffId: number, work: Interval[], blocks: BlockRow[]): Interval[] {
  return subtract(work, blocks.filter((b) => b.staffId === staffId || isClosure(b)).map(toInterval));
}

/**
 * Bookable time of a room on a date: the clinic's opening hours (the whole day when none are set) minus the
 * room's blocks and closures.
 */
export function roomAvailable(roomId: number, day: LocalDay, opening: { weekday: number; opensAt: string; closesAt: string }[], blocks: BlockRow[]): Interval[] {
  const open = opening.length
    ? clockIntervals(day, opening.filter((o) => o.weekday === day.weekday).map((o) => ({ start: minutesOf(o.opensAt), end: minutesOf(o.closesAt) }))).sort((a, b) => a.start - b.start)
    : [{ start: day.start, end: day.end }];
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
