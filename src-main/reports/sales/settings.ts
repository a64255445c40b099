import type { HandlerMap } from '../../core/registry';

/** When package revenue counts is a clinic setting (the clinic row's `packageRevenue`, default 'sale'). */
export const salesSettingsHandlers: HandlerMap<'reports.salesSettings' | 'reports.saveSalesSettings'> = {
  'reports.salesSettings': (_input, ctx) => ({ packageRevenue: ctx.clinic().packageRevenue }),

  'reports.saveSalesSettings': async ({ packageRevenue }, ctx) => {
    const before = ctx.clinic().packageRevenue;
    if (before !== packageRevenue) {
      await ctx.db.updateTable('clinic').set({ packageRevenue, updatedAt: ctx.now.toISOString() }).execute();
      ctx.audit({
        action: 'update',
        entity: 'clinic',
        entityId: String(ctx.clinic().id),
        summary: `Package revenue now counts ${packageRevenue === 'sale' ? 'when the package is sold' : 'as its units are redeemed'}`,
        details: { before: { packageRevenue: before }, after: { packageRevenue } },
      });
    }
    return { packageRevenue };
  },
};
