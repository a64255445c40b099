import { LumenError } from '../../../src-shared/errors';
import { type Actor, appendAudit } from '../../core/audit';
import { cached } from '../../core/db';
import type { HandlerContext } from '../../core/registry';
import type { Runtime } from '../../core/runtime';
import type { Job } from '../../core/scheduler';
import { newId } from '../../core/workstation';
import { pendingSchedules, runDueSchedules } from './run';

const EVERY_MS = 60_000;
const ACTOR: Actor = { staffId: null, name: 'scheduled reports' };

/**
 * What a report handler may touch when the background job runs it: no desk and no session (the manager who saved
 * the schedule was checked then), audit rows by "scheduled reports". Nothing here can run outside the job's open
 * transaction.
 */
function jobContext(runtime: Runtime, now: Date): HandlerContext {
  const clinic = runtime.clinicRow();
  return {
    runtime,
    db: runtime.db,
    sqlite: runtime.sqlite,
    now,
    conn: { id: 'report-schedules-job', transport: 'cli', session: null },
    session: null,
    actor: ACTOR,
    audit: (entry) => appendAudit(runtime.sqlite, now, ACTOR, entry),
    auditRefusal: (entry) => appendAudit(runtime.sqlite, now, ACTOR, entry),
    requireSession: () => {
      throw new LumenError('unauthenticated', 'A scheduled report runs without a signed-in user.');
    },
    can: () => false,
    clinic: () => {
      if (!clinic) throw new LumenError('unavailable', 'Create the clinic first.');
      return clinic;
    },
    newId: (table) => newId(runtime.sqlite, table),
  };
}

/**
 * Every minute: generate the scheduled reports that are due (the latest occurrence of each, once). In the registry's
 * queue like a call, in one write transaction; the scheduler's start-up tick catches up what was missed while closed.
 */
export function reportSchedulesJob(exclusive: <T>(fn: () => Promise<T>) => Promise<T>): Job {
  return {
    name: 'reportSchedules',
    label: 'Scheduled reports',
    nextRunAfter: (after) => new Date(after.getTime() + EVERY_MS),
    run: (runtime) =>
      exclusive(async () => {
        const clinic = runtime.clinicRow();
        if (!clinic) return 'No clinic yet.';
        const now = runtime.clock.now();
        // Read first: a write transaction (and its wait for the disk) every minute for nothing would slow the desk.
        if ((await pendingSchedules(runtime.db, clinic.timeZone, now)).length === 0) return 'No scheduled report was due.';
        const sqlite = runtime.sqlite;
        let committed = false;
        cached(sqlite, 'BEGIN IMMEDIATE').run();
        try {
          runtime.workstation?.stamp(now);
          const runs = await runDueSchedules(jobContext(runtime, now), now);
          cached(sqlite, 'COMMIT').run();
          committed = true;
          const failed = runs.filter((run) => run.status === 'failed').length;
          return runs.length === 0 ? 'No scheduled report was due.' : `${runs.length - failed} report${runs.length - failed === 1 ? '' : 's'} generated${failed ? `, ${failed} failed` : ''}.`;
        } catch (error) {
          if (sqlite.inTransaction) cached(sqlite, 'ROLLBACK').run();
          throw error;
        } finally {
          runtime.afterWrite(committed);
        }
      }),
  };
}
