import type { privacy } from '../../src-shared/contract/privacy';
import { LumenError } from '../../src-shared/errors';
import type { HandlerMap } from '../core/registry';

const notYet = () => {
  throw new LumenError('unavailable', 'Not yet available.');
};

/** Patients' rights: access/portability and erasure, and the retention setting. */
export const privacyHandlers: HandlerMap<keyof typeof privacy> = {
  'privacy.settings': () => ({ clinicalRetentionYears: 10, updatedAt: null }),
  'privacy.saveSettings': notYet,
  'privacy.access': notYet,
  'privacy.erase': notYet,
};
