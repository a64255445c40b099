import type { CommissionRate } from '../../src-shared/contract/closing';
import { fieldError, LumenError } from '../../src-shared/errors';
import { minorUnits } from '../../src-shared/money';
import type { HandlerContext, HandlerMap } from '../core/registry';
import type { CommissionRateTable } from '../core/schema-closing';

/** A provider's rates, each with what it applies to (the default, a category, a service). */
export async function ratesOf(ctx: HandlerContext, staffId?: number): Promise<CommissionRate[]> {
  let query = ctx.db
    .selectFrom('commissionRate as r')
    .innerJoin('staff as s', 's.id', 'r.staffId')
    .leftJoin('serviceCategory as c', 'c.id', 'r.serviceCategoryId')
    .leftJoin('service as v', 'v.id', 'r.serviceId')
    .select(['r.id', 'r.staffId', 's.displayName as staffName', 'r.serviceCategoryId', 'r.serviceId', 'r.kind', 'r.value', 'c.name as categoryName', 'v.name as serviceName'])
    .orderBy('s.displayName')
    .orderBy('r.staffId');
  if (staffId !== undefined) query = query.where('r.staffId', '=', staffId);
  const rows = await query.execute();
  // Each provider's default first, then categories, then services, as the rule picks them the other way round.
  const rank = (rate: { serviceId: number | null; serviceCategoryId: number | null }) => (rate.serviceId !== null ? 2 : rate.serviceCategoryId !== null ? 1 : 0);
  return rows
    .map(({ categoryName, serviceName, ...rate }) => ({ ...rate, appliesTo: serviceName ?? (categoryName ? `${categoryName} (category)` : 'Default') }))
    .sort((a, b) => a.staffName.localeCompare(b.staffName) || a.staffId - b.staffId || rank(a) - rank(b) || a.appliesTo.localeCompare(b.appliesTo));
}

/** The text of a rate on a statement: "12.5 %" or "5.00 per unit" (minor units shown as a decimal of two places). */
export function rateText(rate: Pick<CommissionRateTable, 'kind' | 'value'> | null, exponent: number): string {
  if (!rate) return 'no rate';
  if (rate.kind === 'percent') return `${rate.value / 100} %`;
  return `${exponent ? (rate.value / 10 ** exponent).toFixed(exponent) : rate.value} per unit`;
}

/** Setting and removing rates; one rate per provider and scope (default, category, service), replaced in place. */
export const rateHandlers: HandlerMap<'commission.rates' | 'commission.saveRate' | 'commission.removeRate'> = {
  'commission.rates': ({ staffId }, ctx) => ratesOf(ctx, staffId),

  'commission.saveRate': async ({ staffId, serviceCategoryId, serviceId, kind, value }, ctx) => {
    if (!(await ctx.db.selectFrom('staff').select('id').where('id', '=', staffId).executeTakeFirst())) throw fieldError('not_found', 'There is no such staff member.', 'staffId');
    if (serviceCategoryId !== null && !(await ctx.db.selectFrom('serviceCategory').select('id').where('id', '=', serviceCategoryId).executeTakeFirst())) {
      throw fieldError('not_found', 'There is no such service category.', 'serviceCategoryId');
    }
    if (serviceId !== null && !(await ctx.db.selectFrom('service').select('id').where('id', '=', serviceId).executeTakeFirst())) throw fieldError('not_found', 'There is no such service.', 'serviceId');
    const existing = await ctx.db
      .selectFrom('commissionRate')
      .select('id')
      .where('staffId', '=', staffId)
      .where((eb) => (serviceCategoryId === null ? eb('serviceCategoryId', 'is', null) : eb('serviceCategoryId', '=', serviceCategoryId)))
      .where((eb) => (serviceId === null ? eb('serviceId', 'is', null) : eb('serviceId', '=', serviceId)))
      .orderBy('updatedAt', 'desc')
      .executeTakeFirst();
    const updatedAt = ctx.now.toISOString();
    const id = existing?.id ?? ctx.newId('commissionRate');
    if (existing) await ctx.db.updateTable('commissionRate').set({ kind, value, updatedAt }).where('id', '=', id).execute();
    else await ctx.db.insertInto('commissionRate').values({ id, staffId, serviceCategoryId, serviceId, kind, value, updatedAt }).execute();
    const saved = (await ratesOf(ctx, staffId)).find((rate) => rate.id === id)!;
    ctx.audit({ action: existing ? 'update' : 'create', entity: 'commissionRate', entityId: id, summary: `Commission of ${saved.staffName} for ${saved.appliesTo}: ${rateText(saved, minorUnits(ctx.clinic().currency))}`, details: { staffId, serviceCategoryId, serviceId, kind, value } });
    return saved;
  },

  'commission.removeRate': async ({ id }, ctx) => {
    const rate = (await ratesOf(ctx)).find((r) => r.id === id);
    if (!rate) throw new LumenError('not_found', 'There is no such commission rate.');
    await ctx.db.deleteFrom('commissionRate').where('id', '=', id).execute();
    ctx.audit({ action: 'update', entity: 'commissionRate', entityId: id, summary: `Removed the commission of ${rate.staffName} for ${rate.appliesTo}`, details: rate });
    return { ok: true as const };
  },
};
