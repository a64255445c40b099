export { messageHandlers } from './handlers';
export { reminderJob } from './job';
export { seedMessageTemplates } from './templates';
