import type { HandlerMap } from '../core/registry';
import { lotHandlers } from './lots';
import { noteHandlers } from './notes';
import { photoHandlers } from './photos';

export { mirrorPhotos, PHOTO_FOLDER } from './files';

/** Visit notes (charts), product lots and before/after photos. */
export const chartHandlers: HandlerMap<keyof typeof noteHandlers | keyof typeof lotHandlers | keyof typeof photoHandlers> = { ...noteHandlers, ...lotHandlers, ...photoHandlers };
