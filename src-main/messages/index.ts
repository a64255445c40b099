import type { HandlerMap } from '../core/registry';
import { accountHandlers } from './accounts';
import { conversationHandlers } from './conversation';
import { outboxHandlers } from './outbox';
import { templateHandlers } from './templates';

export { seedMessageTemplates } from './defaults';
export { reminderJob } from './job';
export { drainOutbox, outboxJob } from './drain';
export { repliesJob, type ReplyReader, replyReaders } from './inbound';
/** For domains that write to a patient without a template (satisfaction surveys, review requests): the consent rule and the queue. */
export { queueDirect } from './outgoing';
export { type PatientContact, reachability } from './render';
export { CONTACT_COLUMNS } from './queries';
/** The conversation thread's statements, for the bench's floor. */
export { FIRST_PAGE, THREAD_PAGE_SQL, THREAD_PATIENT_SQL } from './conversation-queries';
/** Outreach messages (retention) are filled by the same renderer as reminders. */
export { renderOutreach } from './render';

/** Templates, the outbox, accounts and conversations; the reminders job (job.ts) fills the outbox, the outbox job (drain.ts) sends it. */
export const messageHandlers: HandlerMap<keyof typeof templateHandlers | keyof typeof outboxHandlers | keyof typeof accountHandlers | keyof typeof conversationHandlers> = {
  ...templateHandlers,
  ...outboxHandlers,
  ...accountHandlers,
  ...conversationHandlers,
};
