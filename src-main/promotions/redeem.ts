import { sql } from 'kysely';
import type { Discount, Invoice } from '../../src-shared/contract/checkout';
import { couponEligibility } from '../../src-shared/checkout/coupons';
import type { CouponInput as CouponTotalsInput, InvoiceTotals } from '../../src-shared/checkout/totals';
import { fieldError } from '../../src-shared/errors';
import { localDate } from '../../src-shared/time';
import type { Db } from '../core/db';
import type { HandlerContext } from '../core/registry';
import type { InvoiceTable } from '../core/schema-checkout';
import type { CouponCodeTable, CouponTable } from '../core/schema-promotions';

/** A coupon as a draft carries it: which code, its discount and the lines it may reduce. */
export interface DraftCoupon extends CouponTotalsInput {
  codeId: number;
  code: string;
  minSpendCents: number;
}

const refuse = (code: 'not_found' | 'conflict' | 'invalid_input', message: string) => fieldError(code, message, 'couponCode');

export function couponDiscount(coupon: Pick<CouponTable, 'discountKind' | 'discountValue'>): Discount {
  return coupon.discountKind === 'percent' ? { kind: 'percent', basisPoints: coupon.discountValue } : { kind: 'amount', cents: coupon.discountValue };
}

/** Uses net of reversals, of a coupon (or one of its codes, or by one patient). */
async function usesOf(db: Db, where: { couponId: number; codeId?: number; patientId?: number }): Promise<number> {
  let query = db.selectFrom('couponRedemption').select((eb) => eb.fn.coalesce(eb.fn.sum<number>('uses'), eb.val(0)).as('uses')).where('couponId', '=', where.couponId);
  if (where.codeId !== undefined) query = query.where('couponCodeId', '=', where.codeId);
  if (where.patientId !== undefined) query = query.where('patientId', '=', where.patientId);
  return (await query.executeTakeFirstOrThrow()).uses;
}

/**
 * The rules a code must pass whenever it is applied or its invoice issued: active, within its window (clinic-local
 * dates), the right patient, and uses left in total, for this patient and (an e-coupon) for this code.
 */
async function requireUsable(ctx: HandlerContext, code: CouponCodeTable, coupon: CouponTable, patientId: number | null): Promise<void> {
  const typed = code.code;
  if (!coupon.active) throw refuse('conflict', `The coupon ${typed} is no longer active.`);
  const today = localDate(ctx.now.toISOString(), ctx.clinic().timeZone);
  if (today < coupon.validFrom) throw refuse('conflict', `The coupon ${typed} is valid from ${coupon.validFrom}.`);
  if (today > coupon.validTo) throw refuse('conflict', `The coupon ${typed} expired on ${coupon.validTo}.`);
  if (code.patientId !== null && code.patientId !== patientId) throw refuse('conflict', `The coupon ${typed} was issued to another patient.`);
  if (coupon.maxUsesPerPatient !== null && patientId === null) throw refuse('conflict', `The coupon ${typed} is limited per patient: choose the patient first.`);
  if (coupon.maxUses !== null && (await usesOf(ctx.db, { couponId: coupon.id })) >= coupon.maxUses) throw refuse('conflict', `The coupon ${typed} has been used up.`);
  if (code.patientId !== null && (await usesOf(ctx.db, { couponId: coupon.id, codeId: code.id })) >= 1) throw refuse('conflict', `The e-coupon ${typed} has already been used.`);
  if (coupon.maxUsesPerPatient !== null && patientId !== null && (await usesOf(ctx.db, { couponId: coupon.id, patientId })) >= coupon.maxUsesPerPatient) {
    throw refuse('conflict', `This patient has already used the coupon ${typed}${coupon.maxUsesPerPatient > 1 ? ` ${coupon.maxUsesPerPatient} times` : ''}.`);
  }
}

async function codeWithCoupon(db: Db, where: { code: string } | { id: number }) {
  const query = db.selectFrom('couponCode').selectAll();
  const code = await ('code' in where ? query.where(sql<boolean>`code = ${where.code} COLLATE NOCASE`) : query.where('id', '=', where.id)).executeTakeFirst();
  if (!code) return undefined;
  const coupon = await db.selectFrom('coupon').selectAll().where('id', '=', code.couponId).executeTakeFirstOrThrow();
  return { code, coupon };
}

/**
 * The coupon for a draft being saved: the code typed (null removes it; undefined keeps the draft's, checked again),
 * with the flags of the lines it may reduce. Refusals are beside the coupon field.
 */
