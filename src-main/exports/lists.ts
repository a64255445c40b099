import { LumenError } from '../../src-shared/errors';
import type { HandlerMap } from '../core/registry';

export const listHandlers: HandlerMap<'exports.list'> = {
  'exports.list': () => {
    throw new LumenError('unavailable', 'Not yet available.');
  },
};
