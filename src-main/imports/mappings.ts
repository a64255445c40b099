import { fieldError, LumenError } from '../../src-shared/errors';
import { importFields } from '../../src-shared/contract/imports';
import { cached } from '../core/db';
import type { HandlerMap } from '../core/registry';

export const mappingHandlers: HandlerMap<'imports.saveMapping' | 'imports.mappings' | 'imports.deleteMapping'> = {
  /** Saving under a name the kind already has replaces that mapping. */
  'imports.saveMapping': async ({ name, kind, columns }, ctx) => {
    const known = new Set(importFields[kind].map((f) => f.key));
    const unknown = Object.entries(columns).find(([, key]) => !known.has(key));
    if (unknown) throw fieldError('invalid_input', `“${unknown[1]}” is not a field of this kind of import.`, `columns.${unknown[0]}`);
    const values = { name, kind, columns: JSON.stringify(columns), updatedAt: ctx.now.toISOString(), updatedBy: ctx.session?.staffId ?? null };
    // Names are unique per kind without regard to case (the index is NOCASE).
    const existing = cached(ctx.sqlite, 'SELECT id FROM importMapping WHERE kind = ? AND name = ? COLLATE NOCASE').get(kind, name) as { id: number } | undefined;
    const id = existing?.id ?? ctx.newId('importMapping');
    if (existing) await ctx.db.updateTable('importMapping').set(values).where('id', '=', id).execute();
    else await ctx.db.insertInto('importMapping').values({ id, ...values }).execute();
    ctx.audit({ action: existing ? 'update' : 'create', entity: 'importMapping', entityId: id, summary: `Saved the import mapping “${name}” (${kind})`, details: { columns } });
    return { id };
  },

  'imports.mappings': async ({ kind }, ctx) => {
    let query = ctx.db.selectFrom('importMapping').select(['id', 'name', 'kind', 'columns', 'updatedAt']).orderBy('name');
    if (kind) query = query.where('kind', '=', kind);
    return (await query.execute()).map((m) => ({ ...m, columns: JSON.parse(m.columns) }));
  },

  'imports.deleteMapping': async ({ id }, ctx) => {
    const mapping = await ctx.db.selectFrom('importMapping').select('name').where('id', '=', id).executeTakeFirst();
    if (!mapping) throw new LumenError('not_found', 'There is no such mapping.');
    await ctx.db.deleteFrom('importMapping').where('id', '=', id).execute();
    ctx.audit({ action: 'update', entity: 'importMapping', entityId: id, summary: `Deleted the import mapping “${mapping.name}”` });
    return { ok: true as const };
  },
};
