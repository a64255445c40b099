import { LumenError } from '../../src-shared/errors';
import type { HandlerMap } from '../core/registry';
import type { MethodName } from '../../src-shared/contract/index';

type ImportMethod = Extract<MethodName, `imports.${string}`>;

const notYet = () => {
  throw new LumenError('unavailable', 'Importing is not ready yet.');
};

export const importHandlers: HandlerMap<ImportMethod> = {
  'imports.addFile': notYet,
  'imports.file': notYet,
  'imports.fields': notYet,
  'imports.saveMapping': notYet,
  'imports.mappings': notYet,
  'imports.deleteMapping': notYet,
  'imports.preview': notYet,
  'imports.run': notYet,
  'imports.progress': notYet,
  'imports.batches': notYet,
  'imports.report': notYet,
  'imports.undo': notYet,
};
