import type { retention } from '../../src-shared/contract/retention';
import type { HandlerMap } from '../core/registry';
import { callHandlers } from './calls';
import { listHandlers } from './lists';
import { outreachHandlers } from './outreach';

/** Maintenance due, delinquency and due-soon lists, this morning's calls, outreach and its results. */
export const retentionHandlers: HandlerMap<keyof typeof retention> = { ...listHandlers, ...callHandlers, ...outreachHandlers };

/** The purchase projection other domains read (segments, tasks) and bulk writers rebuild. */
export { PURCHASE_PROJECTION, rebuildPurchaseProjection, setAsidePurchaseTriggers } from './projection';
/** The delinquency list's SQL and parameters, for the bench row that times it beside its floor. */
export { DUE_COUNT_SQL, DUE_DETAIL_SQL, DUE_PAGE_SQL } from './queries';
export { countSqlOf, dueParams } from './lists';
export { INTERVALS_SQL, NO_LIMIT } from './scope';
