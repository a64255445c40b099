import { type FileSummary, importFields, importKinds } from '../../src-shared/contract/imports';
import type { OutputOf } from '../../src-shared/contract/index';
import type { HandlerContext, HandlerMap } from '../core/registry';
import { batchesOfFile } from './batches';
import { loadImportFile, type StoredFile, storeImportFile, tableOf } from './files';
import { guessMapping } from './read/index';

/** Rows shown with the table's shape. */
const SAMPLE_ROWS = 20;

async function summaryOf(ctx: HandlerContext, file: StoredFile, sheet: string | undefined): Promise<FileSummary> {
  const { rows, ...shape } = await tableOf(ctx.runtime, file, sheet);
  return {
    fileId: file.sha256,
    fileName: file.fileName,
    ...shape,
    rowCount: rows.length,
    sample: rows.slice(0, SAMPLE_ROWS),
    importedBefore: await batchesOfFile(ctx, file.sha256),
    guesses: Object.fromEntries(importKinds.map((kind) => [kind, guessMapping(shape.header, importFields[kind])])) as FileSummary['guesses'],
  };
}

export const fileHandlers: HandlerMap<'imports.addFile' | 'imports.file' | 'imports.fields'> = {
  'imports.addFile': ({ fileName, dataBase64, sheet }, ctx) => summaryOf(ctx, storeImportFile(ctx.runtime, fileName, Buffer.from(dataBase64, 'base64')), sheet),
  'imports.file': ({ fileId, sheet }, ctx) => summaryOf(ctx, loadImportFile(ctx.runtime, fileId), sheet),
  'imports.fields': () => Object.fromEntries(importKinds.map((kind) => [kind, importFields[kind].map((f) => ({ ...f, synonyms: [...f.synonyms] }))])) as OutputOf<'imports.fields'>,
};
