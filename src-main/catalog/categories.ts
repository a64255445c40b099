import type { NotNull } from 'kysely';
import { flag } from '../core/db';
import type { HandlerContext, HandlerMap } from '../core/registry';
import { assertNameFree, saveRow, withNewIds } from '../core/save-row';

/** The usual aesthetic categories with their maintenance intervals, so a new clinic starts with the retention rules. */
export const STARTER_CATEGORIES = [
  { name: 'Consultation', color: '#64748b', maintenanceIntervalDays: null, chartTemplate: 'general' },
  { name: 'Neurotoxin', color: '#6366f1', maintenanceIntervalDays: 90, chartTemplate: 'injectable' },
  { name: 'Dermal filler', color: '#ec4899', maintenanceIntervalDays: 270, chartTemplate: 'injectable' },
  { name: 'Chemical peel', color: '#f59e0b', maintenanceIntervalDays: 42, chartTemplate: 'skin' },
  { name: 'HydraFacial', color: '#06b6d4', maintenanceIntervalDays: 30, chartTemplate: 'skin' },
  { name: 'Laser hair removal', color: '#ef4444', maintenanceIntervalDays: 42, chartTemplate: 'energy' },
  { name: 'IPL photofacial', color: '#f97316', maintenanceIntervalDays: 28, chartTemplate: 'energy' },
  { name: 'Microneedling', color: '#8b5cf6', maintenanceIntervalDays: 42, chartTemplate: 'skin' },
  { name: 'Body contouring', color: '#10b981', maintenanceIntervalDays: 56, chartTemplate: 'energy' },
  { name: 'Skincare retail', color: '#84cc16', maintenanceIntervalDays: null, chartTemplate: 'general' },
] as const;

export async function seedStarterCategories(ctx: HandlerContext): Promise<void> {
  await ctx.db
    .insertInto('serviceCategory')
    .values(withNewIds(ctx, 'serviceCategory', STARTER_CATEGORIES.map((c, i) => ({ ...c, averageSaleCents: 0, active: 1 as const, sortOrder: i }))))
    .orIgnore()
    .execute();
}

export const categoryHandlers: HandlerMap<'catalog.categories' | 'catalog.saveCategory'> = {
  'catalog.categories': async ({ includeInactive }, ctx) => {
    let query = ctx.db
      .selectFrom('serviceCategory as c')
      .select((eb) => [
        'c.id',
        'c.name',
        'c.color',
        'c.maintenanceIntervalDays',
        'c.averageSaleCents',
        'c.active',
        'c.chartTemplate',
        eb.selectFrom('service as s').select(eb.fn.countAll<number>().as('n')).whereRef('s.categoryId', '=', 'c.id').where('s.active', '=', 1).as('serviceCount'),
      ])
      .$narrowType<{ serviceCount: NotNull }>()
      .orderBy('c.sortOrder')
      .orderBy('c.name');
    if (!includeInactive) query = query.where('c.active', '=', 1);
    return (await query.execute()).map((r) => ({ ...r, active: r.active === 1 }));
  },

  'catalog.saveCategory': async (input, ctx) => {
    await assertNameFree(ctx, 'serviceCategory', input.name, input.id);
    const { id, active, ...rest } = input;
    return saveRow(ctx, 'serviceCategory', 'category', id, { ...rest, active: flag(active) });
  },
};
