import { LumenError } from '../../src-shared/errors';
import type { ConflictRow } from '../../src-shared/contract/sync';
import type { HandlerMap } from '../core/registry';

/** Conflicts a merge decided by rule, for a person to review. Clinical values are shown only to those who may read them. */
export const conflictHandlers: HandlerMap<'sync.conflicts' | 'sync.reviewConflict'> = {
  'sync.conflicts': async ({ includeReviewed }, ctx) => {
    let query = ctx.db.selectFrom('syncConflict').selectAll().orderBy('detectedAt', 'desc').orderBy('id', 'desc').limit(500);
    if (!includeReviewed) query = query.where('reviewedAt', 'is', null);
    const clinical = ctx.can('clinical.read');
    return (await query.execute()).map(
      (row): ConflictRow => ({
        id: row.id,
        kind: row.kind,
        table: row.tbl,
        rowKey: row.rowKey,
        summary: row.summary,
        details: row.kind === 'clinicalEdit' || (row.kind === 'sealedEdit' && row.tbl === 'chart') ? (clinical ? JSON.parse(row.details) : { hidden: 'Clinical details are shown to practitioners only.' }) : JSON.parse(row.details),
        detectedAt: row.detectedAt,
        reviewedAt: row.reviewedAt,
      }),
    );
  },

  'sync.reviewConflict': async ({ id }, ctx) => {
    const session = ctx.requireSession();
    const updated = await ctx.db.updateTable('syncConflict').set({ reviewedAt: ctx.now.toISOString(), reviewedBy: session.staffId }).where('id', '=', id).where('reviewedAt', 'is', null).executeTakeFirst();
    if (!updated.numUpdatedRows) {
      const exists = await ctx.db.selectFrom('syncConflict').select('id').where('id', '=', id).executeTakeFirst();
      if (!exists) throw new LumenError('not_found', 'There is no such conflict.');
    }
    return { ok: true as const };
  },
};
