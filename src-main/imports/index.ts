import type { imports } from '../../src-shared/contract/imports';
import type { HandlerMap } from '../core/registry';
import { fileHandlers } from './added';
import { batchHandlers } from './batches';
import { mappingHandlers } from './mappings';
import { runHandlers } from './run';

/** Imports from another system: files, mappings, preview, run (and dry run), progress, reports and undo. */
export const importHandlers: HandlerMap<keyof typeof imports> = {
  ...fileHandlers,
  ...mappingHandlers,
  ...runHandlers,
  ...batchHandlers,
};
