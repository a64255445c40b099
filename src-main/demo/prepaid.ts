import { addCalendarDays, addCalendarMonths, localDate } from '../../src-shared/time';
import { DEMO_TIME_ZONE } from './calendar';
import type { BulkWriter } from '../core/bulk-writer';
import type { DemoCatalog } from './catalog';
import type { DemoContext } from './context';
import type { PrepaidHook, SaleLine, WrittenSale } from './sales';

/** Share of laser, IPL and HydraFacial visits where a patient without a package buys one. */
const BUYS_PACKAGE = 0.3;
const GIFT_CARD_AT_DESK = 0.05;
const TOP_UP_AT_DESK = 0.03;
/** Walk-in sales paid with a gift card when one is out there with value on it. */
const SPENDS_GIFT_CARD = 0.25;
const GIFT_CARD_VALUES = [5_000, 10_000, 15_000, 25_000];
const GIFT_CARD_MONTHS = 36;
const READABLE = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

interface Plan {
  id: number;
  name: string;
  units: number;
  priceCents: number;
  validityDays: number;
  serviceIds: ReadonlySet<number>;
}

interface Held {
  id: number;
  plan: Plan;
  left: number;
  expiresOn: string;
}

interface Card {
  id: number;
  code: string;
  balance: number;
  expiresOn: string;
}

/**
 * Package and top-up plans, then a hook the sales call as they go: laser, IPL and HydraFacial patients buy packages
 * on a visit and use them at the next ones; the desk sells gift cards (spent at later sales) and top-ups with a bonus.
 * Everything is written as the app writes it: lines, payments by tender `package` or `giftCard`, ledger entries.
 * The plans are written here; what the hook writes goes with the sales, through their writer.
 */
