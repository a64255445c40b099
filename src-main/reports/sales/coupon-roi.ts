import type { CouponRoi } from '../../../src-shared/contract/reports-sales';
import type { HandlerMap } from '../../core/registry';
import { cached } from '../../core/db';
import { COUPON_USES_SQL, COUPONS_SQL, INVOICE_REVENUE_SQL, SCOPE_REVENUE_SQL } from './queries';
import { allocate, boundsOf, earlier, justAfter, rateBp } from './period';

export interface Use {
  couponId: number;
  invoiceId: number;
  uses: number;
  discountCents: number;
  status: string;
  issuedAt: string | null;
  patientId: number | null;
  firstPurchase: 0 | 1;
}

interface Coupon {
  couponId: number;
  name: string;
  campaignId: number;
  campaignName: string;
  channel: string;
  campaignCostCents: number;
}

type Figures = Omit<CouponRoi['totals'], 'roiBp'>;
const zero = (): Figures => ({ redemptions: 0, discountCents: 0, revenueCents: 0, laterRevenueCents: 0, newPatients: 0, costCents: 0 });

/** ROI in basis points: what came back beyond what was given, over what was given; null when nothing was given. */
function withRoi(f: Figures): CouponRoi['totals'] {
  const given = f.discountCents + f.costCents;
  return { ...f, roiBp: rateBp(f.revenueCents + f.laterRevenueCents - given, given) };
}

function add(into: Figures, f: Figures): void {
  for (const k of Object.keys(into) as (keyof Figures)[]) into[k] += f[k];
}

/**
 * What the revenue reads are given (JSON parameters): the redeeming invoices (used the coupon in the period, net of
 * −1 entries, still issued), and for later revenue each patient's purchases after their first redeeming invoice.
 */
export function couponScopes(uses: readonly Use[], untilAt: string): { invoices: string; later: string } {
  const redeeming = uses.filter((u) => u.uses > 0 && u.status === 'issued');
  const firstOf = new Map<string, { key: number; patientId: number; fromAt: string; toAt: string; untilAt: string }>();
  for (const u of redeeming) {
    if (u.patientId === null || u.issuedAt === null) continue;
    const id = `${u.couponId}:${u.patientId}`;
    const fromAt = justAfter(u.issuedAt);
    if (fromAt < untilAt && (!firstOf.has(id) || fromAt < firstOf.get(id)!.fromAt)) firstOf.set(id, { key: u.couponId, patientId: u.patientId, fromAt, toAt: untilAt, untilAt });
  }
  return { invoices: JSON.stringify(redeeming.map((u) => ({ key: u.couponId, invoiceId: u.invoiceId, untilAt }))), later: JSON.stringify([...firstOf.values()]) };
}

export const couponRoiHandlers: HandlerMap<'reports.couponRoi'> = {
  'reports.couponRoi': (input, ctx) => {
    const bounds = boundsOf(input.from, input.to, ctx.clinic().timeZone);
    const untilAt = earlier(bounds.toAt, ctx.now.toISOString());
    const mode = ctx.clinic().packageRevenue;
    const uses = cached(ctx.sqlite, COUPON_USES_SQL).all({ fromAt: bounds.fromAt, toAt: bounds.toAt }) as Use[];
    const coupons = cached(ctx.sqlite, COUPONS_SQL).all({ from: input.from, to: input.to, fromAt: bounds.fromAt, toAt: bounds.toAt }) as Coupon[];

    const scopes = couponScopes(uses, untilAt);
    const revenue = new Map((cached(ctx.sqlite, INVOICE_REVENUE_SQL).all({ invoices: scopes.invoices, mode }) as { key: number; amountCents: number }[]).map((r) => [r.key, r.amountCents]));
    const later = new Map((cached(ctx.sqlite, SCOPE_REVENUE_SQL).all({ scope: scopes.later, mode }) as { key: number; amountCents: number }[]).map((r) => [r.key, r.amountCents]));

    const figures = new Map(coupons.map((c) => [c.couponId, zero()]));
    const newPatients = new Map<number, Set<number>>();
    for (const u of uses) {
      const f = figures.get(u.couponId);
      if (!f) continue;
      f.redemptions += u.uses;
      f.discountCents += u.discountCents;
      if (u.uses > 0 && u.status === 'issued' && u.firstPurchase && u.patientId !== null) newPatients.set(u.couponId, (newPatients.get(u.couponId) ?? new Set()).add(u.patientId));
    }
    for (const [couponId, f] of figures) {
      f.revenueCents = revenue.get(couponId) ?? 0;
      f.laterRevenueCents = later.get(couponId) ?? 0;
      f.newPatients = newPatients.get(couponId)?.size ?? 0;
    }
    // A campaign's cost is shared over its coupons here by the discount each gave.
    const byCampaign = new Map<number, Coupon[]>();
    for (const c of coupons) byCampaign.set(c.campaignId, [...(byCampaign.get(c.campaignId) ?? []), c]);
    for (const list of byCampaign.values()) {
      const shares = allocate(list[0].campaignCostCents, list.map((c) => figures.get(c.couponId)!.discountCents));
      list.forEach((c, i) => (figures.get(c.couponId)!.costCents = shares[i]));
    }

    const rows = coupons.map((c) => ({ couponId: c.couponId, name: c.name, campaignId: c.campaignId, campaignName: c.campaignName, ...withRoi(figures.get(c.couponId)!) }));
    const campaigns = [...byCampaign.values()].map((list) => {
      const f = zero();
      for (const c of list) add(f, figures.get(c.couponId)!);
      // A patient new through two coupons of one campaign is one new patient of the campaign.
      f.newPatients = new Set(list.flatMap((c) => [...(newPatients.get(c.couponId) ?? [])])).size;
      return { campaignId: list[0].campaignId, name: list[0].campaignName, channel: list[0].channel, ...withRoi(f) };
    });
    const totals = zero();
    for (const c of campaigns) add(totals, c);
    totals.newPatients = new Set([...newPatients.values()].flatMap((s) => [...s])).size;
    return {
      from: input.from,
      to: input.to,
      coupons: rows,
      campaigns,
      totals: withRoi(totals),
      emptyText: rows.length ? null : 'No coupon was valid or used in this period: campaigns and their coupons are set up under Promotions.',
    };
  },
};
