import { randomInt } from 'node:crypto';
import { sql } from 'kysely';
import type { Coupon } from '../../src-shared/contract/promotions';
import { fieldError, LumenError } from '../../src-shared/errors';
import { flag } from '../core/db';
import type { HandlerContext, HandlerMap } from '../core/registry';
import { withNewIds } from '../core/save-row';
import { couponDiscount } from './redeem';

/** Letters and digits nobody misreads on a phone screen (no 0/O, 1/I/L). */
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** Coupons with their campaign, shared code, e-coupon count and net uses and discount given. */
export async function loadCoupons(ctx: HandlerContext, where: { id?: number } = {}): Promise<Coupon[]> {
  let query = ctx.db
    .selectFrom('coupon')
    .innerJoin('campaign', 'campaign.id', 'coupon.campaignId')
    .selectAll('coupon')
    .select('campaign.name as campaignName')
    .select([
      sql<string | null>`(SELECT code FROM couponCode c WHERE c.couponId = coupon.id AND c.patientId IS NULL ORDER BY c.id LIMIT 1)`.as('sharedCode'),
      sql<number>`(SELECT count(*) FROM couponCode c WHERE c.couponId = coupon.id AND c.patientId IS NOT NULL)`.as('eCouponCount'),
      sql<number>`coalesce((SELECT sum(r.uses) FROM couponRedemption r WHERE r.couponId = coupon.id), 0)`.as('uses'),
      sql<number>`coalesce((SELECT sum(r.discountCents) FROM couponRedemption r WHERE r.couponId = coupon.id), 0)`.as('discountGivenCents'),
    ])
    .orderBy('coupon.validFrom', 'desc')
    .orderBy('coupon.id', 'desc');
  if (where.id !== undefined) query = query.where('coupon.id', '=', where.id);
  return (await query.execute()).map(({ discountKind, discountValue, serviceIds, categoryIds, active, createdAt: _c, updatedAt: _u, ...row }) => ({
    ...row,
    discount: couponDiscount({ discountKind, discountValue }),
    serviceIds: JSON.parse(serviceIds) as number[],
    categoryIds: JSON.parse(categoryIds) as number[],
    active: active === 1,
  }));
}

async function loadCoupon(ctx: HandlerContext, id: number): Promise<Coupon> {
  const [coupon] = await loadCoupons(ctx, { id });
  if (!coupon) throw new LumenError('not_found', 'There is no such coupon.');
  return coupon;
}

async function requireCodeFree(ctx: HandlerContext, code: string, field: string): Promise<void> {
  const taken = await ctx.db.selectFrom('couponCode').select('id').where(sql<boolean>`code = ${code} COLLATE NOCASE`).executeTakeFirst();
  if (taken) throw fieldError('conflict', `The code ${code} is already in use.`, field);
}

async function requireIdsExist(ctx: HandlerContext, table: 'service' | 'serviceCategory', ids: number[], field: string): Promise<void> {
  if (!ids.length) return;
  const found = await ctx.db.selectFrom(table).select('id').where('id', 'in', ids).execute();
  if (found.length !== new Set(ids).size) throw fieldError('not_found', `One of the ${table === 'service' ? 'services' : 'categories'} does not exist.`, field);
}

