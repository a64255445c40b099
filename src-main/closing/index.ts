import type { closing } from '../../src-shared/contract/closing';
import type { HandlerMap } from '../core/registry';
import { closeHandlers } from './close';
import { commissionHandlers } from './commission';
import { rateHandlers } from './rates';

/** End-of-day close (Z report per till and day) and providers' commission. */
export const closingHandlers: HandlerMap<keyof typeof closing> = {
  ...closeHandlers,
  ...rateHandlers,
  ...commissionHandlers,
};

/** Checkout refuses changes to a closed day's documents with this (closing never imports checkout). */
export { CLOSED_SQL, requireDayOpen } from './till';

/** The Z report's SQL and day bounds, for the bench row that times it beside its floor. */
export { CLOSES_SQL, ISSUED_SQL, OPENING_FLOAT_SQL, REFUNDS_SQL, TAXES_SQL, TENDERS_SQL, VOIDS_SQL } from './queries';
export { dayBounds } from './till';
/** The day's figures, for the demo's closed history. */
export { dayFigures } from './report';
