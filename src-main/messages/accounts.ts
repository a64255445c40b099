import { LumenError } from '../../src-shared/errors';
import type { HandlerMap } from '../core/registry';

// Placeholder until the sending work lands (issue 18): accounts, rules, retry.
const notYet = () => {
  throw new LumenError('unavailable', 'Messaging accounts are not built yet.');
};
export const accountHandlers: HandlerMap<'messages.accounts' | 'messages.saveAccount' | 'messages.removeAccount' | 'messages.testAccount' | 'messages.saveRules' | 'messages.retry'> = {
  'messages.accounts': notYet,
  'messages.saveAccount': notYet,
  'messages.removeAccount': notYet,
  'messages.testAccount': notYet,
  'messages.saveRules': notYet,
  'messages.retry': notYet,
};
