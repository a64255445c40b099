import type { scheduling } from '../../src-shared/contract/scheduling';
import type { HandlerMap } from '../core/registry';
import { appointmentHandlers } from './appointments';
import { nextAvailableHandlers } from './nextAvailable';
import { resourceHandlers } from './resources';
import { seriesHandlers } from './series';
import { viewHandlers } from './views';
import { waitlistHandlers } from './waitlist';

/** The calendar: resources, hours, appointments, series, waitlist and the day/week views. */
export const schedulingHandlers: HandlerMap<keyof typeof scheduling> = {
  ...resourceHandlers,
  ...appointmentHandlers,
  ...nextAvailableHandlers,
  ...seriesHandlers,
  ...waitlistHandlers,
  ...viewHandlers,
};

// For the benchmark: the hot paths' SQL (parameters documented beside each), the helpers that build their
// parameters, and the search plan whose busy-time scans are next available's floor.
export { BLOCKS_SQL, CONFLICT_SQL, DAY_SQL, EXCEPTION_OF_SQL, EXCEPTIONS_SQL, blockScan, overlapScan } from './queries';
export { planSearch } from './nextAvailable';
export { loadRefs } from './refs';
