import { flag } from '../core/db';
import type { HandlerMap } from '../core/registry';
import { assertNameFree, saveRow } from '../core/save-row';

export const referralHandlers: HandlerMap<'catalog.referralSources' | 'catalog.saveReferralSource'> = {
  'catalog.referralSources': async ({ includeInactive }, ctx) => {
    let query = ctx.db.selectFrom('referralSource').selectAll().orderBy('name');
    if (!includeInactive) query = query.where('active', '=', 1);
    return (await query.execute()).map((r) => ({ ...r, active: r.active === 1 }));
  },

  'catalog.saveReferralSource': async (input, ctx) => {
    await assertNameFree(ctx, 'referralSource', input.name, input.id);
    const { id, active, ...rest } = input;
    return saveRow(ctx, 'referralSource', 'referral source', id, { ...rest, active: flag(active) });
  },
};
