import { minutesOf } from '../../src-shared/time';
import { cached, type Db, type Sqlite } from '../core/db';
import type { Selectable } from 'kysely';
import type { BlockTable } from '../core/schema-calendar';
import type { LocalDay } from './local';
import { BLOCKS_SQL, blockScan, EXCEPTIONS_SQL } from './queries';

/** Half-open [start, end) in epoch milliseconds. Lists are sorted and disjoint unless said otherwise. */
export interface Interval {
  start: number;
  end: number;
}

/** `from` (sorted, disjoint) minus every interval of `cut` (which may be unsorted and overlapping). */
export function subtract(from: Interval[], cut: Interval[]): Interval[] {
  const cuts = [...cut].sort((a, b) => a.start - b.start);
  const result: Interval[] = [];
  for (const r of from) {
    let start = r.start;
    for (const c of cuts) {
      if (c.start >= r.end) break;
      if (c.end <= start) continue;
      if (c.start > start) result.push({ start, end: c.start });
      start = c.end;
    }
    if (start < r.end) result.push({ start, end: r.end });
  }
  return result;
}

/** Whether any interval of `list` overlaps [start, end). */
export function overlapsAny(list: Interval[], start: number, end: number): boolean {
  return list.some((r) => r.start < end && r.end > start);
}

/** Whether [start, end) lies wholly inside one interval of `list`. */
export function inside(list: Interval[], start: number, end: number): boolean {
  return list.some((r) => r.start <= start && end <= r.end);
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
/** A block as BLOCKS_SQL reads it. */
export type BlockRow = Omit<Selectable<BlockTable>, 'createdBy' | 'createdAt'>;

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
export async function loadHours(db: Db): Promise<Map<number, WeekHours>> {
  const ranges = new Map<number, { work: MinuteRange[]; rest: MinuteRange[] }[]>();
  for (const row of await db.selectFrom('staffHours').select(['staffId', 'weekday', 'startsAt', 'endsAt', 'kind']).orderBy('staffId').orderBy('weekday').orderBy('startsAt').execute()) {
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
