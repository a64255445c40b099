import type { InvoiceTotals } from '../../src-shared/checkout/totals';
import type { DiscountLimits } from '../../src-shared/contract/promotions';
import { LumenError } from '../../src-shared/errors';
import { type Role, roleLabels, roles } from '../../src-shared/permissions';
import { verifyStaffSignIn } from '../auth/index';
import type { Db } from '../core/db';
import type { HandlerContext, HandlerMap } from '../core/registry';

/** Until a manager sets them: front desk and practitioners give up to 10 % (and 50.00) without approval, managers 30 % (500.00), owners anything. */
export const defaultDiscountLimits: Record<Role, Omit<DiscountLimits, 'role'>> = {
  owner: { lineBasisPoints: null, lineCents: null, invoiceBasisPoints: null, invoiceCents: null },
  manager: { lineBasisPoints: 3000, lineCents: 50_000, invoiceBasisPoints: 3000, invoiceCents: 50_000 },
  practitioner: { lineBasisPoints: 1000, lineCents: 5000, invoiceBasisPoints: 1000, invoiceCents: 5000 },
  frontDesk: { lineBasisPoints: 1000, lineCents: 5000, invoiceBasisPoints: 1000, invoiceCents: 5000 },
};

export async function limitsOf(db: Db, role: Role): Promise<DiscountLimits> {
  const row = await db.selectFrom('discountLimit').selectAll().where('role', '=', role).executeTakeFirst();
  return { ...defaultDiscountLimits[role], ...row, role };
}

/** The manual discounts of a sale (a coupon within its rules and the tier's discount need no approval): each line's and the invoice's. */
function manualDiscounts(totals: InvoiceTotals) {
  const lines = totals.lines.map((line) => ({ cents: line.lineDiscountCents, base: line.grossCents }));
  const invoiceCents = totals.lines.reduce((sum, line) => sum + line.invoiceDiscountCents, 0);
  const invoiceBase = totals.lines.reduce((sum, line) => sum + line.grossCents - line.lineDiscountCents - line.memberDiscountCents - line.couponDiscountCents, 0);
  return { lines, invoice: { cents: invoiceCents, base: invoiceBase }, totalCents: invoiceCents + lines.reduce((sum, line) => sum + line.cents, 0) };
}

const over = (discount: { cents: number; base: number }, basisPoints: number | null, cents: number | null) =>
  discount.cents > 0 && ((cents !== null && discount.cents > cents) || (basisPoints !== null && discount.cents * 10_000 > discount.base * basisPoints));

/** What of the sale's discounts goes beyond these limits, in words; empty when they cover it. */
function beyond(limits: DiscountLimits, totals: InvoiceTotals): string[] {
  const { lines, invoice } = manualDiscounts(totals);
  const problems = lines.flatMap((line, i) => (over(line, limits.lineBasisPoints, limits.lineCents) ? [`line ${i + 1}’s discount`] : []));
  if (over(invoice, limits.invoiceBasisPoints, limits.invoiceCents)) problems.push('the invoice discount');
  return problems;
}

/**
 * A draft's discounts must be within the seller's limits, or approved by the sign-in of someone whose limits cover
 * them. An approval stands for this invoice while its discounts stay within what was approved. Runs before the
 * draft is written: a wrong password keeps only its own bookkeeping (the failed-sign-in count).
 */
export async function requireDiscountApproval(
  ctx: HandlerContext,
  invoiceId: number,
  totals: InvoiceTotals,
  approval: { username: string; password: string } | undefined,
): Promise<void> {
  const seller = ctx.requireSession();
  // Most sales carry no discount of the desk's own: nothing to check against anyone's limits.
  if (!manualDiscounts(totals).totalCents) return;
  const problems = beyond(await limitsOf(ctx.db, seller.role), totals);
  if (!problems.length) return;
  const discountCents = manualDiscounts(totals).totalCents;
  if (!approval) {
    const earlier = await ctx.db
      .selectFrom('discountApproval')
      .innerJoin('staff', 'staff.id', 'discountApproval.approvedBy')
      .select(['staff.role', 'discountApproval.discountCents'])
      .where('invoiceId', '=', invoiceId)
      .orderBy('discountApproval.at', 'desc')
      .executeTakeFirst();
    if (earlier && earlier.discountCents >= discountCents && !beyond(await limitsOf(ctx.db, earlier.role), totals).length) return;
    throw new LumenError('approval_required', `${capitalised(problems.join(' and '))} ${problems.length > 1 ? 'are' : 'is'} above what ${roleLabels[seller.role].toLowerCase()} may give: a manager must approve it.`, { problems });
  }
  const approver = await verifyStaffSignIn(ctx, approval.username, approval.password, 'discount approval');
  const stillBeyond = beyond(await limitsOf(ctx.db, approver.role), totals);
  if (stillBeyond.length) throw new LumenError('forbidden', `${approver.displayName} may not approve ${stillBeyond.join(' and ')} either.`, { problems: stillBeyond });
  await ctx.db
    .insertInto('discountApproval')
    .values({ id: ctx.newId('discountApproval'), invoiceId, approvedBy: approver.id, requestedBy: seller.staffId, discountCents, at: ctx.now.toISOString() })
    .execute();
  ctx.audit({
    action: 'update',
    entity: 'invoice',
    entityId: invoiceId,
    summary: `${approver.displayName} approved a discount of ${discountCents} (minor units) for ${seller.displayName}`,
    details: { approvedBy: approver.id, requestedBy: seller.staffId, discountCents, problems },
  });
}

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

export const approvalHandlers: HandlerMap<'discountLimits.list' | 'discountLimits.save'> = {
  'discountLimits.list': async (_input, ctx) => Promise.all(roles.map((role) => limitsOf(ctx.db, role))),

  'discountLimits.save': async (limits, ctx) => {
    const before = await limitsOf(ctx.db, limits.role);
    await ctx.db
      .insertInto('discountLimit')
      .values(limits)
      .onConflict((oc) => oc.column('role').doUpdateSet({ lineBasisPoints: limits.lineBasisPoints, lineCents: limits.lineCents, invoiceBasisPoints: limits.invoiceBasisPoints, invoiceCents: limits.invoiceCents }))
      .execute();
    ctx.audit({ action: 'update', entity: 'discountLimit', entityId: null, summary: `Changed the discount limits of ${roleLabels[limits.role]}`, details: { before, after: limits } });
    return limits;
  },
};