export function prepaidDemo(ctx: DemoContext, catalog: DemoCatalog, writer: BulkWriter): PrepaidHook {
  const { sqlite } = ctx;
  const rng = ctx.random('prepaid');
  const at = ctx.nowIso;
  const insertPlan = sqlite.prepare(
    'INSERT INTO packagePlan (name, serviceId, categoryId, units, priceCents, validityDays, transferable, active, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?)',
  );
  const plans = new Map<number, Plan>();
  const addPlan = (name: string, serviceIds: number[], serviceId: number | null, categoryKey: string | null, units: number, sessionCents: number, validityDays: number) => {
    // Six sessions for the price of five, roughly.
    const priceCents = Math.round((sessionCents * units * 0.85) / 100) * 100;
    const id = Number(insertPlan.run(name, serviceId, categoryKey === null ? null : catalog.categoryIds[categoryKey], units, priceCents, validityDays, serviceId === null ? 1 : 0, at, at).lastInsertRowid);
    const plan = { id, name, units, priceCents, validityDays, serviceIds: new Set(serviceIds) };
    for (const s of serviceIds) if (!plans.has(s)) plans.set(s, plan);
  };
  for (const service of catalog.services.filter((s) => s.categoryKey === 'laserHair' && s.kind === 'treatment')) addPlan(`${service.name} ×6`, [service.id], service.id, null, 6, service.priceCents, 540);
  for (const key of ['ipl', 'hydrafacial']) {
    const services = catalog.services.filter((s) => s.categoryKey === key && s.kind === 'treatment');
    if (!services.length) continue;
    const average = services.reduce((sum, s) => sum + s.priceCents, 0) / services.length;
    addPlan(`${key === 'ipl' ? 'IPL' : 'HydraFacial'} course ×${key === 'ipl' ? 3 : 4}`, services.map((s) => s.id), null, key, key === 'ipl' ? 3 : 4, average, 365);
  }
  const insertTopUp = sqlite.prepare('INSERT INTO topUpPlan (name, amountCents, bonusCents, active, createdAt, updatedAt) VALUES (?, ?, ?, 1, ?, ?)');
  const topUps = [
    { id: Number(insertTopUp.run('Pay $500, get $550', 50_000, 5_000, at, at).lastInsertRowid), name: 'Pay $500, get $550', amountCents: 50_000, bonusCents: 5_000 },
    { id: Number(insertTopUp.run('Pay $1,000, get $1,150', 100_000, 15_000, at, at).lastInsertRowid), name: 'Pay $1,000, get $1,150', amountCents: 100_000, bonusCents: 15_000 },
  ];

  const insertPackage = writer.prepare('INSERT INTO patientPackage (id, patientId, planId, name, units, saleInvoiceId, saleLineId, expiresOn, createdAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const insertPackageEntry = writer.prepare('INSERT INTO packageEntry (id, patientPackageId, units, kind, invoiceId, paymentId, note, at, by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const insertCard = writer.prepare('INSERT INTO giftCard (id, code, amountCents, saleInvoiceId, saleLineId, expiresOn, activatedAt) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const insertCardEntry = writer.prepare('INSERT INTO giftCardEntry (id, giftCardId, amountCents, kind, invoiceId, paymentId, note, at, by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const insertPayment = writer.prepare(
    `INSERT INTO payment (id, invoiceId, patientId, tender, amountCents, reference, takenAt, takenBy, giftCardId, patientPackageId, units) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertStoredValue = writer.prepare('INSERT INTO storedValueEntry (id, patientId, amountCents, kind, invoiceId, note, at, by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  const ids = { patientPackage: 1, packageEntry: 1, giftCard: 1, giftCardEntry: 1 };
  /** Each patient's packages, open or not (few per patient). */
  const held = new Map<number, Held[]>();
  /** Cards with value left, spent by later sales. */
  let cards: Card[] = [];
  const codes = new Set<string>();
  // The clinic-local day of an instant, worked out once per hour of history (zone rules are slow to apply).
  const daysByHour = new Map<number, string>();
  const dayOf = (ms: number) => {
    const hour = Math.floor(ms / 3_600_000);
    let day = daysByHour.get(hour);
    if (day === undefined) daysByHour.set(hour, (day = localDate(hour * 3_600_000, DEMO_TIME_ZONE)));
    return day;
  };

  const newCode = (): string => {
    for (;;) {
      let code = '';
      for (let i = 0; i < 12; i++) code += READABLE[rng.int(0, READABLE.length - 1)];
      if (!codes.has(code)) return codes.add(code), code;
    }
  };
  const openPackage = (patientId: number, serviceId: number, day: string) => held.get(patientId)?.find((h) => h.left > 0 && h.expiresOn >= day && h.plan.serviceIds.has(serviceId));

  const payByPackage = (sale: WrittenSale, due: number): number => {
    if (!held.has(sale.patientId!)) return 0;
    const day = dayOf(sale.issuedMs);
    const first = sale.lines.findIndex((l) => l.serviceId !== null && openPackage(sale.patientId!, l.serviceId, day));
    if (first < 0) return 0;
    const pkg = openPackage(sale.patientId!, sale.lines[first].serviceId!, day)!;
    const covered = sale.lines.flatMap((l, i) => (l.serviceId !== null && pkg.plan.serviceIds.has(l.serviceId) ? [i] : []));
    const units = covered.reduce((sum, i) => sum + sale.lines[i].quantity, 0);
    const amount = covered.reduce((sum, i) => sum + sale.lineTotals[i].totalCents, 0);
    if (units > pkg.left || amount <= 0 || amount > due) return 0;
    pkg.left -= units;
    const paymentId = sale.ids.payment++;
    insertPayment.run(paymentId, sale.invoiceId, sale.patientId, 'package', amount, `${pkg.plan.name} — ${units} used, ${pkg.left} left`, sale.atIso, sale.by, null, pkg.id, units);
    insertPackageEntry.run(ids.packageEntry++, pkg.id, -units, 'redeemed', sale.invoiceId, paymentId, sale.number, sale.atIso, sale.by);
    return amount;
  };

  const payByCard = (sale: WrittenSale, due: number): number => {
    const day = dayOf(sale.issuedMs);
    cards = cards.filter((c) => c.balance > 0 && c.expiresOn >= day);
    if (!cards.length || !rng.chance(SPENDS_GIFT_CARD)) return 0;
    const card = rng.pick(cards);
    const amount = Math.min(card.balance, due);
    if (amount <= 0) return 0;
    card.balance -= amount;
    const paymentId = sale.ids.payment++;
    insertPayment.run(paymentId, sale.invoiceId, sale.patientId, 'giftCard', amount, card.code.replace(/(.{4})(?=.)/g, '$1-'), sale.atIso, sale.by, card.id, null, null);
    insertCardEntry.run(ids.giftCardEntry++, card.id, -amount, 'spent', sale.invoiceId, paymentId, sale.number, sale.atIso, sale.by);
    return amount;
  };

  return {
    linesFor(patientId, visitServiceIds) {
      const lines: SaleLine[] = [];
      if (visitServiceIds.length && patientId !== null) {
        const plan = visitServiceIds.map((s) => plans.get(s)).find((p) => p !== undefined);
        const holds = plan && held.get(patientId)?.some((h) => h.plan === plan && h.left > 0);
        if (plan && !holds && rng.chance(BUYS_PACKAGE)) lines.push({ serviceId: null, description: plan.name, staffId: null, quantity: 1, unitPriceCents: plan.priceCents, discount: null, taxRateMillipercent: 0, packagePlanId: plan.id });
        return lines;
      }
      if (rng.chance(GIFT_CARD_AT_DESK)) lines.push({ serviceId: null, description: 'Gift card', staffId: null, quantity: 1, unitPriceCents: rng.pick(GIFT_CARD_VALUES), discount: null, taxRateMillipercent: 0, giftCard: true });
      if (patientId !== null && rng.chance(TOP_UP_AT_DESK)) {
        const plan = rng.pick(topUps);
        lines.push({ serviceId: null, description: plan.name, staffId: null, quantity: 1, unitPriceCents: plan.amountCents, discount: null, taxRateMillipercent: 0, topUpPlanId: plan.id });
      }
      return lines;
    },

    pay(sale, due) {
      if (due <= 0) return 0;
      if (sale.patientId !== null) {
        const paid = payByPackage(sale, due);
        if (paid) return paid;
      }
      // Gift cards are spent on retail at the desk, not on the sale that buys one.
      return sale.lines.some((l) => l.serviceId === null) ? 0 : payByCard(sale, due);
    },

    settled(sale, paidInFull) {
      if (sale.lines.every((l) => l.serviceId !== null)) return 0;
      const day = dayOf(sale.issuedMs);
      let storedValue = 0;
      sale.lines.forEach((line, i) => {
        const lineId = sale.lineIds[i];
        if (line.packagePlanId !== undefined && sale.patientId !== null) {
          const plan = [...plans.values()].find((p) => p.id === line.packagePlanId)!;
          const id = ids.patientPackage++;
          const expiresOn = addCalendarDays(day, plan.validityDays);
          insertPackage.run(id, sale.patientId, plan.id, plan.name, plan.units, sale.invoiceId, lineId, expiresOn, sale.atIso);
          insertPackageEntry.run(ids.packageEntry++, id, plan.units, 'sold', sale.invoiceId, null, sale.number, sale.atIso, sale.by);
          held.set(sale.patientId, [...(held.get(sale.patientId) ?? []).filter((h) => h.left > 0), { id, plan, left: plan.units, expiresOn }]);
        }
        if (!paidInFull) return;
        if (line.giftCard) {
          const id = ids.giftCard++;
          const card = { id, code: newCode(), balance: line.unitPriceCents, expiresOn: addCalendarMonths(day, GIFT_CARD_MONTHS) };
          insertCard.run(id, card.code, line.unitPriceCents, sale.invoiceId, lineId, card.expiresOn, sale.atIso);
          insertCardEntry.run(ids.giftCardEntry++, id, line.unitPriceCents, 'issued', sale.invoiceId, null, sale.number, sale.atIso, sale.by);
          cards.push(card);
        }
        if (line.topUpPlanId !== undefined && sale.patientId !== null) {
          const plan = topUps.find((p) => p.id === line.topUpPlanId)!;
          insertStoredValue.run(sale.ids.storedValueEntry++, sale.patientId, plan.amountCents, 'topUp', sale.invoiceId, `${sale.number} ${plan.name}`, sale.atIso, sale.by);
          insertStoredValue.run(sale.ids.storedValueEntry++, sale.patientId, plan.bonusCents, 'bonus', sale.invoiceId, `${sale.number} ${plan.name}`, sale.atIso, sale.by);
          storedValue += plan.amountCents + plan.bonusCents;
        }
      });
      return storedValue;
    },
  };
}
