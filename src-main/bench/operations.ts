import { addCalendarDays, localDate, localDayRange } from '../../src-shared/time';
import { prefixUpperBound } from '../../src-shared/text';
import { reversedDigits } from '../../src-shared/phone';
import type { Registry } from '../core/registry';
import type { Connection } from '../core/session';
import type { Sqlite } from '../core/db';
import { Random } from '../demo/index';
import {
  EMAIL_SEARCH_SQL,
  formatPatientNumber,
  LIST_COUNT_SQL,
  LIST_SQL,
  nameSearchQuery,
  NUMBER_SEARCH_SQL,
  PHONE_SEARCH_SQL,
  PROFILE_SQL,
  searchTokensOf,
} from '../patients/index';
import { BLOCKS_SQL, blockScan, CONFLICT_SQL, DAY_SQL, EXCEPTION_OF_SQL, EXCEPTIONS_SQL, loadRefs, overlapScan, planSearch } from '../scheduling/index';
import { type FloorStatement, type Operation, TIMED_RUNS, WARM_UP_RUNS } from './measure';

const SEARCH_LIMIT = 20;
const PAGE_SIZE = 100;
const INPUT_COUNT = WARM_UP_RUNS + TIMED_RUNS;

interface Sampled {
  id: number;
  lastName: string;
  phone: string | null;
  email: string | null;
}

/** Deterministic inputs: different patients, prefix lengths, digit counts and offsets on every run. */
function sampler(sqlite: Sqlite) {
  const rng = new Random(20260302);
  const maxId = sqlite.prepare('SELECT max(id) FROM patient').pluck().get() as number;
  const byId = sqlite.prepare('SELECT id, lastName, phone, email FROM patient WHERE id >= ? ORDER BY id LIMIT 1');
  const draw = (keep: (p: Sampled) => boolean): Sampled[] => {
    const out: Sampled[] = [];
    while (out.length < INPUT_COUNT) {
      const p = byId.get(rng.int(1, maxId)) as Sampled | undefined;
      if (p && keep(p)) out.push(p);
    }
    return out;
  };
  return { rng, draw };
}

interface OperationOver<I> {
  name: string;
  targetP95Ms: number;
  call(input: I): Promise<unknown>;
  floor(input: I): FloorStatement[];
}

function over<I>(inputs: I[], def: OperationOver<I>): Operation {
  const at = (run: number) => inputs[run % inputs.length];
  return { name: def.name, targetP95Ms: def.targetP95Ms, call: (run) => def.call(at(run)), floor: (run) => def.floor(at(run)) };
}

/** The desk's hot paths, each through the registry as the signed-in front desk, with its raw-SQL floor. */
export function patientOperations(registry: Registry, conn: Connection, sqlite: Sqlite): Operation[] {
  const { rng, draw } = sampler(sqlite);
  const search = (q: string) => registry.call('patients.search', { q, limit: SEARCH_LIMIT }, conn);

  const namePrefixes = draw(() => true).map((p) => searchTokensOf({ firstName: '', lastName: p.lastName })[0].slice(0, rng.int(2, 5)));
  const phoneEndings = draw((p) => p.phone !== null).map((p) => p.phone!.slice(-rng.int(4, 7)));
  const emailPrefixes = draw((p) => p.email !== null).map((p) => p.email!.slice(0, p.email!.indexOf('@') + 2));
  const profileIds = draw(() => true).map((p) => p.id);
  const listed = sqlite.prepare(LIST_COUNT_SQL.active).pluck().get() as number;
  const offsets = Array.from({ length: INPUT_COUNT }, () => rng.int(0, Math.max(0, listed - PAGE_SIZE)));

  return [
    over(namePrefixes, {
      name: 'quick search: name prefix',
      targetP95Ms: 10,
      call: search,
      floor: (q) => [nameSearchQuery(q, SEARCH_LIMIT, 0)!],
    }),
    over(phoneEndings, {
      name: 'quick search: phone last digits',
      targetP95Ms: 10,
      call: search,
      // Digits alone may also be a patient number, so the handler runs both lookups.
      floor: (q) => [
        { sql: NUMBER_SEARCH_SQL, params: { number: formatPatientNumber(Number(q)), all: 0 } },
        { sql: PHONE_SEARCH_SQL, params: { lo: reversedDigits(q), hi: prefixUpperBound(reversedDigits(q)), all: 0, limit: SEARCH_LIMIT } },
      ],
    }),
    over(emailPrefixes, {
      name: 'quick search: email prefix',
      targetP95Ms: 10,
      call: search,
      floor: (q) => [{ sql: EMAIL_SEARCH_SQL, params: { lo: q, hi: prefixUpperBound(q), all: 0, limit: SEARCH_LIMIT } }],
    }),
    over(profileIds, {
      name: 'patient profile (patients.get)',
      targetP95Ms: 15,
      call: (id) => registry.call('patients.get', { id }, conn),
      floor: (id) => [PROFILE_SQL.patient, PROFILE_SQL.consents, PROFILE_SQL.tags].map((sql) => ({ sql, params: { id } })),
    }),
    over(offsets, {
      name: `patient list page of ${PAGE_SIZE} (patients.list)`,
      targetP95Ms: 20,
      call: (offset) => registry.call('patients.list', { offset, limit: PAGE_SIZE, sort: 'name' }, conn),
      floor: (offset) => [
        { sql: LIST_COUNT_SQL.active, params: {} },
        { sql: LIST_SQL.name.active, params: { limit: PAGE_SIZE, offset } },
      ],
    }),
  ];
}

