import type { reportsPipeline } from '../../../src-shared/contract/reports-pipeline';
import type { HandlerMap } from '../../core/registry';
import { cascadeHandlers } from './cascade';
import { listHandlers } from './lists';
import { projectedHandlers } from './projected';
import { rowsHandlers } from './rows';
import { settingsHandlers } from './settings';

/** Projected sales, the conversion cascade, stalled consults, quotes on the table, their assumptions and drill-down. */
export const reportPipelineHandlers: HandlerMap<keyof typeof reportsPipeline> = {
  ...settingsHandlers,
  ...projectedHandlers,
  ...cascadeHandlers,
  ...listHandlers,
  ...rowsHandlers,
};

/** For the report catalogue: runners of the whole call lists (every page) and of the period reports. */
export { wholeOpenQuotes, wholeStalledConsults } from './print';
export { projectedSales } from './projected';
export { conversionCascade } from './cascade';
/** Clinic-local dates to the UTC range the queries take (the bench builds its floors' parameters with it). */
export { localDays, utcRange } from './period';
