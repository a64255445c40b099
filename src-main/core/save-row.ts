import { type Generated, type Kysely, sql, type Updateable } from 'kysely';
import { fieldError, LumenError } from '../../src-shared/errors';
import { changedFields } from './audit';
import type { HandlerContext } from './registry';
import type { Database } from './schema';

/** Reference-data tables: rows with an id and a name that must be unique (rooms, services, tags, tax rates…). */
export type NamedTable = { [T in keyof Database]: Database[T] extends { id: number; name: string } ? T : never }[keyof Database];

interface NamedRow {
  id: Generated<number>;
  name: string;
  [column: string]: unknown;
}

/**
 * Rows written in one insert, each with its id from this workstation's range: `newId` gives the next free id, so
 * the rows take it and the ones after it.
 */
export function withNewIds<R extends object>(ctx: Pick<HandlerContext, 'newId'>, table: keyof Database & string, rows: readonly R[]): (R & { id: number })[] {
  const firstId = ctx.newId(table);
  return rows.map((row, i) => ({ ...row, id: firstId + i }));
}

/**
 * Kysely cannot check a query on a table picked by a type parameter (each table's builder has its own overloads),
 * so these two helpers see any named table as a row with an id and a name; their signatures check the callers.
 */
function namedTables(ctx: HandlerContext): Kysely<Record<NamedTable, NamedRow>> {
  return ctx.db as unknown as Kysely<Record<NamedTable, NamedRow>>;
}

/**
 * Inserts a row when there is no id, else updates it; audited with the fields that changed. Columns left out keep
 * their defaults (insert) or stored values (update).
 */
export async function saveRow<T extends NamedTable>(
  ctx: HandlerContext,
  table: T,
  label: string,
  id: number | undefined,
  values: Updateable<Database[T]> & { name: string },
): Promise<{ id: number }> {
  const db = namedTables(ctx);
  if (id === undefined) {
    const newId = ctx.newId(table);
    await db.insertInto<NamedTable>(table).values({ ...values, id: newId }).execute();
    ctx.audit({ action: 'create', entity: table, entityId: newId, summary: `Added ${label} ${values.name}`, details: { after: values } });
    return { id: newId };
  }
  const before = await db.selectFrom<NamedTable>(table).selectAll().where('id', '=', id).executeTakeFirst();
  if (!before) throw new LumenError('not_found', `No such ${label}.`);
  await db.updateTable<NamedTable>(table).set(values).where('id', '=', id).execute();
  ctx.audit({ action: 'update', entity: table, entityId: id, summary: `Changed ${label} ${values.name}`, details: changedFields(before, values) });
  return { id };
}

/** A unique-name clash as a field error instead of a database error; `categoryId` narrows it to one category (services). */
export async function assertNameFree(ctx: HandlerContext, table: NamedTable, name: string, id: number | undefined, categoryId?: number): Promise<void> {
  let query = namedTables(ctx)
    .selectFrom(table)
    .select('id')
    .where(sql<boolean>`name = ${name} COLLATE NOCASE`)
    .where('id', 'is not', id ?? null);
  if (categoryId !== undefined) query = query.where('categoryId', '=', categoryId);
  if (await query.executeTakeFirst()) throw fieldError('conflict', `“${name}” already exists.`, 'name', 'Already exists');
}
