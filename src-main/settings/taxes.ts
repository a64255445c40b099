import { fieldError } from '../../src-shared/errors';
import { flag } from '../core/db';
import type { HandlerMap } from '../core/registry';
import { assertNameFree, saveRow } from '../core/save-row';

export const taxHandlers: HandlerMap<'settings.taxRates' | 'settings.saveTaxRate'> = {
  'settings.taxRates': async (_input, ctx) => {
    const rows = await ctx.db.selectFrom('taxRate').selectAll().orderBy('isDefault', 'desc').orderBy('active', 'desc').orderBy('name').execute();
    return rows.map((r) => ({ ...r, isDefault: r.isDefault === 1, active: r.active === 1 }));
  },

  'settings.saveTaxRate': async ({ id, name, rateMillipercent, isDefault, active }, ctx) => {
    if (isDefault && !active) throw fieldError('invalid_input', 'The default tax rate must be active.', 'active', 'The default rate must be active');
    await assertNameFree(ctx, 'taxRate', name, id);
    // There is one default at most: setting a new one clears the old.
    if (isDefault) await ctx.db.updateTable('taxRate').set({ isDefault: 0 }).where('isDefault', '=', 1).where('id', 'is not', id ?? null).execute();
    return saveRow(ctx, 'taxRate', 'tax rate', id, { name, rateMillipercent, isDefault: flag(isDefault), active: flag(active) });
  },
};
