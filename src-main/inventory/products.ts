import { sql } from 'kysely';
import type { Product } from '../../src-shared/contract/inventory';
import { fieldError, LumenError } from '../../src-shared/errors';
import { flag } from '../core/db';
import type { HandlerContext, HandlerMap } from '../core/registry';

/** Products as lists show them, with on hand: the sum of the product's rows in stockOnHand, one per lot. */
export function productRows(ctx: HandlerContext) {
  return ctx.db
    .selectFrom('product as p')
    .selectAll('p')
    .select(sql<number>`coalesce((SELECT sum(o.onHand) FROM stockOnHand o WHERE o.productId = p.id), 0)`.as('onHand'))
    .orderBy('p.name');
}

export const toProduct = (row: Awaited<ReturnType<ReturnType<typeof productRows>['execute']>>[number]): Product => ({
  id: row.id,
  name: row.name,
  sku: row.sku,
  barcode: row.barcode,
  kind: row.kind,
  unit: row.unit,
  unitsPerPackage: row.unitsPerPackage,
  priceCents: row.priceCents,
  taxable: row.taxable === 1,
  reorderLevel: row.reorderLevel,
  active: row.active === 1,
  onHand: row.onHand,
});

export const productHandlers: HandlerMap<'products.list' | 'products.save'> = {
  'products.list': async ({ includeInactive, kind }, ctx) => {
    let query = productRows(ctx);
    if (!includeInactive) query = query.where('p.active', '=', 1);
    if (kind) query = query.where('p.kind', '=', kind);
    return (await query.execute()).map(toProduct);
  },

  'products.save': async ({ id, taxable, active, ...input }, ctx) => {
    const clash = await ctx.db
      .selectFrom('product')
      .select(['id', 'name', 'sku'])
      .where((eb) => eb.or([eb('name', '=', input.name), ...(input.sku ? [eb('sku', '=', input.sku)] : [])]))
      .where('id', '!=', id ?? 0)
      .executeTakeFirst();
    if (clash) {
      const byName = clash.name.toLowerCase() === input.name.toLowerCase();
      throw fieldError('conflict', byName ? `There is already a product called ${clash.name}.` : `SKU ${input.sku} belongs to ${clash.name}.`, byName ? 'name' : 'sku');
    }
    const at = ctx.now.toISOString();
    const values = { ...input, taxable: flag(taxable), active: flag(active), updatedAt: at };
    if (id === undefined) {
      const newId = ctx.newId('product');
      await ctx.db.insertInto('product').values({ ...values, id: newId, createdAt: at }).execute();
      ctx.audit({ action: 'create', entity: 'product', entityId: newId, summary: `Added product ${input.name}`, details: values });
      return { id: newId };
    }
    const before = await ctx.db.selectFrom('product').selectAll().where('id', '=', id).executeTakeFirst();
    if (!before) throw new LumenError('not_found', 'There is no such product.');
    if (before.unit !== input.unit && (await ctx.db.selectFrom('stockMovement').select('id').where('productId', '=', id).limit(1).executeTakeFirst())) {
      throw fieldError('conflict', `${before.name} already has stock counted in ${before.unit}; its unit cannot change.`, 'unit');
    }
    await ctx.db.updateTable('product').set(values).where('id', '=', id).execute();
    ctx.audit({ action: 'update', entity: 'product', entityId: id, summary: `Changed product ${input.name}`, details: { before, after: values } });
    return { id };
  },
};
