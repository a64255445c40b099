import { addCalendarDays, localDate } from '../../src-shared/time';
import type { Sqlite } from '../core/db';
import type { Registry } from '../core/registry';
import type { Connection } from '../core/session';
import { countSqlOf, DUE_DETAIL_SQL, DUE_PAGE_SQL, dueParams, INTERVALS_SQL, NO_LIMIT } from '../retention/index';
import type { FloorStatement, Operation } from './measure';

/** Different days, so no input's answer is the one before it: the desk looks at the list over a month and a half. */
const DAYS = 45;
const PAGE = 50;

/**
 * "delinquency list": every category, the first page by days overdue with the total, as the front desk opens it each
 * morning. The floor runs the handler's SQL as raw statements: the interval scope, the page, the count and each page
 * row's details (their keys found once, before timing, as the handler finds them with the page).
 */
export function retentionOperations(registry: Registry, conn: Connection, sqlite: Sqlite): Operation[] {
  const timeZone = (sqlite.prepare('SELECT timeZone FROM clinic').pluck().get() as string | undefined) ?? 'UTC';
  const now = new Date();
  const today = localDate(now, timeZone);
  const filters = { scheduled: 'any' as const, sort: 'daysOverdue' as const, limit: PAGE, offset: 0, format: 'json' as const };
  const floors: FloorStatement[][] = Array.from({ length: DAYS }, (_, day) => {
    const asOf = addCalendarDays(today, -day);
    const params = dueParams(sqlite, { ...filters, asOf }, asOf, now, { minOverdue: 1, maxOverdue: NO_LIMIT });
    const keys = sqlite.prepare(DUE_PAGE_SQL.daysOverdue).all({ ...params, limit: PAGE, offset: 0 }) as { patientId: number; categoryId: number; lastServiceId: number | null; lastStaffId: number | null }[];
    return [
      { sql: INTERVALS_SQL, params: { categoryId: null } },
      { sql: DUE_PAGE_SQL.daysOverdue, params: { ...params, limit: PAGE, offset: 0 } },
      { sql: countSqlOf(params), params },
      ...keys.map((k) => ({ sql: DUE_DETAIL_SQL, params: { patientId: k.patientId, categoryId: k.categoryId, serviceId: k.lastServiceId, staffId: k.lastStaffId, now: params.now } })),
    ];
  });
  return [
    {
      name: 'delinquency list: all categories, first page by days overdue with total (retention.delinquency)',
      targetP95Ms: 150,
      call: (run) => registry.call('retention.delinquency', { asOf: addCalendarDays(today, -(run % DAYS)), limit: PAGE }, conn),
      floor: (run) => floors[run % DAYS],
    },
  ];
}