export async function resolveDraftCoupon(
  ctx: HandlerContext,
  draft: { invoice: InvoiceTable; patientId: number | null; code: string | null | undefined; lines: { serviceId: number | null; sellsValue: boolean }[] },
): Promise<DraftCoupon | null> {
  if (draft.code === null || (draft.code === undefined && draft.invoice.couponCodeId === null)) return null;
  const found = draft.code === undefined ? await codeWithCoupon(ctx.db, { id: draft.invoice.couponCodeId ?? 0 }) : await codeWithCoupon(ctx.db, { code: draft.code });
  if (!found) throw refuse('not_found', `There is no coupon with the code ${draft.code ?? ''}.`);
  await requireUsable(ctx, found.code, found.coupon, draft.patientId);
  const lineServices = draft.lines.map((line) => line.serviceId).filter((id): id is number => id !== null);
  const categories = new Map(
    lineServices.length ? (await ctx.db.selectFrom('service').select(['id', 'categoryId']).where('id', 'in', lineServices).execute()).map((s) => [s.id, s.categoryId]) : [],
  );
  const rules = { serviceIds: JSON.parse(found.coupon.serviceIds) as number[], categoryIds: JSON.parse(found.coupon.categoryIds) as number[] };
  const eligible = couponEligibility(rules, draft.lines.map(({ serviceId, sellsValue }) => ({ serviceId, sellsValue, categoryId: serviceId === null ? null : (categories.get(serviceId) ?? null) })));
  return { codeId: found.code.id, code: found.code.code, discount: couponDiscount(found.coupon), eligible, minSpendCents: found.coupon.minSpendCents };
}

/** What only the totals can tell: the coupon reduces some line, and the sale reaches its minimum spend. */
export function checkCouponAgainstTotals(coupon: DraftCoupon, totals: InvoiceTotals): void {
  const afterLineDiscounts = totals.lines.map((line) => line.grossCents - line.lineDiscountCents);
  const eligibleSum = afterLineDiscounts.reduce((sum, amount, i) => sum + (coupon.eligible[i] ? amount : 0), 0);
  if (eligibleSum === 0) throw refuse('invalid_input', `The coupon ${coupon.code} does not apply to any line of this sale.`);
  const spend = afterLineDiscounts.reduce((sum, amount) => sum + amount, 0);
  if (spend < coupon.minSpendCents) throw refuse('invalid_input', `The coupon ${coupon.code} needs a spend of at least ${coupon.minSpendCents} (minor units); this sale is ${spend}.`);
}

/** Issuing: the coupon is checked again (its uses may have run out meanwhile) and one use is recorded. */
export async function redeemCoupon(ctx: HandlerContext, invoice: InvoiceTable): Promise<void> {
  if (invoice.couponCodeId === null) return;
  const { code, coupon } = (await codeWithCoupon(ctx.db, { id: invoice.couponCodeId }))!;
  await requireUsable(ctx, code, coupon, invoice.patientId);
  await writeRedemption(ctx, invoice, code, 1);
  ctx.audit({ action: 'create', entity: 'couponRedemption', entityId: invoice.id, summary: `Redeemed coupon ${code.code} (${invoice.couponDiscountCents} minor units off)`, details: { couponId: coupon.id, code: code.code, discountCents: invoice.couponDiscountCents } });
}

/** Voiding or going back to draft: the use is given back by an entry, never by deleting the redemption. */
export async function reverseCouponRedemption(ctx: HandlerContext, invoice: InvoiceTable): Promise<void> {
  if (invoice.couponCodeId === null) return;
  const { uses } = await ctx.db
    .selectFrom('couponRedemption')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('uses'), eb.val(0)).as('uses'))
    .where('invoiceId', '=', invoice.id)
    .executeTakeFirstOrThrow();
  if (uses <= 0) return;
  const code = await ctx.db.selectFrom('couponCode').selectAll().where('id', '=', invoice.couponCodeId).executeTakeFirstOrThrow();
  await writeRedemption(ctx, invoice, code, -1);
  ctx.audit({ action: 'update', entity: 'couponRedemption', entityId: invoice.id, summary: `Gave back the use of coupon ${code.code}`, details: { couponId: code.couponId, code: code.code } });
}

async function writeRedemption(ctx: HandlerContext, invoice: InvoiceTable, code: CouponCodeTable, uses: 1 | -1): Promise<void> {
  await ctx.db
    .insertInto('couponRedemption')
    .values({
      id: ctx.newId('couponRedemption'),
      couponId: code.couponId,
      couponCodeId: code.id,
      invoiceId: invoice.id,
      patientId: invoice.patientId,
      uses,
      discountCents: uses * invoice.couponDiscountCents,
      at: ctx.now.toISOString(),
      by: ctx.session?.staffId ?? null,
    })
    .execute();
}

/** The coupon an invoice shows (receipt, invoice screen). */
export async function couponOfInvoice(db: Db, invoice: Pick<InvoiceTable, 'couponCodeId' | 'couponDiscountCents'>): Promise<Invoice['coupon']> {
  if (invoice.couponCodeId === null) return null;
  const row = await db
    .selectFrom('couponCode')
    .innerJoin('coupon', 'coupon.id', 'couponCode.couponId')
    .select(['couponCode.code', 'coupon.name', 'coupon.discountKind', 'coupon.discountValue', 'coupon.serviceIds', 'coupon.categoryIds'])
    .where('couponCode.id', '=', invoice.couponCodeId)
    .executeTakeFirstOrThrow();
  return {
    code: row.code,
    name: row.name,
    discountCents: invoice.couponDiscountCents,
    discount: couponDiscount(row),
    serviceIds: JSON.parse(row.serviceIds) as number[],
    categoryIds: JSON.parse(row.categoryIds) as number[],
  };
}
