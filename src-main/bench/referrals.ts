import { addCalendarDays, localDate, startOfLocalDay } from '../../src-shared/time';
import type { Sqlite } from '../core/db';
import type { Registry } from '../core/registry';
import { newConnection } from '../core/session';
import { DEMO_PASSWORD } from '../demo/index';
import { BOARD_SQL } from '../referrals/index';
import type { Operation } from './measure';

/** A year of the board takes milliseconds to tens of them: fewer runs than a quick lookup. */
const RUNS = { warmUp: 20, timed: 100 };

/**
 * "ambassador board": the demo's last full calendar year, first page, as a manager opens it (`referrals.board`),
 * beside its floor: the board's one SQL text with the same period.
 */
export async function referralOperations(registry: Registry, sqlite: Sqlite, now: Date): Promise<Operation[]> {
  const conn = newConnection('cli');
  await registry.call('auth.signIn', { username: 'manager', password: DEMO_PASSWORD }, conn);
  const { timeZone } = sqlite.prepare('SELECT timeZone FROM clinic').get() as { timeZone: string };
  const lastYear = Number(localDate(now.toISOString(), timeZone).slice(0, 4)) - 1;
  const from = `${lastYear}-01-01`;
  const to = `${lastYear}-12-31`;
  const period = { start: startOfLocalDay(from, timeZone).toISOString(), end: startOfLocalDay(addCalendarDays(to, 1), timeZone).toISOString() };
  return [
    {
      name: 'ambassador board: a year, first page (referrals.board)',
      targetP95Ms: 200,
      runs: RUNS,
      call: () => registry.call('referrals.board', { from, to, page: 0, pageSize: 25 }, conn),
      floor: () => [{ sql: BOARD_SQL, params: period }],
    },
  ];
}
