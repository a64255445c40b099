import { SegmentQuery, type SavedSegment } from '../../src-shared/contract/segments';
import { fieldError } from '../../src-shared/errors';
import type { HandlerContext, HandlerMap } from '../core/registry';
import type { SavedSegmentTable } from '../core/schema-segments';
import { compileFor, countOf } from './search';

/** A saved row with its current count; the stored JSON is parsed again, so a query saved by an older build still fits. */
async function savedOf(ctx: HandlerContext, row: SavedSegmentTable): Promise<SavedSegment> {
  const query = SegmentQuery.parse(JSON.parse(row.query));
  return { id: row.id, name: row.name, query, count: countOf(ctx, (await compileFor(ctx, query)).compiled), updatedAt: row.updatedAt };
}

async function requireSaved(ctx: HandlerContext, id: number): Promise<SavedSegmentTable> {
  const row = await ctx.db.selectFrom('savedSegment').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw fieldError('not_found', 'No such saved segment.', 'id');
  return row;
}

export const savedHandlers: HandlerMap<'segments.list' | 'segments.save' | 'segments.delete'> = {
  'segments.list': async (_input, ctx) => {
    const rows = await ctx.db.selectFrom('savedSegment').selectAll().orderBy('name').execute();
    return Promise.all(rows.map((row) => savedOf(ctx, row)));
  },

  'segments.save': async ({ id, name, query }, ctx) => {
    const before = id === undefined ? undefined : await requireSaved(ctx, id);
    const clash = await ctx.db
      .selectFrom('savedSegment')
      .select('id')
      .where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase()))
      .where('id', '!=', id ?? 0)
      .executeTakeFirst();
    if (clash) throw fieldError('conflict', `A segment named “${name}” already exists.`, 'name', 'Already taken');
    const at = ctx.now.toISOString();
    const text = JSON.stringify(query);
    const savedId = before?.id ?? ctx.newId('savedSegment');
    if (before) {
      await ctx.db.updateTable('savedSegment').set({ name, query: text, updatedAt: at }).where('id', '=', before.id).execute();
      ctx.audit({ action: 'update', entity: 'savedSegment', entityId: before.id, summary: `Changed the segment ${name}`, details: { before: { name: before.name, query: JSON.parse(before.query) }, after: { name, query } } });
    } else {
      await ctx.db.insertInto('savedSegment').values({ id: savedId, name, query: text, createdBy: ctx.actor.staffId, createdAt: at, updatedAt: at }).execute();
      ctx.audit({ action: 'create', entity: 'savedSegment', entityId: savedId, summary: `Saved the segment ${name}`, details: { name, query } });
    }
    return savedOf(ctx, await requireSaved(ctx, savedId));
  },

  'segments.delete': async ({ id }, ctx) => {
    const row = await requireSaved(ctx, id);
    await ctx.db.deleteFrom('savedSegment').where('id', '=', id).execute();
    ctx.audit({ action: 'update', entity: 'savedSegment', entityId: id, summary: `Deleted the segment ${row.name}`, details: { before: { name: row.name, query: JSON.parse(row.query) }, after: null } });
    return { ok: true as const };
  },
};
