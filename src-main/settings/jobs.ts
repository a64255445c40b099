import { LumenError } from '../../src-shared/errors';
import type { HandlerContext, HandlerMap } from '../core/registry';

function jobs(ctx: HandlerContext) {
  if (!ctx.runtime.jobs) throw new LumenError('unavailable', 'The scheduler is not running.');
  return ctx.runtime.jobs;
}

/** The background jobs (nightly backup, reminders) as the settings screen shows them. */
export const jobHandlers: HandlerMap<'scheduler.jobs' | 'scheduler.runNow' | 'scheduler.setEnabled'> = {
  'scheduler.jobs': (_input, ctx) => jobs(ctx).list(),
  'scheduler.runNow': ({ name }, ctx) => jobs(ctx).runNow(name),
  'scheduler.setEnabled': ({ name, enabled }, ctx) => {
    jobs(ctx).setEnabled(name, enabled);
    ctx.audit({ action: 'update', entity: 'schedulerJob', entityId: name, summary: `${enabled ? 'Enabled' : 'Disabled'} the ${name} job` });
    return { ok: true as const };
  },
};
