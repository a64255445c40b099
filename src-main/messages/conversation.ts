import { LumenError } from '../../src-shared/errors';
import type { HandlerMap } from '../core/registry';

// Placeholder until the conversation work lands (issue 18): thread, send, inbox, signature.
const notYet = () => {
  throw new LumenError('unavailable', 'Conversations are not built yet.');
};
export const conversationHandlers: HandlerMap<
  'messages.thread' | 'messages.send' | 'messages.inbox' | 'messages.assignPatient' | 'messages.setOwner' | 'messages.close' | 'messages.signature' | 'messages.saveSignature'
> = {
  'messages.thread': notYet,
  'messages.send': notYet,
  'messages.inbox': notYet,
  'messages.assignPatient': notYet,
  'messages.setOwner': notYet,
  'messages.close': notYet,
  'messages.signature': notYet,
  'messages.saveSignature': notYet,
};
