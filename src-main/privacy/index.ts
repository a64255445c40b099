import type { privacy } from '../../src-shared/contract/privacy';
import type { HandlerMap } from '../core/registry';
import { accessHandlers } from './access';
import { eraseHandlers } from './erase';
import { settingsHandlers } from './settings';

/** Patients' rights: access/portability and erasure, and the retention setting. */
export const privacyHandlers: HandlerMap<keyof typeof privacy> = { ...settingsHandlers, ...accessHandlers, ...eraseHandlers };
