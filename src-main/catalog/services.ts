import { sql } from 'kysely';
import { fieldError } from '../../src-shared/errors';
import { escapeLike } from '../../src-shared/text';
import { flag } from '../core/db';
import type { HandlerMap } from '../core/registry';
import { assertNameFree, saveRow } from '../core/save-row';

export const serviceHandlers: HandlerMap<'catalog.services' | 'catalog.saveService'> = {
  'catalog.services': async ({ categoryId, q, includeInactive }, ctx) => {
    let query = ctx.db
      .selectFrom('service as s')
      .innerJoin('serviceCategory as c', 'c.id', 's.categoryId')
      .select((eb) => [
        's.id',
        's.categoryId',
        's.name',
        's.kind',
        's.priceCents',
        's.durationMinutes',
        's.taxable',
        's.active',
        's.intervalOverrideDays',
        'c.name as categoryName',
        eb.fn.coalesce('s.intervalOverrideDays', 'c.maintenanceIntervalDays').as('maintenanceIntervalDays'),
      ])
      .orderBy('c.sortOrder')
      .orderBy('c.name')
      .orderBy('s.name');
    if (categoryId !== undefined) query = query.where('s.categoryId', '=', categoryId);
    if (q) query = query.where(sql<boolean>`s.name LIKE ${`%${escapeLike(q)}%`} ESCAPE '\\'`);
    if (!includeInactive) query = query.where('s.active', '=', 1);
    return (await query.execute()).map((r) => ({ ...r, taxable: r.taxable === 1, active: r.active === 1 }));
  },

  'catalog.saveService': async (input, ctx) => {
    const category = await ctx.db.selectFrom('serviceCategory').select('id').where('id', '=', input.categoryId).executeTakeFirst();
    if (!category) throw fieldError('not_found', 'No such category.', 'categoryId', 'Choose a category');
    await assertNameFree(ctx, 'service', input.name, input.id, input.categoryId);
    const { id, taxable, active, ...rest } = input;
    return saveRow(ctx, 'service', 'service', id, { ...rest, taxable: flag(taxable), active: flag(active) });
  },
};
