import { sql } from 'kysely';
import type { PackagePlan } from '../../src-shared/contract/prepaid';
import { fieldError } from '../../src-shared/errors';
import { flag } from '../core/db';
import type { HandlerContext, HandlerMap } from '../core/registry';
import { assertNameFree, saveRow } from '../core/save-row';

/** Package plans with the name of what they cover; `id` narrows to one. */
export async function packagePlans(ctx: HandlerContext, where: { includeInactive?: boolean; id?: number }): Promise<PackagePlan[]> {
  let query = ctx.db
    .selectFrom('packagePlan as p')
    .leftJoin('service as s', 's.id', 'p.serviceId')
    .leftJoin('serviceCategory as c', 'c.id', 'p.categoryId')
    .selectAll('p')
    .select(sql<string>`coalesce(s.name, 'Any ' || c.name)`.as('covers'))
    .orderBy('p.active', 'desc')
    .orderBy('p.name');
  if (!where.includeInactive) query = query.where('p.active', '=', 1);
  if (where.id !== undefined) query = query.where('p.id', '=', where.id);
  return (await query.execute()).map(({ createdAt: _c, updatedAt: _u, ...plan }) => ({ ...plan, transferable: plan.transferable === 1, active: plan.active === 1 }));
}

/** Package and top-up plans, and the gift-card validity setting. */
export const planHandlers: HandlerMap<'packagePlans.list' | 'packagePlans.save' | 'topUpPlans.list' | 'topUpPlans.save' | 'prepaid.settings' | 'prepaid.saveSettings'> = {
  'packagePlans.list': ({ includeInactive }, ctx) => packagePlans(ctx, { includeInactive }),

  'packagePlans.save': async (input, ctx) => {
    const { id, transferable, active, ...rest } = input;
    if ((rest.serviceId === null) === (rest.categoryId === null)) throw fieldError('invalid_input', 'A package covers one service or one category.', 'serviceId', 'Choose a service or a category');
    if (rest.serviceId !== null && !(await ctx.db.selectFrom('service').select('id').where('id', '=', rest.serviceId).executeTakeFirst())) {
      throw fieldError('not_found', 'No such service.', 'serviceId');
    }
    if (rest.categoryId !== null && !(await ctx.db.selectFrom('serviceCategory').select('id').where('id', '=', rest.categoryId).executeTakeFirst())) {
      throw fieldError('not_found', 'No such category.', 'categoryId');
    }
    await assertNameFree(ctx, 'packagePlan', rest.name, id);
    const at = ctx.now.toISOString();
    const saved = await saveRow(ctx, 'packagePlan', 'package plan', id, { ...rest, transferable: flag(transferable), active: flag(active), updatedAt: at, ...(id === undefined ? { createdAt: at } : {}) });
    return (await packagePlans(ctx, { includeInactive: true, id: saved.id }))[0];
  },

  'topUpPlans.list': async ({ includeInactive }, ctx) => {
    let query = ctx.db.selectFrom('topUpPlan').select(['id', 'name', 'amountCents', 'bonusCents', 'active']).orderBy('active', 'desc').orderBy('amountCents');
    if (!includeInactive) query = query.where('active', '=', 1);
    return (await query.execute()).map((plan) => ({ ...plan, active: plan.active === 1 }));
  },

  'topUpPlans.save': async (input, ctx) => {
    const { id, active, ...rest } = input;
    await assertNameFree(ctx, 'topUpPlan', rest.name, id);
    const at = ctx.now.toISOString();
    const saved = await saveRow(ctx, 'topUpPlan', 'top-up plan', id, { ...rest, active: flag(active), updatedAt: at, ...(id === undefined ? { createdAt: at } : {}) });
    const plan = await ctx.db.selectFrom('topUpPlan').select(['id', 'name', 'amountCents', 'bonusCents', 'active']).where('id', '=', saved.id).executeTakeFirstOrThrow();
    return { ...plan, active: plan.active === 1 };
  },

  'prepaid.settings': (_input, ctx) => ({ giftCardValidityMonths: ctx.clinic().giftCardValidityMonths }),

  'prepaid.saveSettings': async ({ giftCardValidityMonths }, ctx) => {
    const before = ctx.clinic().giftCardValidityMonths;
    await ctx.db.updateTable('clinic').set({ giftCardValidityMonths, updatedAt: ctx.now.toISOString() }).execute();
    ctx.audit({ action: 'update', entity: 'clinic', summary: `Gift cards now stay valid ${giftCardValidityMonths} months`, details: { giftCardValidityMonths: { from: before, to: giftCardValidityMonths } } });
    return { giftCardValidityMonths };
  },
};
