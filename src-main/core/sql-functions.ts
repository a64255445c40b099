import { tzOffset } from '@date-fns/tz';
import { localDate, MINUTE_MS } from '../../src-shared/time';
import type BetterSqlite3 from 'better-sqlite3';

const DAY_MS = 86_400_000;
/** Per zone and UTC day: the zone's offset (ms) when it holds all that day, null on a day the offset changes. */
const dayOffsets = new Map<string, number | null>();
const MAX_REMEMBERED_DAYS = 100_000;

/**
 * The clinic-local date of an instant, as `localDate` gives it, at a fraction of the cost: a zone's offset is looked
 * up once per UTC day (the rebuild of the purchase projection asks for hundreds of thousands of dates). A day on
 * which the offset changes (a DST change) takes the exact path.
 */
export function clinicDateOf(instant: string, zone: string): string {
  const ms = Date.parse(instant);
  const day = Math.floor(ms / DAY_MS);
  const key = `${zone}|${day}`;
  let offset = dayOffsets.get(key);
  if (offset === undefined) {
    const atStart = tzOffset(zone, new Date(day * DAY_MS));
    const atEnd = tzOffset(zone, new Date((day + 1) * DAY_MS - 1));
    offset = atStart === atEnd ? atStart * MINUTE_MS : null;
    if (dayOffsets.size >= MAX_REMEMBERED_DAYS) dayOffsets.clear();
    dayOffsets.set(key, offset);
  }
  return offset === null ? localDate(ms, zone) : new Date(ms + offset).toISOString().slice(0, 10);
}

/**
 * SQL functions the schema's triggers use, registered on every connection that may write:
 * `lumen_local_date(instant, zone)`, the clinic-local date of an instant (SQLite knows no time zones).
 */
export function registerFunctions(sqlite: BetterSqlite3.Database): void {
  sqlite.function('lumen_local_date', { deterministic: true }, (instant: unknown, zone: unknown) =>
    typeof instant === 'string' ? clinicDateOf(instant, typeof zone === 'string' && zone ? zone : 'UTC') : null,
  );
}
