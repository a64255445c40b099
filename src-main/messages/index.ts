import type { HandlerMap } from '../core/registry';
import { accountHandlers } from './accounts';
import { conversationHandlers } from './conversation';
import { outboxHandlers } from './outbox';
import { templateHandlers } from './templates';

export { seedMessageTemplates } from './defaults';
export { reminderJob } from './job';
export { repliesJob } from './inbound';
/** The conversation thread's statements, for the bench's floor. */
export { FIRST_PAGE, THREAD_PAGE_SQL, THREAD_PATIENT_SQL } from './conversation-queries';
/** Outreach messages (retention) are filled by the same renderer as reminders. */
export { renderOutreach } from './render';

/** Confirmation and reminder templates and the outbox; the reminders job (job.ts) fills and sends it. */
export const messageHandlers: HandlerMap<keyof typeof templateHandlers | keyof typeof outboxHandlers | keyof typeof accountHandlers | keyof typeof conversationHandlers> = {
  ...templateHandlers,
  ...outboxHandlers,
  ...accountHandlers,
  ...conversationHandlers,
};
