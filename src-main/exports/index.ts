import type { dataExports } from '../../src-shared/contract/exports';
import { LumenError } from '../../src-shared/errors';
import type { HandlerMap } from '../core/registry';

const notYet = () => {
  throw new LumenError('unavailable', 'Not yet available.');
};

/** The whole-clinic archive and single lists. */
export const exportHandlers: HandlerMap<keyof typeof dataExports> = {
  'exports.clinic': notYet,
  'exports.progress': () => ({ running: false, step: null, tablesDone: 0, tablesTotal: 0, rows: 0, lastError: null }),
  'exports.list': notYet,
};
