import { PATIENT_NAME_SQL } from '../patients/index';
import { addCalendarDays, localDate } from '../../src-shared/time';
import { DEMO_PASSWORD } from '../demo/index';
import { LIABILITY_SQL, liabilityParams, PATIENT_ENTRIES_SQL, PROGRAM_SQL, STATEMENT_SQL } from '../loyalty/index';
import type { Sqlite } from '../core/db';
import type { Registry } from '../core/registry';
import { type Connection, newConnection } from '../core/session';
import type { FloorStatement, Operation } from './measure';

const STATEMENT_PAGE = 20;

/**
 * "loyalty balance": a patient's points as the profile and the desk open them (`loyalty.forPatient`: balance, what is
 * usable, tier, what expires soon, the first statement page), for patients with points, a different one each run.
 * The floor runs the handler's SQL: the program row, the patient check, the whole ledger and the statement page.
 */
export function loyaltyOperations(registry: Registry, conn: Connection, sqlite: Sqlite): Operation[] {
  const patients = sqlite.prepare('SELECT DISTINCT patientId FROM pointsEntry ORDER BY patientId').pluck().all() as number[];
  if (!patients.length) return [];
  // Spread over the whole range of ids, so the pages read are not neighbours.
  const at = (run: number) => patients[(run * 7919) % patients.length];
  return [
    {
      name: 'loyalty balance: balance, tier, expiring points and statement page (loyalty.forPatient)',
      targetP95Ms: 5,
      call: (run) => registry.call('loyalty.forPatient', { patientId: at(run), pageSize: STATEMENT_PAGE }, conn),
      floor: (run): FloorStatement[] => [
        { sql: PROGRAM_SQL, params: [] },
        { sql: PATIENT_NAME_SQL, params: [at(run)] },
        { sql: PATIENT_ENTRIES_SQL, params: [at(run)] },
        { sql: STATEMENT_SQL, params: [at(run), STATEMENT_PAGE, 0] },
      ],
    },
  ];
}

/** Days back from today that the liability is asked for, so neighbouring runs differ. */
const LIABILITY_DAYS = 60;

/**
 * "points liability": outstanding points and their value by tier at the end of a day (`loyalty.liability`, the report
 * a manager prints at a month's end), a different day of the last two months each run. The floor: the program row and
 * the ledger's one grouped pass.
 */
export async function loyaltyReportOperations(registry: Registry, sqlite: Sqlite, now: Date): Promise<Operation[]> {
  const manager: Connection = newConnection('cli');
  await registry.call('auth.signIn', { username: 'manager', password: DEMO_PASSWORD }, manager);
  const { timeZone } = sqlite.prepare('SELECT timeZone FROM clinic').get() as { timeZone: string };
  const today = localDate(now.toISOString(), timeZone);
  const asOf = (run: number) => addCalendarDays(today, -(run % LIABILITY_DAYS));
  return [
    {
      name: 'points liability at the end of a day, by tier (loyalty.liability)',
      targetP95Ms: 200,
      call: (run) => registry.call('loyalty.liability', { asOf: asOf(run) }, manager),
      floor: (run): FloorStatement[] => [
        { sql: PROGRAM_SQL, params: [] },
        { sql: LIABILITY_SQL, params: liabilityParams(asOf(run), timeZone) },
      ],
      runs: { warmUp: 20, timed: 100 },
    },
  ];
}
