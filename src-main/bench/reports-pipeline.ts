import { addCalendarDays, addCalendarMonths, localDate, startOfLocalDay } from '../../src-shared/time';
import type { Sqlite } from '../core/db';
import type { Registry } from '../core/registry';
import { type Connection, newConnection } from '../core/session';
import { DEMO_PASSWORD } from '../demo/index';
import { localDays, pipelineQueries as q, utcRange } from '../reports/index';
import { dueParams, INTERVALS_SQL, NO_LIMIT } from '../retention/index';
import type { FloorStatement, Operation } from './measure';

/** Months around today (six back, six ahead), so no run repeats the answer before it. */
const MONTHS = 12;
/** Year-long cohorts ending on different days of the last two months. */
const YEARS = 60;

const range = utcRange;

/**
 * "projected sales" for a calendar month (leads included) and "conversion cascade" for a year, as a manager opens
 * them, beside their floors: the handlers' SQL as raw statements with the parameters the handlers bind.
 */
export async function reportPipelineOperations(registry: Registry, sqlite: Sqlite, now: Date): Promise<Operation[]> {
  const manager: Connection = newConnection('cli');
  await registry.call('auth.signIn', { username: 'manager', password: DEMO_PASSWORD }, manager);
  const clinic = sqlite.prepare('SELECT timeZone, consultToTreatmentRateBp FROM clinic').get() as { timeZone: string; consultToTreatmentRateBp: number };
  const zone = clinic.timeZone;
  const today = localDate(now, zone);
  const firstOfMonth = `${today.slice(0, 7)}-01`;

  const categories = sqlite.prepare(q.CATEGORIES_SQL).all() as { id: number; averageSaleCents: number; active: number; sellsTreatments: number }[];
  const priced = categories.filter((c) => c.active === 1 && c.sellsTreatments === 1 && c.averageSaleCents > 0).map((c) => c.averageSaleCents);
  const overall = priced.length ? Math.round(priced.reduce((a, b) => a + b, 0) / priced.length) : 0;
  const asp = JSON.stringify(Object.fromEntries(categories.map((c) => [String(c.id), c.averageSaleCents])));
  const consultAsp = JSON.stringify(Object.fromEntries(categories.map((c) => [String(c.id), c.sellsTreatments ? c.averageSaleCents : overall])));
  const windows = (sqlite.prepare(q.WINDOWS_SQL).get() as { openLeadDays: number } | undefined) ?? { openLeadDays: 90 };
  const leadSince = startOfLocalDay(addCalendarDays(today, 1 - windows.openLeadDays), zone).toISOString();

  const month = (run: number) => {
    const from = addCalendarMonths(firstOfMonth, (run % MONTHS) - 6);
    return { from, to: addCalendarDays(addCalendarMonths(from, 1), -1) };
  };
  const projectedFloor = (run: number): FloorStatement[] => {
    const { from, to } = month(run);
    const days = Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000) + 1;
    const gap = (minOverdue: number, maxOverdue: number) => {
      const { scope } = dueParams(sqlite, { scheduled: 'any', sort: 'daysOverdue', limit: 1, offset: 0, format: 'json' }, from, now, { minOverdue, maxOverdue });
      return [{ sql: INTERVALS_SQL, params: { categoryId: null } }, { sql: q.GAP_CLOSERS_SQL, params: { scope, asp } }];
    };
    return [
      { sql: q.CATEGORIES_SQL, params: {} },
      { sql: q.WINDOWS_SQL, params: {} },
      { sql: q.PROJECTED_SQL, params: { days: localDays(from, to, zone), consultAsp, consultBp: clinic.consultToTreatmentRateBp } },
      { sql: q.CATEGORY_NAMES_SQL, params: {} },
      { sql: q.STAFF_NAMES_SQL, params: {} },
      { sql: q.OPEN_LEADS_SQL, params: { leadSince } },
      { sql: q.NET_SALES_SQL, params: range(addCalendarMonths(from, -12), addCalendarMonths(to, -12), zone) },
      { sql: q.TARGETS_SQL, params: {} },
      ...gap(1, NO_LIMIT),
      ...gap(1 - days, 0),
    ];
  };

  const year = (run: number) => {
    const to = addCalendarDays(today, -(run % YEARS));
    return { from: addCalendarDays(addCalendarMonths(to, -12), 1), to };
  };
  const cascadeFloor = (run: number): FloorStatement[] => {
    const { from, to } = year(run);
    return [
      { sql: q.CASCADE_SQL, params: { ...range(from, to, zone), zone, now: now.toISOString(), consultUntil: range(from, addCalendarDays(to, 90), zone).end } },
      { sql: q.AWARENESS_SQL, params: { fromMonth: from.slice(0, 7), toMonth: to.slice(0, 7) } },
      { sql: q.CATEGORIES_SQL, params: {} },
      { sql: q.WINDOWS_SQL, params: {} },
    ];
  };

  return [
    {
      name: 'projected sales',
      targetP95Ms: 100,
      runs: { warmUp: 50, timed: 200 },
      call: (run) => registry.call('reports.projectedSales', { ...month(run), include: { leads: true } }, manager),
      floor: projectedFloor,
    },
    {
      name: 'conversion cascade',
      targetP95Ms: 200,
      runs: { warmUp: 20, timed: 100 },
      call: (run) => registry.call('reports.conversionCascade', year(run), manager),
      floor: cascadeFloor,
    },
  ];
}
