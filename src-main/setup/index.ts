import type { HandlerMap } from '../core/registry';
import { clinicHandlers } from './clinic';

/** First run: the app's state and creating the clinic. */
export const setupHandlers: HandlerMap<keyof typeof clinicHandlers> = { ...clinicHandlers };
