import type { Batch, RowResult } from '../../src-shared/contract/imports';
import { csvText } from '../../src-shared/csv';
import { LumenError } from '../../src-shared/errors';
import type { HandlerContext, HandlerMap } from '../core/registry';
import { undoBatch } from './undo';

async function batchesWhere(ctx: HandlerContext, filter: { id?: number; sha256?: string }): Promise<Batch[]> {
  let query = ctx.db
    .selectFrom('importBatch as b')
    .leftJoin('staff as s', 's.id', 'b.by')
    .select(['b.id', 'b.kind', 'b.fileName', 'b.sha256', 'b.at', 'b.imported', 'b.matched', 'b.skipped', 'b.alreadyImported', 'b.undoneAt', 's.displayName'])
    .orderBy('b.at', 'desc')
    .orderBy('b.id', 'desc');
  if (filter.id !== undefined) query = query.where('b.id', '=', filter.id);
  if (filter.sha256 !== undefined) query = query.where('b.sha256', '=', filter.sha256);
  return (await query.execute()).map(({ displayName, ...batch }) => ({ ...batch, by: displayName ?? 'command line' }));
}

/** Earlier batches of the same file (by content). */
export const batchesOfFile = (ctx: HandlerContext, sha256: string) => batchesWhere(ctx, { sha256 });

async function rowsOf(ctx: HandlerContext, batchId: number): Promise<RowResult[]> {
  const rows = await ctx.db
    .selectFrom('importRow as r')
    .leftJoin('patient as p', 'p.id', 'r.patientId')
    .select(['r.line', 'r.outcome', 'r.patientId', 'r.merged', 'r.matchedBy', 'r.problems', 'p.number', 'p.firstName', 'p.lastName'])
    .where('r.batchId', '=', batchId)
    .orderBy('r.line')
    .execute();
  return rows.map((r) => ({
    line: r.line,
    outcome: r.outcome,
    // A record the import created and its undo removed is no longer there to name.
    patient: r.patientId !== null && r.number !== null ? { id: r.patientId, number: r.number, name: `${r.firstName} ${r.lastName}` } : null,
    matchedBy: JSON.parse(r.matchedBy),
    merged: r.merged === null ? null : r.merged === 1,
    problems: JSON.parse(r.problems),
  }));
}

const OUTCOME_LABELS: Record<RowResult['outcome'], string> = { create: 'Imported', match: 'Matched', skip: 'Skipped', already: 'Already imported' };

function reportCsv(rows: readonly RowResult[]): string {
  return csvText(
    ['Line', 'Outcome', 'Merged', 'Patient number', 'Patient', 'Matched by', 'Reason'],
    rows.map((r) => [
      r.line,
      OUTCOME_LABELS[r.outcome],
      r.merged === null ? '' : r.merged ? 'merged' : 'kept apart',
      r.patient?.number ?? '',
      r.patient?.name ?? '',
      r.matchedBy.join(', '),
      r.problems.map((p) => (p.column ? `${p.column}: ${p.message}` : p.message)).join(' | '),
    ]),
  );
}

export const batchHandlers: HandlerMap<'imports.batches' | 'imports.report' | 'imports.undo'> = {
  'imports.batches': (_input, ctx) => batchesWhere(ctx, {}),

  'imports.report': async ({ batchId, format }, ctx) => {
    const [batch] = await batchesWhere(ctx, { id: batchId });
    if (!batch) throw new LumenError('not_found', 'There is no such import.');
    const rows = await rowsOf(ctx, batchId);
    const fileName = `import-${batchId}-report.csv`;
    return format === 'csv' ? { batch, rows: [], csv: reportCsv(rows), fileName } : { batch, rows, csv: null, fileName };
  },

  'imports.undo': ({ batchId }, ctx) => undoBatch(ctx, batchId),
};
