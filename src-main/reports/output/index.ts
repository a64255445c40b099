import type { reportsOutput } from '../../../src-shared/contract/reports-output';
import type { HandlerMap } from '../../core/registry';
import { exportHandlers } from './export';
import { paperHandlers } from './paper';
import { runHandlers } from './run';
import { scheduleHandlers } from './schedules';

/** Export as CSV/PDF, the paper size, scheduled reports and their generated files. */
export const reportOutputHandlers: HandlerMap<keyof typeof reportsOutput> = { ...exportHandlers, ...paperHandlers, ...scheduleHandlers, ...runHandlers };
export { reportSchedulesJob } from './job';
