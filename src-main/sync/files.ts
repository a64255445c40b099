import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { LumenError } from '../../src-shared/errors';
import type { HandlerMap } from '../core/registry';
import { applyChangeFile, exchangeWithSharedFolder, exportChanges } from './exchange';

/** Change files by hand (USB stick) and through the shared folder. */
export const fileHandlers: HandlerMap<'sync.export' | 'sync.import' | 'sync.now' | 'sync.progress'> = {
  'sync.export': async ({ folder, for: target }, ctx) => {
    const written = exportChanges(ctx.runtime, folder, target);
    ctx.audit({
      action: 'export',
      entity: 'sync',
      entityId: target ?? null,
      summary: `Wrote ${written.changes} changes for ${written.recipients.join(', ') || 'other workstations'} to ${basename(written.file)}`,
      details: { file: written.file, changes: written.changes, for: target ?? null },
    });
    return { file: written.file, changes: written.changes, bytes: written.bytes };
  },

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
