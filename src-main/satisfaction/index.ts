import type { satisfaction } from '../../src-shared/contract/satisfaction';
import type { HandlerMap } from '../core/registry';
import { askHandlers } from './ask';
import { complaintHandlers } from './complaints';
import { reportHandlers } from './reports';
import { reviewHandlers } from './reviews';
import { scoreHandlers } from './scores';
import { settingsHandlers } from './settings';

/** Satisfaction surveys, scores and what follows them (review requests, complaints), NPS and the reputation lists. */
export const satisfactionHandlers: HandlerMap<keyof typeof satisfaction> = {
  ...settingsHandlers,
  ...askHandlers,
  ...scoreHandlers,
  ...reviewHandlers,
  ...complaintHandlers,
  ...reportHandlers,
};

/** The hourly survey job, and the replies job's reader of scores (registered in app.ts). */
export { readSurveyReply, surveyJob } from './ask';
/** The bench row's SQL. */
export { NPS_BY_MONTH_SQL, NPS_BY_PROVIDER_SQL, NPS_BY_SERVICE_SQL } from './queries';
