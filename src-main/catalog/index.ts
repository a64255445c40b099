import type { referralChannels } from '../../src-shared/contract/catalog';
import { LumenError } from '../../src-shared/errors';
import type { Sqlite } from '../core/db';
import type { HandlerMap } from '../core/registry';
import { assertNameFree, saveRow } from '../core/save-row';

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

export function seedStarterCategories(sqlite: Sqlite): void {
  const insert = sqlite.prepare('INSERT OR IGNORE INTO serviceCategory (name, color, maintenanceIntervalDays, averageSaleCents, active, sortOrder, chartTemplate) VALUES (?, ?, ?, 0, 1, ?, ?)');
  STARTER_CATEGORIES.forEach((c, i) => insert.run(c.name, c.color, c.maintenanceIntervalDays, i, c.chartTemplate));
}

const flag = (b: boolean) => (b ? 1 : 0) as 0 | 1;

export const catalogHandlers: HandlerMap<
  'catalog.categories' | 'catalog.saveCategory' | 'catalog.services' | 'catalog.saveService' | 'catalog.referralSources' | 'catalog.saveReferralSource'
> = {
  'catalog.categories': ({ includeInactive }, ctx) => {
    const rows = ctx.sqlite
      .prepare(
        `SELECT c.id, c.name, c.color, c.maintenanceIntervalDays, c.averageSaleCents, c.active, c.chartTemplate,
           (SELECT count(*) FROM service s WHERE s.categoryId = c.id AND s.active = 1) AS serviceCount
         FROM serviceCategory c ${includeInactive ? '' : 'WHERE c.active = 1'} ORDER BY c.sortOrder, c.name`,
      )
      .all() as { id: number; name: string; color: string; maintenanceIntervalDays: number | null; averageSaleCents: number; active: number; serviceCount: number; chartTemplate: 'general' }[];
    return rows.map((r) => ({ ...r, active: r.active === 1 }));
  },

  'catalog.saveCategory': async (input, ctx) => {
    await assertNameFree(ctx, 'serviceCategory', input.name, input.id);
    const { id, active, ...rest } = input;
    return saveRow(ctx, 'serviceCategory', 'category', id, { ...rest, active: flag(active) });
  },

  'catalog.services': ({ categoryId, q, includeInactive }, ctx) => {
    const rows = ctx.sqlite
      .prepare(
        `SELECT s.id, s.categoryId, s.name, s.kind, s.priceCents, s.durationMinutes, s.taxable, s.active, s.intervalOverrideDays, c.name AS categoryName, coalesce(s.intervalOverrideDays, c.maintenanceIntervalDays) AS maintenanceIntervalDays
         FROM service s JOIN serviceCategory c ON c.id = s.categoryId
         WHERE (@categoryId IS NULL OR s.categoryId = @categoryId)
           AND (@q IS NULL OR s.name LIKE '%' || @q || '%' ESCAPE '\\')
           AND (@all = 1 OR s.active = 1)
         ORDER BY c.sortOrder, c.name, s.name`,
      )
      .all({ categoryId: categoryId ?? null, q: q ? q.replace(/[\\%_]/g, '\\$&') : null, all: includeInactive ? 1 : 0 }) as {
      id: number;
      categoryId: number;
      categoryName: string;
      name: string;
      kind: 'consult' | 'treatment' | 'product' | 'package';
      priceCents: number;
      durationMinutes: number;
      taxable: number;
      active: number;
      intervalOverrideDays: number | null;
      maintenanceIntervalDays: number | null;
    }[];
    return rows.map((r) => ({ ...r, taxable: r.taxable === 1, active: r.active === 1 }));
  },

  'catalog.saveService': async (input, ctx) => {
    if (!ctx.sqlite.prepare('SELECT 1 FROM serviceCategory WHERE id = ?').get(input.categoryId)) {
      throw new LumenError('not_found', 'No such category.', { formErrors: [], fieldErrors: { categoryId: ['Choose a category'] } });
    }
    await assertNameFree(ctx, 'service', input.name, input.id, input.categoryId);
    const { id, taxable, active, ...rest } = input;
    return saveRow(ctx, 'service', 'service', id, { ...rest, taxable: flag(taxable), active: flag(active) });
  },

  'catalog.referralSources': ({ includeInactive }, ctx) => {
    const rows = ctx.sqlite.prepare(`SELECT * FROM referralSource ${includeInactive ? '' : 'WHERE active = 1'} ORDER BY name`).all() as {
      id: number;
      name: string;
      channel: (typeof referralChannels)[number];
      monthlyCostCents: number;
      active: number;
    }[];
    return rows.map((r) => ({ ...r, active: r.active === 1 }));
  },

  'catalog.saveReferralSource': async (input, ctx) => {
    await assertNameFree(ctx, 'referralSource', input.name, input.id);
    const { id, active, ...rest } = input;
    return saveRow(ctx, 'referralSource', 'referral source', id, { ...rest, active: flag(active) });
  },
};
