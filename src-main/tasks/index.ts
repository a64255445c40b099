import type { tasks } from '../../src-shared/contract/tasks';
import type { HandlerMap } from '../core/registry';
import { inboxHandlers } from './inbox';
import { runHandlers } from './job';
import { ruleHandlers } from './rules';
import { settingsHandlers } from './settings';

/** Follow-up rules, the daily rules job and the task inbox. */
export const taskHandlers: HandlerMap<keyof typeof tasks> = {
  ...inboxHandlers,
  ...ruleHandlers,
  ...runHandlers,
  ...settingsHandlers,
};

export { followUpJob } from './job';
/** For first-run setup and the demo. */
export { seedFollowUpRules } from './defaults';
/** The job's SQL and parameters, for the bench row that times it beside its floor. */
export { hasPurchaseProjection, runRules, ruleParams, sqlOf } from './run';
export { birthdayKeys, creationWindow } from './window';
/** The one workstation whose jobs write once-only rows (rule tasks; loyalty's expiry and birthday entries). */
export { requireRulesWorkstation, rulesWorkstationId, thisWorkstationId } from './settings';
