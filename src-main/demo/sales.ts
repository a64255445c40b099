import { invoiceTotals, type LineInput, type LineTotals, refundShare } from '../../src-shared/checkout/totals';
import { divRound } from '../../src-shared/money';
import { isoOf } from '../../src-shared/time';
import type { BulkWriter } from '../core/bulk-writer';
import { FIRST_SERIES, formatInSeries } from '../core/series';
import { DAY_MS, type LocalDay } from './calendar';
import type { DemoCatalog, DemoService } from './catalog';
import type { DemoStaffIds } from './clinic';
import type { DemoContext } from './context';
import type { DemoPromotions } from './promotions';
import { WeightedTable } from './random';

/** Share of visits that leave part of the bill owing. */
const OWING = 0.08;
/** Share of paid visits partly refunded later by a credit note. */
const REFUNDED = 0.02;
const RETAIL_ON_VISIT = 0.15;
/** A loyalty discount on the whole invoice, now and then. */
const LOYALTY = 0.04;
const LOYALTY_BASIS_POINTS = 1000;
/** Refunds that go to store credit rather than back to the card or cash. */
const TO_STORE_CREDIT = 0.25;
/** Neurotoxin is sold by the unit: the price of one unit of each brand. */
const UNIT_PRICE_CENTS: readonly (readonly [brand: string, cents: number])[] = [['Dysport', 600], ['Xeomin', 1300], ['Botox', 1500]];
const WALK_IN_FROM_MINUTES = 10 * 60;
const WALK_IN_TO_MINUTES = 18 * 60;
/** Products of a line, and the NY sales tax on retail (services are exempt). */
const RETAIL_TAX_MILLIPERCENT = 8875;

const tenderTable = new WeightedTable<'card' | 'cash' | 'transfer'>([['card', 70], ['cash', 25], ['transfer', 5]]);
const cardBrands = ['Visa', 'Mastercard', 'Amex', 'Discover'];
const refundReasons = ['Product returned unopened', 'Fewer units used than billed', 'Goodwill: reaction to treatment', 'Charged twice for a line', 'Treatment cut short'];

export interface SalesCounts {
  invoices: number;
  creditNotes: number;
  payments: number;
}

export interface SalesOptions {
  chunkDays: number;
  /** Writes the rows while the sales go on (the visits they read are committed before they start). */
  writer: BulkWriter;
  onProgress?(doneDays: number, totalDays: number): void;
  /** Packages, gift cards and top-ups sold and spent along the way (demo/prepaid.ts). */
  prepaid?: PrepaidHook;
}

export interface SaleLine extends LineInput {
  serviceId: number | null;
  description: string;
  staffId: number | null;
  packagePlanId?: number;
  topUpPlanId?: number;
  giftCard?: true;
}

/** An invoice just written, as the prepaid hook sees it. */
export interface WrittenSale {
  invoiceId: number;
  number: string;
  patientId: number | null;
  lines: readonly SaleLine[];
  lineIds: readonly number[];
  lineTotals: readonly LineTotals[];
  issuedMs: number;
  atIso: string;
  by: number;
  /** The id counters shared with the sales (payments, stored-value entries). */
  ids: { payment: number; storedValueEntry: number };
}

/** How prepaid sales ride on the demo's sales: lines added, a part paid from prepaid, activation once settled. */
export interface PrepaidHook {
  linesFor(patientId: number | null, visitServiceIds: readonly number[]): SaleLine[];
  /** Pays from a package or a gift card; returns the amount paid. */
  pay(sale: WrittenSale, due: number): number;
  /** After payment: packages handed over, gift cards and top-ups activated when paid in full; returns stored value added. */
  settled(sale: WrittenSale, paidInFull: boolean): number;
}

interface Sale {
  appointmentId: number | null;
  /** The visit's status as the calendar wrote it (null for a walk-in). */
  visitStatus: string | null;
  patientId: number | null;
  createdMs: number;
  issuedMs: number;
  lines: SaleLine[];
}

interface Tendered {
  tender: 'card' | 'cash' | 'transfer' | 'storedValue';
  amountCents: number;
}

/** A refund waiting for its day: credit notes are numbered in the order they are written, like invoices. */
interface PendingRefund {
  createdMs: number;
  invoiceId: number;
  invoiceNumber: string;
  patientId: number | null;
  lineId: number;
  line: LineTotals;
  quantity: number;
  units: number;
  paid: Tendered[];
  refundTo: 'originalTender' | 'storeCredit';
  reason: string;
}

