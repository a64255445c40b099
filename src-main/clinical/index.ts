import type { HandlerMap } from '../core/registry';
import { recordHandlers } from './record';

export { CLINICAL_ENTITY } from './record';

/** A patient's clinical record: allergies, medications, history, contraindications. */
export const clinicalHandlers: HandlerMap<keyof typeof recordHandlers> = { ...recordHandlers };
