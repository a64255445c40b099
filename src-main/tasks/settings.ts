import type { TaskSettings } from '../../src-shared/contract/tasks';
import { LumenError } from '../../src-shared/errors';
import { cached, type Sqlite } from '../core/db';
import type { HandlerMap } from '../core/registry';

/**
 * The one workstation whose job creates rule tasks: the one a manager chose, else the clinic's first. Two
 * workstations running the rules offline would each create "the same" task under its own id; with one creator a
 * task exists once and syncs like any row (completing it anywhere completes it everywhere).
 */
export function rulesWorkstationId(sqlite: Sqlite): string | null {
  const chosen = cached(sqlite, 'SELECT runsOnWorkstationId FROM taskSettings WHERE id = 1').pluck().get() as string | null | undefined;
  return chosen ?? ((cached(sqlite, 'SELECT id FROM workstation ORDER BY createdAt, number LIMIT 1').pluck().get() as string | undefined) ?? null);
}

export function thisWorkstationId(sqlite: Sqlite): string | null {
  return (cached(sqlite, 'SELECT workstationId FROM thisWorkstation').pluck().get() as string | undefined) ?? null;
}

/** Whether this workstation creates the rule tasks; a refusal naming the one that does, for a manager's run. */
export function requireRulesWorkstation(sqlite: Sqlite): void {
  const runsOn = rulesWorkstationId(sqlite);
  if (runsOn === null || runsOn === thisWorkstationId(sqlite)) return;
  const name = cached(sqlite, 'SELECT name FROM workstation WHERE id = ?').pluck().get(runsOn) as string | undefined;
  throw new LumenError('conflict', `Follow-up tasks are created on ${name ?? 'another workstation'}; run the rules there, or choose this workstation on the Tasks page.`);
}

function settingsOf(sqlite: Sqlite): TaskSettings {
  const workstations = cached(sqlite, 'SELECT id, name FROM workstation ORDER BY createdAt, number').all() as { id: string; name: string }[];
  const runsOnId = rulesWorkstationId(sqlite);
  const lastRun = cached(sqlite, `SELECT coalesce(w.name, 'a former workstation') AS workstationName, r.asOf, r.ranAt, r.created FROM taskRun r LEFT JOIN workstation w ON w.id = r.workstationId ORDER BY r.ranAt DESC LIMIT 1`).get() as TaskSettings['lastRun'] | undefined;
  return {
    runsOn: workstations.find((w) => w.id === runsOnId) ?? null,
    thisWorkstationId: thisWorkstationId(sqlite),
    workstations,
    lastRun: lastRun ?? null,
  };
}

export const settingsHandlers: HandlerMap<'tasks.settings' | 'tasks.saveSettings'> = {
  'tasks.settings': (_input, ctx) => settingsOf(ctx.sqlite),

  'tasks.saveSettings': async ({ runsOnWorkstationId }, ctx) => {
    const workstation = await ctx.db.selectFrom('workstation').select(['id', 'name']).where('id', '=', runsOnWorkstationId).executeTakeFirst();
    if (!workstation) throw new LumenError('not_found', 'There is no such workstation.', { formErrors: [], fieldErrors: { runsOnWorkstationId: ['Not found'] } });
    const updatedAt = ctx.now.toISOString();
    await ctx.db
      .insertInto('taskSettings')
      .values({ id: 1, runsOnWorkstationId, updatedAt })
      .onConflict((oc) => oc.column('id').doUpdateSet({ runsOnWorkstationId, updatedAt }))
      .execute();
    ctx.audit({ action: 'update', entity: 'taskSettings', entityId: 1, summary: `Follow-up tasks are now created on ${workstation.name}`, details: { runsOnWorkstationId } });
    return settingsOf(ctx.sqlite);
  },
};