interface VisitRow {
  id: number;
  patientId: number;
  status: string;
  endsAt: string;
  serviceId: number;
  staffId: number;
  priceCents: number;
}

/**
 * Ten years of sales: every finished visit is invoiced on its day (a line per service with its provider and booked
 * price, neurotoxin by the unit, sometimes a retail product) and paid by card, cash or transfer; some leave part
 * owing, a few are partly refunded by a credit note later, and walk-ins buy retail a few times a day. Invoices and
 * credit notes are numbered gaplessly in the order they were issued; every amount comes from `invoiceTotals`.
 * A visit whose invoice is paid is checked out; one that still owes is only completed.
 * Written in day order by the writer thread, one transaction per `chunkDays`.
 */
export async function writeSales(
  ctx: DemoContext,
  inputs: {
    staff: DemoStaffIds;
    catalog: DemoCatalog;
    days: readonly LocalDay[];
    /** Inventory's product of each retail service. */
    productOf?: ReadonlyMap<number, number>;
    promotions?: DemoPromotions;
  },
  options: SalesOptions,
): Promise<SalesCounts> {
  const { sqlite } = ctx;
  const { writer } = options;
  const { staff, catalog, days } = inputs;
  const rng = ctx.random('sales');
  const nowMs = ctx.now.getTime();
  const today = days.findIndex((d) => d.baseMs + DAY_MS > nowMs);
  const services = new Map(catalog.services.map((s) => [s.id, s]));
  const products = catalog.services.filter((s) => s.kind === 'product');

  const visitsBetween = sqlite.prepare(
    `SELECT a.id, a.patientId, a.status, a.endsAt, s.serviceId, s.staffId, s.priceCents
     FROM appointment a JOIN appointmentService s ON s.appointmentId = a.id
     WHERE a.startsAt >= ? AND a.startsAt < ? AND a.status IN ('completed', 'checkedOut')
     ORDER BY a.startsAt, a.id, s.position`,
  );
  const insertInvoice = writer.prepare(
    `INSERT INTO invoice (id, number, patientId, appointmentId, status, pricesIncludeTax, taxRounding, discountKind, discountValue,
       grossCents, discountCents, netCents, taxCents, totalCents, issuedAt, issuedBy, createdBy, createdAt, updatedAt, couponCodeId, couponDiscountCents)
     VALUES (?, ?, ?, ?, 'issued', 0, 'line', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertLine = writer.prepare(
    `INSERT INTO invoiceLine (id, invoiceId, position, serviceId, description, staffId, quantity, unitPriceCents, taxRateMillipercent,
       grossCents, discountCents, netCents, taxCents, totalCents, packagePlanId, topUpPlanId, giftCard, productId)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertPayment = writer.prepare(
    `INSERT INTO payment (id, invoiceId, patientId, tender, amountCents, tenderedCents, changeCents, reference, creditNoteId, takenAt, takenBy)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertCreditNote = writer.prepare(
    `INSERT INTO creditNote (id, number, invoiceId, patientId, reason, refundTo, netCents, taxCents, totalCents, createdBy, createdAt)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertCreditNoteLine = writer.prepare(
    'INSERT INTO creditNoteLine (id, creditNoteId, invoiceLineId, quantity, netCents, taxCents, totalCents) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const insertStoredValue = writer.prepare(
    `INSERT INTO storedValueEntry (id, patientId, amountCents, kind, invoiceId, paymentId, creditNoteId, note, at, by)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const setVisitStatus = writer.prepare('UPDATE appointment SET status = ? WHERE id = ?');
  // History is written as it happened: the guards that keep an issued invoice's lines fixed step aside, as they do
  // while sync replays another workstation's file (set and cleared inside each transaction).
  const historyWriting = writer.prepare('UPDATE syncApplying SET active = ? WHERE id = 1');

  const counts: SalesCounts = { invoices: 0, creditNotes: 0, payments: 0 };
  const nextId = { invoice: 1, invoiceLine: 1, payment: 1, creditNote: 1, creditNoteLine: 1, storedValueEntry: 1 };
  let invoiceNumber = 0;
  let creditNoteNumber = 0;
  /** Store credit each patient holds, spent first at their next sale. */
  const storedValue = new Map<number, number>();
  /** Patients seen so far: walk-ins are sometimes one of them. */
  const seenPatients: number[] = [];
  let pending: PendingRefund[] = [];

  const lineOf = (service: DemoService, staffId: number | null, priceCents: number): SaleLine => {
    const taxRateMillipercent = service.kind === 'product' ? RETAIL_TAX_MILLIPERCENT : 0;
    if (service.categoryKey === 'neurotoxin') {
      const unitPriceCents = UNIT_PRICE_CENTS.find(([brand]) => service.name.startsWith(brand))?.[1] ?? UNIT_PRICE_CENTS[UNIT_PRICE_CENTS.length - 1][1];
      return { serviceId: service.id, description: `${service.name} (units)`, staffId, quantity: rng.int(20, 50), unitPriceCents, discount: null, taxRateMillipercent };
    }
    return { serviceId: service.id, description: service.name, staffId, quantity: 1, unitPriceCents: priceCents, discount: null, taxRateMillipercent };
  };
  const retailLine = (sellerId: number | null): SaleLine => {
    const product = rng.pick(products);
    return { ...lineOf(product, sellerId, product.priceCents), quantity: rng.chance(0.2) ? 2 : 1 };
  };

  /** A payment of `amount` by one tender: cash is handed over in notes and gets change, a card or transfer a reference. */
  const pay = (invoiceId: number, patientId: number | null, tender: Tendered['tender'], amount: number, atIso: string, by: number): number => {
    const id = nextId.payment++;
    let tendered: number | null = null;
    let reference = '';
    if (tender === 'cash') tendered = rng.chance(0.3) ? amount : Math.ceil(amount / 2000) * 2000 + (rng.chance(0.3) ? 2000 : 0);
    else if (tender === 'card') reference = `${rng.pick(cardBrands)} •••• ${String(rng.int(0, 9999)).padStart(4, '0')}`;
    else if (tender === 'transfer') reference = `TRF-${String(rng.int(0, 999_999)).padStart(6, '0')}`;
    insertPayment.run(id, invoiceId, patientId, tender, amount, tendered, tendered === null ? null : tendered - amount, reference, null, atIso, by);
    counts.payments++;
    return id;
  };

  const writeSale = (sale: Sale): void => {
    const loyalty = sale.patientId !== null && rng.chance(LOYALTY);
    const coupon = inputs.promotions?.couponFor(sale) ?? null;
    const totals = invoiceTotals({ lines: sale.lines, discount: loyalty ? { kind: 'percent', basisPoints: LOYALTY_BASIS_POINTS } : null, coupon, pricesIncludeTax: false, taxRounding: 'line' });
    const discounted = loyalty && totals.discountCents > totals.couponDiscountCents;
    const id = nextId.invoice++;
    const number = formatInSeries('invoice', FIRST_SERIES, ++invoiceNumber);
    const desk = rng.pick(staff.frontDesk);
    const issuedIso = isoOf(sale.issuedMs);
    insertInvoice.run(
      id, number, sale.patientId, sale.appointmentId, discounted ? 'percent' : null, discounted ? LOYALTY_BASIS_POINTS : null,
      totals.grossCents, totals.discountCents, totals.netCents, totals.taxCents, totals.totalCents, issuedIso, desk, desk, isoOf(sale.createdMs), issuedIso,
      coupon ? coupon.coupon.codeId : null, totals.couponDiscountCents,
    );
    if (coupon) inputs.promotions!.redeem(coupon, id, sale.patientId!, totals.couponDiscountCents, issuedIso, desk);
    const lineIds = sale.lines.map((line, position) => {
      const lineId = nextId.invoiceLine++;
      const t = totals.lines[position];
      insertLine.run(lineId, id, position, line.serviceId, line.description, line.staffId, line.quantity, line.unitPriceCents, line.taxRateMillipercent,
        t.grossCents, t.lineDiscountCents + t.couponDiscountCents + t.invoiceDiscountCents, t.netCents, t.taxCents, t.totalCents, line.packagePlanId ?? null, line.topUpPlanId ?? null, line.giftCard ? 1 : 0,
        line.serviceId === null ? null : (inputs.productOf?.get(line.serviceId) ?? null));
      return lineId;
    });
    counts.invoices++;

    // A package or gift card first, then store credit, then the rest by one tender; a few visits leave part owing.
    const paid: Tendered[] = [];
    let due = totals.totalCents;
    const takenIso = isoOf(sale.issuedMs + 60_000);
    const written: WrittenSale = { invoiceId: id, number, patientId: sale.patientId, lines: sale.lines, lineIds, lineTotals: totals.lines, issuedMs: sale.issuedMs, atIso: takenIso, by: desk, ids: nextId };
    const fromPrepaid = options.prepaid?.pay(written, due) ?? 0;
    due -= fromPrepaid;
    const credit = sale.patientId === null ? 0 : Math.min(due, storedValue.get(sale.patientId) ?? 0);
    if (credit > 0) {
      const paymentId = pay(id, sale.patientId, 'storedValue', credit, takenIso, desk);
      storedValue.set(sale.patientId!, storedValue.get(sale.patientId!)! - credit);
      insertStoredValue.run(nextId.storedValueEntry++, sale.patientId, -credit, 'spend', id, paymentId, null, number, takenIso, desk);
      paid.push({ tender: 'storedValue', amountCents: credit });
      due -= credit;
    }
    const owing = sale.appointmentId !== null && due > 0 && rng.chance(OWING);
    // Part paid in whole dollars, the rest owed.
    const amount = owing ? Math.floor(divRound(due * rng.int(20, 80), 100) / 100) * 100 : due;
    if (amount > 0) {
      const tender = tenderTable.draw(rng);
      pay(id, sale.patientId, tender, amount, takenIso, desk);
      paid.push({ tender, amountCents: amount });
      due -= amount;
    }
    if (sale.appointmentId !== null) {
      const status = due > 0 ? 'completed' : 'checkedOut';
      if (status !== sale.visitStatus) setVisitStatus.run(status, sale.appointmentId);
    }
    const topUp = options.prepaid?.settled(written, due <= 0) ?? 0;
    if (topUp > 0) storedValue.set(sale.patientId!, (storedValue.get(sale.patientId!) ?? 0) + topUp);

    // A few paid sales are partly refunded later: some units of a line, or one line of several (prepaid ones are not).
    const prepaidSale = fromPrepaid > 0 || sale.lines.some((line) => line.serviceId === null);
    if (due > 0 || prepaidSale || !rng.chance(REFUNDED)) return;
    // A whole line only while other lines still bill something (a free consultation beside it does not).
    const wholeLineLeavesSome = (i: number) => totals.lines[i].totalCents < totals.totalCents;
    const candidates = sale.lines.flatMap((line, i) => (totals.lines[i].totalCents > 0 && (line.quantity > 1 || wholeLineLeavesSome(i)) ? [i] : []));
    if (!candidates.length) return;
    const at = rng.pick(candidates);
    const quantity = sale.lines[at].quantity;
    const createdMs = sale.issuedMs + rng.int(1, 14) * DAY_MS + rng.int(0, 120) * 60_000;
    if (createdMs >= nowMs) return;
    pending.push({
      createdMs, invoiceId: id, invoiceNumber: number, patientId: sale.patientId, lineId: lineIds[at], line: totals.lines[at], quantity,
      units: rng.int(1, wholeLineLeavesSome(at) ? quantity : quantity - 1), paid,
      refundTo: sale.patientId !== null && rng.chance(TO_STORE_CREDIT) ? 'storeCredit' : 'originalTender', reason: rng.pick(refundReasons),
    });
  };

  /** A credit note and its money back: to store credit, or to the tenders that paid, the last used first. */
  const writeRefund = (refund: PendingRefund): void => {
    const share = refundShare(refund.line, refund.quantity, 0, refund.units);
    const id = nextId.creditNote++;
    const number = formatInSeries('creditNote', FIRST_SERIES, ++creditNoteNumber);
    const by = rng.pick(staff.frontDesk);
    const atIso = isoOf(refund.createdMs);
    insertCreditNote.run(id, number, refund.invoiceId, refund.patientId, refund.reason, refund.refundTo, share.netCents, share.taxCents, share.totalCents, by, atIso);
    insertCreditNoteLine.run(nextId.creditNoteLine++, id, refund.lineId, refund.units, share.netCents, share.taxCents, share.totalCents);
    counts.creditNotes++;
    const parts: Tendered[] = [];
    if (refund.refundTo === 'storeCredit') parts.push({ tender: 'storedValue', amountCents: share.totalCents });
    else {
      let left = share.totalCents;
      for (const p of [...refund.paid].reverse()) {
        const amountCents = Math.min(left, p.amountCents);
        if (amountCents > 0) parts.push({ tender: p.tender, amountCents });
        left -= amountCents;
      }
    }
    for (const part of parts) {
      const paymentId = nextId.payment++;
      insertPayment.run(paymentId, refund.invoiceId, refund.patientId, part.tender, -part.amountCents, null, null, '', id, atIso, by);
      counts.payments++;
      if (part.tender === 'storedValue') {
        const kind = refund.refundTo === 'storeCredit' ? 'storeCredit' : 'refund';
        insertStoredValue.run(nextId.storedValueEntry++, refund.patientId, part.amountCents, kind, refund.invoiceId, paymentId, id, refund.invoiceNumber, atIso, by);
        storedValue.set(refund.patientId!, (storedValue.get(refund.patientId!) ?? 0) + part.amountCents);
      }
    }
  };

  /** The visits of the days [from, to) and the walk-in sales, in the order they were issued. */
  const salesOf = (from: number, to: number): Sale[] => {
    const endMs = to < days.length ? days[to].baseMs : Infinity;
    const rows = visitsBetween.all(isoOf(days[from].baseMs), isoOf(Math.min(endMs, nowMs))) as VisitRow[];
    const sales: Sale[] = [];
    const visitors = new Set<number>();
    for (let i = 0; i < rows.length; ) {
      const first = rows[i];
      const lines: SaleLine[] = [];
      for (; i < rows.length && rows[i].id === first.id; i++) lines.push(lineOf(services.get(rows[i].serviceId)!, rows[i].staffId, rows[i].priceCents));
      if (rng.chance(RETAIL_ON_VISIT)) lines.push(retailLine(first.staffId));
      if (options.prepaid) lines.push(...options.prepaid.linesFor(first.patientId, lines.flatMap((l) => (l.serviceId === null ? [] : [l.serviceId]))));
      const createdMs = Date.parse(first.endsAt);
      const issuedMs = createdMs + rng.int(2, 12) * 60_000;
      if (issuedMs + 60_000 >= nowMs) {
        // Still at the desk: not checked out yet.
        if (first.status !== 'completed') setVisitStatus.run('completed', first.id);
        continue;
      }
      sales.push({ appointmentId: first.id, visitStatus: first.status, patientId: first.patientId, createdMs, issuedMs, lines });
      visitors.add(first.patientId);
    }
    for (let d = from; d < to && d <= today; d++) {
      if (days[d].holiday || days[d].weekday === 7) continue;
      for (let n = rng.int(1, 4); n > 0; n--) {
        const createdMs = days[d].baseMs + rng.int(WALK_IN_FROM_MINUTES, WALK_IN_TO_MINUTES) * 60_000;
        const issuedMs = createdMs + rng.int(1, 5) * 60_000;
        if (issuedMs + 60_000 >= nowMs) continue;
        const patientId = seenPatients.length && rng.chance(0.6) ? rng.pick(seenPatients) : null;
        const lines = [retailLine(rng.pick(staff.frontDesk))];
        if (rng.chance(0.25)) lines.push(retailLine(lines[0].staffId));
        if (options.prepaid) lines.push(...options.prepaid.linesFor(patientId, []));
        sales.push({ appointmentId: null, visitStatus: null, patientId, createdMs, issuedMs, lines });
      }
    }
    for (const id of visitors) seenPatients.push(id);
    return sales.sort((a, b) => a.issuedMs - b.issuedMs || (a.appointmentId ?? 0) - (b.appointmentId ?? 0));
  };

  const totalDays = Math.min(days.length, today + 1);
  for (let chunkStart = 0; chunkStart < totalDays; chunkStart += options.chunkDays) {
    const chunkEnd = Math.min(totalDays, chunkStart + options.chunkDays);
    historyWriting.run(1);
    for (const sale of salesOf(chunkStart, chunkEnd)) writeSale(sale);
    // Credit notes falling within these days, in the order they were made.
    const untilMs = chunkEnd < days.length ? days[chunkEnd].baseMs : Infinity;
    pending.sort((a, b) => a.createdMs - b.createdMs);
    const due = pending.filter((refund) => refund.createdMs < untilMs);
    pending = pending.slice(due.length);
    for (const refund of due) writeRefund(refund);
    historyWriting.run(0);
    await writer.commit();
    options.onProgress?.(chunkEnd, totalDays);
    await new Promise(setImmediate);
  }
  return counts;
}