const NEXT_AVAILABLE_DAYS = 14;

/**
 * The calendar's hot paths on the demo clinic's ten years of appointments: the day view of all providers, a
 * conflict check of one segment, and the next free slot two weeks ahead; dates over the last year and the
 * coming weeks.
 */
export async function schedulingOperations(registry: Registry, conn: Connection, sqlite: Sqlite, now: Date): Promise<Operation[]> {
  const rng = new Random(20260401);
  const timeZone = sqlite.prepare('SELECT timeZone FROM clinic').pluck().get() as string;
  const refs = await loadRefs(registry.runtime.db);
  const today = localDate(now, timeZone);
  const dates = Array.from({ length: INPUT_COUNT }, () => addCalendarDays(today, rng.int(-365, 56)));
  const rules = sqlite
    .prepare(
      `SELECT sp.serviceId, sp.staffId, s.durationMinutes, s.roomKind, s.deviceKind FROM serviceProvider sp JOIN service s ON s.id = sp.serviceId
       JOIN staff st ON st.id = sp.staffId WHERE st.active = 1 AND s.kind = 'treatment' ORDER BY sp.serviceId, sp.staffId`,
    )
    .all() as { serviceId: number; staffId: number; durationMinutes: number; roomKind: string | null; deviceKind: string | null }[];
  // A conflict check of a segment that needs no room or device: one provider scan plus the blocks.
  const plain = rules.filter((r) => !r.roomKind && !r.deviceKind);
  const checks = dates.map((date) => {
    const rule = rng.pick(plain);
    const start = localDayRange(date, timeZone).start.getTime() + rng.int(40, 72) * 15 * 60_000;
    return { rule, start, end: start + rule.durationMinutes * 60_000, startsAt: new Date(start).toISOString() };
  });
  const services = [...new Set(rules.map((r) => r.serviceId))];
  const searches = Array.from({ length: INPUT_COUNT }, () => ({ serviceId: rng.pick(services), date: addCalendarDays(today, rng.int(0, 28)) }));

  return [
    over(dates, {
      name: 'day view, all providers (appointments.day)',
      targetP95Ms: 20,
      call: (date) => registry.call('appointments.day', { date, by: 'staff' }, conn),
      floor: (date) => {
        const { start, end } = localDayRange(date, timeZone);
        return [
          { sql: DAY_SQL, params: { start: start.toISOString(), end: end.toISOString() } },
          { sql: BLOCKS_SQL, params: blockScan(start.getTime(), end.getTime()) },
          { sql: EXCEPTIONS_SQL, params: [date, date] },
        ];
      },
    }),
    over(checks, {
      name: 'conflict check, one segment (appointments.check)',
      targetP95Ms: 2,
      call: ({ rule, startsAt }) => registry.call('appointments.check', { segments: [{ serviceId: rule.serviceId, staffId: rule.staffId, startsAt }] }, conn),
      floor: ({ rule, start, end, startsAt }) => [
        { sql: BLOCKS_SQL, params: blockScan(start, end) },
        { sql: CONFLICT_SQL.staff, params: overlapScan(rule.staffId, start, end) },
        { sql: EXCEPTION_OF_SQL, params: [localDate(startsAt, timeZone), rule.staffId] },
      ],
    }),
    over(searches, {
      name: `next available, ${NEXT_AVAILABLE_DAYS} days, one service (appointments.nextAvailable)`,
      targetP95Ms: 30,
      call: ({ serviceId, date }) =>
        registry.call('appointments.nextAvailable', { serviceIds: [serviceId], from: localDayRange(date, timeZone).start.toISOString(), days: NEXT_AVAILABLE_DAYS, limit: 5 }, conn),
      floor: ({ serviceId, date }) => {
        const plan = planSearch(refs, { serviceIds: [serviceId], from: localDayRange(date, timeZone).start.toISOString(), days: NEXT_AVAILABLE_DAYS }, timeZone);
        return [
          ...plan.scans.map(({ sql, params }) => ({ sql, params })),
          { sql: BLOCKS_SQL, params: blockScan(plan.windowStart, plan.windowEnd) },
          { sql: EXCEPTIONS_SQL, params: [plan.dates[0], plan.dates[plan.dates.length - 1]] },
        ];
      },
    }),
  ];
}