function newCode(): string {
  return Array.from({ length: 8 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');
}

export const couponHandlers: HandlerMap<'campaigns.list' | 'campaigns.save' | 'coupons.save' | 'coupons.extend' | 'coupons.setActive' | 'coupons.issueCodes'> = {
  'campaigns.list': async (_input, ctx) => {
    const campaigns = await ctx.db.selectFrom('campaign').select(['id', 'name', 'channel', 'notes', 'costCents', 'createdAt']).orderBy('createdAt', 'desc').orderBy('id', 'desc').execute();
    const coupons = await loadCoupons(ctx);
    return campaigns.map((campaign) => ({ ...campaign, coupons: coupons.filter((coupon) => coupon.campaignId === campaign.id) }));
  },

  'campaigns.save': async ({ id, ...fields }, ctx) => {
    const clash = await ctx.db.selectFrom('campaign').select('id').where(sql<boolean>`name = ${fields.name} COLLATE NOCASE`).executeTakeFirst();
    if (clash && clash.id !== id) throw fieldError('conflict', `There is already a campaign called ${fields.name}.`, 'name');
    const at = ctx.now.toISOString();
    if (id === undefined) {
      const newIdValue = ctx.newId('campaign');
      await ctx.db.insertInto('campaign').values({ id: newIdValue, ...fields, createdAt: at, updatedAt: at }).execute();
      ctx.audit({ action: 'create', entity: 'campaign', entityId: newIdValue, summary: `Created the campaign ${fields.name}`, details: fields });
      return { id: newIdValue };
    }
    const result = await ctx.db.updateTable('campaign').set({ ...fields, updatedAt: at }).where('id', '=', id).executeTakeFirst();
    if (!result.numUpdatedRows) throw new LumenError('not_found', 'There is no such campaign.');
    ctx.audit({ action: 'update', entity: 'campaign', entityId: id, summary: `Edited the campaign ${fields.name}`, details: fields });
    return { id };
  },

  'coupons.save': async ({ id, code, discount, serviceIds, categoryIds, active, ...rules }, ctx) => {
    if (!(await ctx.db.selectFrom('campaign').select('id').where('id', '=', rules.campaignId).executeTakeFirst())) throw fieldError('not_found', 'There is no such campaign.', 'campaignId');
    await requireIdsExist(ctx, 'service', serviceIds, 'serviceIds');
    await requireIdsExist(ctx, 'serviceCategory', categoryIds, 'categoryIds');
    const columns = {
      ...rules,
      discountKind: discount.kind,
      discountValue: discount.kind === 'percent' ? discount.basisPoints : discount.cents,
      serviceIds: JSON.stringify([...new Set(serviceIds)]),
      categoryIds: JSON.stringify([...new Set(categoryIds)]),
      active: flag(active),
      updatedAt: ctx.now.toISOString(),
    };
    if (id === undefined) {
      const couponId = ctx.newId('coupon');
      await ctx.db.insertInto('coupon').values({ id: couponId, ...columns, createdAt: ctx.now.toISOString() }).execute();
      if (code !== undefined) {
        await requireCodeFree(ctx, code, 'code');
        await ctx.db.insertInto('couponCode').values({ id: ctx.newId('couponCode'), couponId, code, patientId: null, createdAt: ctx.now.toISOString() }).execute();
      }
      ctx.audit({ action: 'create', entity: 'coupon', entityId: couponId, summary: `Created the coupon ${rules.name}${code ? ` (code ${code})` : ''}`, details: { ...columns, code } });
      return loadCoupon(ctx, couponId);
    }
    const before = await loadCoupon(ctx, id);
    if (code !== undefined && code.toUpperCase() !== before.sharedCode?.toUpperCase()) throw fieldError('invalid_input', 'A coupon’s code cannot change once it is made: make a new coupon.', 'code');
    await ctx.db.updateTable('coupon').set(columns).where('id', '=', id).execute();
    ctx.audit({ action: 'update', entity: 'coupon', entityId: id, summary: `Edited the coupon ${rules.name}`, details: { before, after: columns } });
    return loadCoupon(ctx, id);
  },

  'coupons.extend': async ({ id, validTo }, ctx) => {
    const before = await loadCoupon(ctx, id);
    if (validTo <= before.validTo) throw fieldError('invalid_input', `Extending moves the last day later than ${before.validTo}.`, 'validTo');
    await ctx.db.updateTable('coupon').set({ validTo, updatedAt: ctx.now.toISOString() }).where('id', '=', id).execute();
    ctx.audit({ action: 'update', entity: 'coupon', entityId: id, summary: `Extended the coupon ${before.name} from ${before.validTo} to ${validTo}`, details: { from: before.validTo, to: validTo } });
    return loadCoupon(ctx, id);
  },

  'coupons.setActive': async ({ id, active }, ctx) => {
    const before = await loadCoupon(ctx, id);
    await ctx.db.updateTable('coupon').set({ active: flag(active), updatedAt: ctx.now.toISOString() }).where('id', '=', id).execute();
    ctx.audit({ action: 'update', entity: 'coupon', entityId: id, summary: `${active ? 'Activated' : 'Deactivated'} the coupon ${before.name}`, details: { active } });
    return loadCoupon(ctx, id);
  },

  'coupons.issueCodes': async ({ couponId, patientIds }, ctx) => {
    const coupon = await loadCoupon(ctx, couponId);
    const unique = [...new Set(patientIds)];
    const found = await ctx.db.selectFrom('patient').select('id').where('id', 'in', unique).execute();
    if (found.length !== unique.length) throw fieldError('not_found', 'One of the patients does not exist.', 'patientIds');
    const issued = new Set<string>();
    const codes = [];
    for (const patientId of unique) {
      let code = newCode();
      // 31^8 codes: a clash is rare, but a code is never given twice.
      while (issued.has(code) || (await ctx.db.selectFrom('couponCode').select('id').where(sql<boolean>`code = ${code} COLLATE NOCASE`).executeTakeFirst())) code = newCode();
      issued.add(code);
      codes.push({ patientId, code });
    }
    const at = ctx.now.toISOString();
    await ctx.db.insertInto('couponCode').values(withNewIds(ctx, 'couponCode', codes.map((c) => ({ ...c, couponId, createdAt: at })))).execute();
    ctx.audit({ action: 'create', entity: 'coupon', entityId: couponId, summary: `Issued ${codes.length} e-coupon${codes.length === 1 ? '' : 's'} of ${coupon.name}`, details: { count: codes.length } });
    return codes;
  },
};
