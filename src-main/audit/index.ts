import type { HandlerMap } from '../core/registry';
import { logHandlers } from './log';

/** Reading, exporting and verifying the audit log. */
export const auditHandlers: HandlerMap<keyof typeof logHandlers> = { ...logHandlers };
