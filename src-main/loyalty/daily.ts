import { fieldError } from '../../src-shared/errors';
import { addCalendarDays, localDate } from '../../src-shared/time';
import { appendAudit } from '../core/audit';
import { cached, type Sqlite } from '../core/db';
import type { HandlerMap } from '../core/registry';
import type { Runtime } from '../core/runtime';
import type { Job } from '../core/scheduler';
import type { ClinicTable } from '../core/schema';
import { newId } from '../core/workstation';
import { birthdayKeys, requireRulesWorkstation, rulesWorkstationId, thisWorkstationId } from '../tasks/index';
import { addEntry, entriesOf, standingOf } from './ledger';
import { earnedSince, tierWindowStart } from './profile';
import { programOf, tierOf } from './program';

/** A workstation off this long still writes off what expired and gives the birthdays it missed (one week). */
const EXPIRY_CATCH_UP_DAYS = 60;
const BIRTHDAY_CATCH_UP_DAYS = 6;
const DAY_MS = 24 * 60 * 60_000;

const EXPIRED_PATIENTS_SQL = 'SELECT DISTINCT patientId FROM pointsEntry WHERE expiresOn >= ? AND expiresOn < ?';
const BIRTHDAY_PATIENTS_SQL = `SELECT id FROM patient WHERE dateOfBirth IS NOT NULL AND mergedIntoId IS NULL AND archivedAt IS NULL
  AND substr(dateOfBirth, 6) IN (SELECT value FROM json_each(?))`;

export interface DailyResult { asOf: string; expiredEntries: number; expiredPoints: number; birthdays: number }

/**
 * The daily loyalty run for `asOf`: each lot whose last day was before `asOf` (within the catch-up window) and still
 * has points left gets an `expired` entry for them; each patient whose birthday fell in the last week gets their
 * tier's birthday points once a year. Both are once-only (expired:<lot>, birthday:<patient>:<year>), so a repeat
 * run writes nothing.
 */
export function runDaily(sqlite: Sqlite, clinic: ClinicTable, now: Date, asOf: string, staffId: number | null = null): DailyResult {
  const program = programOf(sqlite);
  const result: DailyResult = { asOf, expiredEntries: 0, expiredPoints: 0, birthdays: 0 };
  if (!program.enabled) return result;
  const ctx = { sqlite, now, session: staffId === null ? null : ({ staffId } as never), newId: (table: string) => newId(sqlite, table), clinic: () => clinic };
  for (const patientId of cached(sqlite, EXPIRED_PATIENTS_SQL).pluck().all(addCalendarDays(asOf, -EXPIRY_CATCH_UP_DAYS), asOf) as number[]) {
    const { lots } = standingOf(sqlite, patientId, now, clinic.timeZone);
    for (const lot of lots.filter((l) => l.expiresOn !== null && l.expiresOn < asOf)) {
      const written = addEntry(ctx, { patientId, kind: 'expired', points: -lot.left, lotEntryId: lot.entryId, dedupeKey: `expired:${lot.entryId}`, note: `Expired after ${lot.expiresOn}` });
      if (written === null) continue;
      result.expiredEntries += 1;
      result.expiredPoints += lot.left;
    }
  }
  if (program.tiers.some((t) => t.birthdayPoints > 0)) {
    for (let back = BIRTHDAY_CATCH_UP_DAYS; back >= 0; back--) {
      const day = addCalendarDays(asOf, -back);
      for (const patientId of cached(sqlite, BIRTHDAY_PATIENTS_SQL).pluck().all(JSON.stringify(birthdayKeys(day))) as number[]) {
        const { tier } = tierOf(program, earnedSince(entriesOf(sqlite, patientId), tierWindowStart(day, clinic.timeZone)));
        if (!tier?.birthdayPoints) continue;
        const written = addEntry(ctx, { patientId, kind: 'birthday', points: tier.birthdayPoints, dedupeKey: `birthday:${patientId}:${day.slice(0, 4)}`, note: `Birthday (${tier.name})` }, program);
        if (written !== null) result.birthdays += 1;
      }
    }
  }
  return result;
}

const summaryOf = (r: DailyResult) => `Loyalty for ${r.asOf}: ${r.expiredPoints} points expired (${r.expiredEntries} entries), ${r.birthdays} birthday rewards`;

/**
 * The daily loyalty job (checked hourly, runs once per clinic-local day's worth of work: a repeat writes nothing).
 * Only the rules workstation writes (tasks' setting): two workstations each writing "the same" expiry under their own
 * ids would, once their files crossed, expire the points twice.
 */
export function loyaltyExpiryJob(exclusive: <T>(fn: () => Promise<T>) => Promise<T>): Job {
  return {
    name: 'loyaltyExpiry',
    label: 'Loyalty points: expiry and birthday rewards',
    nextRunAfter: (after) => new Date(after.getTime() + DAY_MS / 24),
    run: (runtime: Runtime) =>
      exclusive(async () => {
        const sqlite = runtime.sqlite;
        const clinic = runtime.clinicRow();
        if (!clinic) return 'No clinic yet.';
        if (rulesWorkstationId(sqlite) !== thisWorkstationId(sqlite)) return 'Loyalty expiry runs on the rules workstation.';
        const now = runtime.clock.now();
        const result = sqlite
          .transaction(() => {
            runtime.workstation?.stamp(now);
            const run = runDaily(sqlite, clinic, now, localDate(now.toISOString(), clinic.timeZone));
            if (run.expiredEntries || run.birthdays) appendAudit(sqlite, now, { staffId: null, name: 'system' }, { action: 'create', entity: 'pointsEntry', summary: summaryOf(run), details: run });
            return run;
          })
          .immediate();
        return `${summaryOf(result)}.`;
      }),
  };
}

export const dailyHandlers: HandlerMap<'loyalty.runDaily'> = {
  'loyalty.runDaily': ({ asOf }, ctx) => {
    const clinic = ctx.clinic();
    const today = localDate(ctx.now.toISOString(), clinic.timeZone);
    const day = asOf ?? today;
    if (day > today) throw fieldError('invalid_input', 'The daily run is for today or a day that has passed.', 'asOf');
    requireRulesWorkstation(ctx.sqlite);
    const run = runDaily(ctx.sqlite, clinic, ctx.now, day, ctx.session?.staffId ?? null);
    ctx.audit({ action: 'create', entity: 'pointsEntry', summary: summaryOf(run), details: run });
    return run;
  },
};
