import type { HandlerMap } from '../core/registry';
import { clinicHandlers } from './clinic';
import { hoursHandlers } from './hours';
import { jobHandlers } from './jobs';
import { taxHandlers } from './taxes';

export { openingHours } from './hours';

/** Clinic settings, opening hours, tax rates and the background jobs. */
export const settingsHandlers: HandlerMap<keyof typeof clinicHandlers | keyof typeof hoursHandlers | keyof typeof taxHandlers | keyof typeof jobHandlers> = {
  ...clinicHandlers,
  ...hoursHandlers,
  ...taxHandlers,
  ...jobHandlers,
};
