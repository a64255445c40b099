import { LumenError } from '../../src-shared/errors';
import { changedFields } from './audit';
import type { HandlerContext } from './registry';

/**
 * Inserts a row when there is no id, else updates it; audited with the fields that changed.
 * Column names come from a validated input schema's keys, never from free text.
 */
export function saveRow(ctx: HandlerContext, table: string, label: string, id: number | undefined, values: Record<string, unknown>): { id: number } {
  const columns = Object.keys(values);
  if (id === undefined) {
    const sql = `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((c) => '@' + c).join(', ')})`;
    const newId = Number(ctx.sqlite.prepare(sql).run(values).lastInsertRowid);
    ctx.audit({ action: 'create', entity: table, entityId: newId, summary: `Added ${label} ${String(values.name)}`, details: { after: values } });
    return { id: newId };
  }
  const before = ctx.sqlite.prepare(`SELECT * FROM ${table} WHERE id = ?`).get(id) as Record<string, unknown> | undefined;
  if (!before) throw new LumenError('not_found', `No such ${label}.`);
  ctx.sqlite.prepare(`UPDATE ${table} SET ${columns.map((c) => `${c} = @${c}`).join(', ')} WHERE id = @id`).run({ ...values, id });
  ctx.audit({ action: 'update', entity: table, entityId: id, summary: `Changed ${label} ${String(values.name)}`, details: changedFields(before, values) });
  return { id };
}

/** A unique-name clash as a field error instead of a database error. */
export function assertNameFree(ctx: HandlerContext, table: string, name: string, id: number | undefined, scope = ''): void {
  const clash = ctx.sqlite.prepare(`SELECT 1 FROM ${table} WHERE name = ? COLLATE NOCASE AND id IS NOT ? ${scope}`).get(name, id ?? null);
  if (clash) throw new LumenError('conflict', `“${name}” already exists.`, { formErrors: [], fieldErrors: { name: ['Already exists'] } });
}
