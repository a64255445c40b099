import { couponEligibility } from '../../src-shared/checkout/coupons';
import type { Discount } from '../../src-shared/checkout/totals';
import { addCalendarDays, isoOf } from '../../src-shared/time';
import type { BulkWriter } from '../core/bulk-writer';
import type { LocalDay } from './calendar';
import type { DemoCatalog } from './catalog';
import type { DemoContext } from './context';

/** A season's campaign: its name, where it ran, and the categories its coupon is for (none: every line). */
const SEASONS: readonly { name: string; code: string; startMonth: number; channel: string; categories: readonly string[] }[] = [
  { name: 'New year glow', code: 'GLOW', startMonth: 1, channel: 'Newsletter', categories: ['hydrafacial', 'peel'] },
  { name: 'Spring refresh', code: 'SPRING', startMonth: 4, channel: 'Instagram', categories: ['neurotoxin'] },
  { name: 'Summer ready', code: 'SUMMER', startMonth: 6, channel: 'Facebook ads', categories: ['laserHair', 'body'] },
  { name: 'Autumn renewal', code: 'AUTUMN', startMonth: 9, channel: 'Flyers', categories: [] },
  { name: 'Holiday gift', code: 'GIFT', startMonth: 11, channel: 'Newsletter', categories: ['retail'] },
];
/** Share of eligible patient sales during a campaign that use its coupon. */
const REDEEMED = 0.12;
const CAMPAIGN_DAYS = 42;

interface DemoCoupon {
  id: number;
  codeId: number;
  discount: Discount;
  fromMs: number;
  toMs: number;
  minSpendCents: number;
  rules: { serviceIds: number[]; categoryIds: number[] };
}

/** The coupon a demo sale uses: the lines it reduces, for `invoiceTotals`. */
export interface DemoCouponUse {
  coupon: DemoCoupon;
  discount: Discount;
  eligible: boolean[];
}

export interface DemoPromotions {
  /** The coupon this patient sale uses, if a campaign runs that day and its rules let it (once per patient). */
  couponFor(sale: { patientId: number | null; issuedMs: number; lines: readonly { serviceId: number | null; quantity: number; unitPriceCents: number; topUpPlanId?: number; giftCard?: true }[] }): DemoCouponUse | null;
  /** Records the redemption of an issued invoice. */
  redeem(use: DemoCouponUse, invoiceId: number, patientId: number, discountCents: number, atIso: string, by: number): void;
}

/**
 * Ten years of campaigns: five seasons a year, each with one shared code (SPRING19…) valid for six weeks, a cost, and
 * a coupon for some categories or every line; a share of the patients' sales in the window redeem it (once each).
 * The redemptions go with the sales, through their writer.
 */
export function writePromotions(ctx: DemoContext, inputs: { catalog: DemoCatalog; days: readonly LocalDay[] }, writer: BulkWriter): DemoPromotions {
  const { sqlite } = ctx;
  const rng = ctx.random('promotions');
  const { catalog, days } = inputs;
  const categoryOf = new Map(catalog.services.map((s) => [s.id, catalog.categoryIds[s.categoryKey] ?? null]));
  const insertCampaign = sqlite.prepare('INSERT INTO campaign (id, name, channel, notes, costCents, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const insertCoupon = sqlite.prepare(
    `INSERT INTO coupon (id, campaignId, name, discountKind, discountValue, validFrom, validTo, maxUses, maxUsesPerPatient, minSpendCents, serviceIds, categoryIds, active, createdAt, updatedAt)
     VALUES (?, ?, ?, ?, ?, ?, ?, NULL, 1, ?, '[]', ?, 1, ?, ?)`,
  );
  const insertCode = sqlite.prepare('INSERT INTO couponCode (id, couponId, code, patientId, createdAt) VALUES (?, ?, ?, NULL, ?)');
  const insertRedemption = writer.prepare(
    'INSERT INTO couponRedemption (id, couponId, couponCodeId, invoiceId, patientId, uses, discountCents, at, by) VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?)',
  );

  const coupons: DemoCoupon[] = [];
  const dayOf = new Map(days.map((d) => [d.date, d]));
  const firstYear = Number(days[0].date.slice(0, 4));
  const lastYear = Number(days[days.length - 1].date.slice(0, 4));
  sqlite.transaction(() => {
    for (let year = firstYear; year <= lastYear; year++) {
      for (const season of SEASONS) {
        const from = `${year}-${String(season.startMonth).padStart(2, '0')}-01`;
        const to = addCalendarDays(from, CAMPAIGN_DAYS - 1);
        const start = dayOf.get(from);
        if (!start) continue; // before the clinic opened, or not yet come
        const id = coupons.length + 1;
        const createdIso = isoOf(start.baseMs - 14 * 86_400_000);
        insertCampaign.run(id, `${season.name} ${year}`, season.channel, '', rng.int(4, 30) * 5000, createdIso, createdIso);
        const discount: Discount = rng.chance(0.7) ? { kind: 'percent', basisPoints: rng.pick([1000, 1500, 2000]) } : { kind: 'amount', cents: rng.pick([2500, 5000]) };
        const categoryIds = season.categories.map((key) => catalog.categoryIds[key]).filter((c): c is number => c !== undefined);
        const minSpendCents = discount.kind === 'amount' ? 15_000 : 0;
        insertCoupon.run(id, id, season.name, discount.kind, discount.kind === 'percent' ? discount.basisPoints : discount.cents, from, to, minSpendCents, JSON.stringify(categoryIds), createdIso, createdIso);
        insertCode.run(id, id, `${season.code}${String(year).slice(2)}`, createdIso);
        const end = dayOf.get(to);
        coupons.push({ id, codeId: id, discount, fromMs: start.baseMs, toMs: end ? end.baseMs + 86_400_000 : Infinity, minSpendCents, rules: { serviceIds: [], categoryIds } });
      }
    }
  })();

  const used = new Set<string>();
  let redemptionId = 1;
  return {
    couponFor(sale) {
      if (sale.patientId === null) return null;
      const coupon = coupons.find((c) => c.fromMs <= sale.issuedMs && sale.issuedMs < c.toMs);
      if (!coupon || used.has(`${coupon.id}:${sale.patientId}`)) return null;
      const eligible = couponEligibility(coupon.rules, sale.lines.map((l) => ({ serviceId: l.serviceId, sellsValue: l.topUpPlanId !== undefined || l.giftCard === true, categoryId: l.serviceId === null ? null : (categoryOf.get(l.serviceId) ?? null) })));
      const spend = sale.lines.reduce((sum, l) => sum + l.quantity * l.unitPriceCents, 0);
      const eligibleSpend = sale.lines.reduce((sum, l, i) => sum + (eligible[i] ? l.quantity * l.unitPriceCents : 0), 0);
      if (eligibleSpend === 0 || spend < coupon.minSpendCents || !rng.chance(REDEEMED)) return null;
      used.add(`${coupon.id}:${sale.patientId}`);
      return { coupon, discount: coupon.discount, eligible };
    },
    redeem(use, invoiceId, patientId, discountCents, atIso, by) {
      insertRedemption.run(redemptionId++, use.coupon.id, use.coupon.codeId, invoiceId, patientId, discountCents, atIso, by);
    },
  };
}
