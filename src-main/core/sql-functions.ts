import { localDate } from '../../src-shared/time';
import type BetterSqlite3 from 'better-sqlite3';

/**
 * SQL functions the schema's triggers use, registered on every connection that may write:
 * `lumen_local_date(instant, zone)`, the clinic-local date of an instant (SQLite knows no time zones). The rebuild
 * of the purchase projection asks for hundreds of thousands of dates: `localDate` looks a zone's offset up once per
 * day.
 */
export function registerFunctions(sqlite: BetterSqlite3.Database): void {
  sqlite.function('lumen_local_date', { deterministic: true }, (instant: unknown, zone: unknown) =>
    typeof instant === 'string' ? localDate(instant, typeof zone === 'string' && zone ? zone : 'UTC') : null,
  );
}
