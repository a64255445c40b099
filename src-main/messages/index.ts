import type { HandlerMap } from '../core/registry';
import { outboxHandlers } from './outbox';
import { templateHandlers } from './templates';

export { seedMessageTemplates } from './defaults';
export { reminderJob } from './job';

/** Confirmation and reminder templates and the outbox; the reminders job (job.ts) fills and sends it. */
export const messageHandlers: HandlerMap<keyof typeof templateHandlers | keyof typeof outboxHandlers> = { ...templateHandlers, ...outboxHandlers };
