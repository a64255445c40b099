import { fieldError } from '../../src-shared/errors';
import { localDate } from '../../src-shared/time';
import { appendAudit } from '../core/audit';
import type { HandlerMap } from '../core/registry';
import type { Runtime } from '../core/runtime';
import type { Job } from '../core/scheduler';
import { seedFollowUpRules } from './defaults';
import { runRules } from './run';
import { requireRulesWorkstation, rulesWorkstationId, thisWorkstationId } from './settings';

/** Hourly, so a same-day follow-up (a no-show plus two hours) appears on time; each run costs little and repeats nothing. */
const EVERY_MS = 60 * 60_000;

/**
 * The follow-up rules job. It runs in the registry's queue (`exclusive`), in one write transaction stamped like a
 * call's, so its tasks are captured for sync. Only the rules workstation creates tasks (see settings.ts).
 */
export function followUpJob(exclusive: <T>(fn: () => Promise<T>) => Promise<T>): Job {
  return {
    name: 'followUps',
    label: 'Follow-up tasks from the rules',
    nextRunAfter: (after) => new Date(after.getTime() + EVERY_MS),
    run: (runtime: Runtime) =>
      exclusive(async () => {
        const sqlite = runtime.sqlite;
        const clinic = runtime.clinicRow();
        if (!clinic) return 'No clinic yet.';
        if (rulesWorkstationId(sqlite) !== thisWorkstationId(sqlite)) return 'Follow-up tasks are created on another workstation.';
        const now = runtime.clock.now();
        const asOf = localDate(now.toISOString(), clinic.timeZone);
        const result = sqlite
          .transaction(() => {
            runtime.workstation?.stamp(now);
            seedFollowUpRules(sqlite, now);
            const run = runRules(sqlite, asOf, now, clinic.timeZone);
            if (run.created) appendAudit(sqlite, now, { staffId: null, name: 'system' }, { action: 'create', entity: 'task', summary: `The follow-up rules created ${run.created} task${run.created === 1 ? '' : 's'} for ${asOf}`, details: run });
            return run;
          })
          .immediate();
        return `${result.created} new follow-up task${result.created === 1 ? '' : 's'} for ${asOf}.`;
      }),
  };
}

export const runHandlers: HandlerMap<'tasks.runRules'> = {
  'tasks.runRules': ({ asOf }, ctx) => {
    const { timeZone } = ctx.clinic();
    const today = localDate(ctx.now.toISOString(), timeZone);
    const day = asOf ?? today;
    if (day > today) throw fieldError('invalid_input', 'The rules run for today or a day that has passed.', 'asOf');
    requireRulesWorkstation(ctx.sqlite);
    seedFollowUpRules(ctx.sqlite, ctx.now);
    const run = runRules(ctx.sqlite, day, ctx.now, timeZone);
    ctx.audit({ action: 'create', entity: 'task', summary: `Ran the follow-up rules for ${day}: ${run.created} new task${run.created === 1 ? '' : 's'}`, details: run });
    return run;
  },
};
