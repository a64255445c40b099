import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { LumenError } from '../../src-shared/errors';
import type { HandlerMap } from '../core/registry';
import { applyChangeFile, exchangeWithSharedFolder, exportChangesAudited } from './exchange';

/** Change files by hand (USB stick) and through the shared folder. */
export const fileHandlers: HandlerMap<'sync.export' | 'sync.import' | 'sync.now' | 'sync.progress'> = {
  'sync.export': ({ folder, for: target }, ctx) => exportChangesAudited(ctx.runtime, folder, target, ctx.actor),

  'sync.import': async ({ file }, ctx) => {
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch {
      throw new LumenError('not_found', `There is no file at ${file}.`, { fieldErrors: { file: ['No such file'] } });
    }
    return applyChangeFile(ctx.runtime, bytes, { label: basename(file) });
  },

  'sync.now': async (_input, ctx) => {
    const { exported, imported } = await exchangeWithSharedFolder(ctx.runtime);
    return { exported, imported };
  },

  'sync.progress': (_input, ctx) => ({ ...ctx.runtime.sync }),
};
