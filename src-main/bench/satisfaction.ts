import { addCalendarDays, addCalendarMonths, localDate } from '../../src-shared/time';
import type { Sqlite } from '../core/db';
import type { Registry } from '../core/registry';
import { newConnection } from '../core/session';
import { DEMO_PASSWORD } from '../demo/index';
import { NPS_BY_MONTH_SQL, NPS_BY_PROVIDER_SQL, NPS_BY_SERVICE_SQL } from '../satisfaction/index';
import type { Operation } from './measure';

const RUNS = { warmUp: 100, timed: 300 };

/**
 * "NPS report": a year of scores by month, provider and service (`satisfaction.nps`), as a manager opens it, beside
 * its floor — the handler's three SQL texts with the same period. Each run ends the year a different day back (within
 * two months), so no run reads exactly what the one before did.
 */
export async function satisfactionOperations(registry: Registry, sqlite: Sqlite, now: Date): Promise<Operation[]> {
  if (!sqlite.prepare('SELECT 1 FROM surveyResponse LIMIT 1').get()) return [];
  const conn = newConnection('cli');
  await registry.call('auth.signIn', { username: 'manager', password: DEMO_PASSWORD }, conn);
  const timeZone = sqlite.prepare('SELECT timeZone FROM clinic').pluck().get() as string;
  const today = localDate(now.toISOString(), timeZone);
  const period = (run: number) => {
    const to = addCalendarDays(today, -(run % 60));
    return { from: addCalendarDays(addCalendarMonths(to, -12), 1), to };
  };
  return [
    {
      name: 'NPS report: a year by month, provider and service (satisfaction.nps)',
      targetP95Ms: 200,
      runs: RUNS,
      call: (run) => registry.call('satisfaction.nps', period(run), conn),
      floor: (run) => [NPS_BY_MONTH_SQL, NPS_BY_PROVIDER_SQL, NPS_BY_SERVICE_SQL].map((sql) => ({ sql, params: period(run) })),
    },
  ];
}
