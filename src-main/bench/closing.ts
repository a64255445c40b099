import { localDate } from '../../src-shared/time';
import { CLOSES_SQL, dayBounds, ISSUED_SQL, OPENING_FLOAT_SQL, REFUNDS_SQL, TAXES_SQL, TENDERS_SQL, VOIDS_SQL } from '../closing/index';
import type { Sqlite } from '../core/db';
import type { Registry } from '../core/registry';
import type { Connection } from '../core/session';
import type { Operation } from './measure';

/** How many of the demo's busiest days the row cycles through, so neighbouring runs never ask for the same day. */
const BUSY_DAYS = 200;

/**
 * "Z report": the reception till's report of one of the demo's busiest days (most payments), as the end-of-day screen
 * asks for it. Its floor is the same seven statements of closing/queries.ts with the same bounds.
 */
export function closingOperations(registry: Registry, conn: Connection, sqlite: Sqlite): Operation[] {
  const timeZone = sqlite.prepare('SELECT timeZone FROM clinic').pluck().get() as string;
  const busiest = sqlite
    .prepare('SELECT max(takenAt) AS at FROM payment GROUP BY substr(takenAt, 1, 10) ORDER BY count(*) DESC LIMIT ?')
    .pluck()
    .all(BUSY_DAYS) as string[];
  const days = busiest.map((at) => localDate(at, timeZone));
  const at = (run: number) => days[run % days.length];
  return [
    {
      name: 'Z report: a busy day of the reception till (closing.report)',
      targetP95Ms: 20,
      call: (run) => registry.call('closing.report', { date: at(run) }, conn),
      floor(run) {
        const bounds = dayBounds(at(run), timeZone, 0);
        return [TENDERS_SQL, REFUNDS_SQL, VOIDS_SQL, ISSUED_SQL, TAXES_SQL, OPENING_FLOAT_SQL, CLOSES_SQL].map((sql) => ({ sql, params: { ...bounds } }));
      },
    },
  ];
}
