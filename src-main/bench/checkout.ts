import { rmSync } from 'node:fs';
import type { Db, Sqlite } from '../core/db';
import type { Registry } from '../core/registry';
import { AUDIT_HASH_SQL, INSERT_AUDIT_SQL } from '../core/audit';
import { creditedSql, paidSql, saleSql } from '../checkout/index';
import { CACHED_TABLE_WRITES_SQL, DATA_VERSION_SQL } from '../core/runtime';
import { FIRST_SERIES, latestInSeries } from '../core/series';
import { type Connection, newConnection } from '../core/session';
import { firstIdOf, ID_RANGE_SQL, lastIdOf, maxIdSql, STAMP_SQL } from '../core/workstation';
import { DEMO_PASSWORD, Random } from '../demo/index';
import { STOCK_LINES_SQL } from '../inventory/index';
import { PATIENT_NAME_SQL } from '../patients/index';
import { SOLD_AHEAD_LINES_SQL } from '../prepaid/index';
import { localDate } from '../../src-shared/time';
import { EARNING_INVOICE_SQL, EARNING_LINES_SQL, expiryOfCredit, INSERT_ENTRY_SQL, loyaltyProgramOf, memberDiscountOf, PATIENT_ENTRIES_SQL, PROGRAM_SQL } from '../loyalty/index';
import { REFERRAL_PROGRAM_SQL, REWARD_INVOICE_SQL } from '../referrals/index';
import { CLOSED_SQL } from '../closing/index';
import { openDemoCopy } from './copy';
import { type BenchRow, type FloorStatement, measure, type Operation, queryPlan, TIMED_RUNS, WARM_UP_RUNS } from './measure';

const INPUT_COUNT = WARM_UP_RUNS + TIMED_RUNS;
const LINES_PER_SALE = 5;
/** The demo is workstation 0: its ids are 1, 2, 3… of the first range, its numbers INV-P… */
const RANGE = { first: firstIdOf(0), last: lastIdOf(0) };

const compiled = (query: { compile(): { sql: string; parameters: readonly unknown[] } }): FloorStatement => {
  const { sql: text, parameters } = query.compile();
  return { sql: text, params: [...parameters] };
};

/** A sale's invoice columns of the loyalty tier discount, for a patient whose tier gives none. */
const noMemberDiscount = { memberTier: null, memberDiscountBasisPoints: 0, memberCategoryIds: '[]', memberDiscountCents: 0 };

/** The audit hash a floor writes: the call computes a real one, which is its own work, not SQL's. */
const FLOOR_HASH = 'f'.repeat(64);

interface Sale {
  patientId: number;
  lines: { serviceId: number; staffId: number }[];
}

/**
 * "checkout commit": a front-desk sale of five lines to a patient, issued and paid by card and cash with change in
 * one call (`checkout.commit`, one transaction). Its floor is the SQL the call runs, text for text and in its order
 * (src-main/checkout/queries.ts and the statements of the registry, ids and audit), with the ids it takes read as the
 * handler reads them. The floor's invoices are numbered 'F' + id, outside the INV-P series, so they never change the
 * next number a call takes.
 */
function checkoutCommit(registry: Registry, conn: Connection, sqlite: Sqlite, rng: Random): Operation {
  const patientIds = sqlite.prepare('SELECT id FROM patient WHERE mergedIntoId IS NULL ORDER BY id').pluck().all() as number[];
  const performed = sqlite
    .prepare("SELECT sp.serviceId, sp.staffId FROM serviceProvider sp JOIN staff st ON st.id = sp.staffId JOIN service s ON s.id = sp.serviceId WHERE st.active = 1 AND s.kind = 'treatment' ORDER BY 1, 2")
    .all() as { serviceId: number; staffId: number }[];
  const timeZone = sqlite.prepare('SELECT timeZone FROM clinic').pluck().get() as string;
  // A different patient each sale, whose tier gives no discount (a sale's points can lift its patient to one), so
  // the tenders (half the list price by card) always fit what is due. Nor a referred patient: a first paid treatment
  // would reward the referrer, work the floor does not do.
  const taken = new Set(sqlite.prepare('SELECT id FROM patient WHERE referredByPatientId IS NOT NULL').pluck().all() as number[]);
  const unused = (fits: (id: number) => boolean) => {
    for (;;) {
      const id = rng.pick(patientIds);
      if (taken.has(id) || !fits(id)) continue;
      taken.add(id);
      return id;
    }
  };
  const sales: Sale[] = Array.from({ length: INPUT_COUNT }, () => ({
    patientId: unused((id) => !memberDiscountOf(sqlite, id, new Date(), timeZone)),
    lines: Array.from({ length: LINES_PER_SALE }, () => rng.pick(performed)),
  }));
  // The floor's points go to other patients, a different one each run as the call's do (so its entry lands on as
  // many pages of the ledger), never to a sale's patient, whom they could lift into a discount tier first.
  const floorPointsPatients = sales.map(() => unused(() => true));
  const at = (run: number) => sales[run % sales.length];
  const program = loyaltyProgramOf(sqlite);
  const prices = new Map((sqlite.prepare('SELECT id, priceCents FROM service').all() as { id: number; priceCents: number }[]).map((s) => [s.id, s.priceCents]));
  const totalOf = (sale: Sale) => sale.lines.reduce((sum, l) => sum + (prices.get(l.serviceId) ?? 0), 0);
  const tendersOf = (total: number) => {
    const card = Math.floor(total / 2);
    const cash = total - card;
    return { card, cash, tendered: Math.ceil(cash / 2000) * 2000 };
  };

  return {
    name: `checkout commit: ${LINES_PER_SALE} lines issued and paid by 2 tenders (checkout.commit)`,
    targetP95Ms: 5,
    writes: true,
    call(run) {
      const sale = at(run);
      const { card, cash, tendered } = tendersOf(totalOf(sale));
      return registry.call(
        'checkout.commit',
        {
          patientId: sale.patientId,
          lines: sale.lines.map((l) => ({ ...l, quantity: 1 })),
          tenders: [{ tender: 'card', amountCents: card, reference: 'Visa •••• 4242' }, { tender: 'cash', amountCents: cash, tenderedCents: tendered }],
        },
        conn,
      );
    },
    floor(run) {
      const sale = at(run);
      const now = new Date().toISOString();
      const pointsExpireOn = expiryOfCredit(program, new Date(now), timeZone);
      const total = totalOf(sale);
      const { card, cash, tendered } = tendersOf(total);
      const ids = { invoice: 0, line: 0, payment: 0, points: 0, audit: 0, prevHash: '' };
      const invoice = () => [ids.invoice];
      const takeId = (table: string, keep: (id: number) => void): FloorStatement[] => [
        { sql: ID_RANGE_SQL, params: [] },
        { sql: maxIdSql(table), params: [RANGE.first, RANGE.last], rows: ([row]) => keep(((Object.values(row as object)[0] as number | null) ?? RANGE.first - 1) + 1) },
      ];
      const audit = (summary: string): FloorStatement[] => [
        ...takeId('audit', (id) => (ids.audit = id)),
        { sql: AUDIT_HASH_SQL, params: () => [ids.audit - 1], rows: ([row]) => (ids.prevHash = (row as { hash: string }).hash) },
        {
          sql: INSERT_AUDIT_SQL,
          params: () => ({ id: ids.audit, at: now, staffId: null, staffName: 'Floor', action: 'create', entity: 'invoice', entityId: String(ids.invoice), summary, details: '{}', prevHash: ids.prevHash, hash: FLOOR_HASH }),
        },
      ];
      // This till's day must be open to issue and to take payment (the demo's today is).
      const dayOpen: FloorStatement = { sql: CLOSED_SQL, params: [0, localDate(new Date(), timeZone)] };
      const series = latestInSeries('invoice', FIRST_SERIES);
      const call: FloorStatement[] = [{ sql: STAMP_SQL, params: [now] }, { sql: DATA_VERSION_SQL, params: [] }];
      const startDraft: FloorStatement[] = [
        { sql: PATIENT_NAME_SQL, params: [sale.patientId] },
        ...takeId('invoice', (id) => (ids.invoice = id)),
        {
          sql: saleSql.INSERT_INVOICE_SQL,
          params: () => ({ id: ids.invoice, number: null, patientId: sale.patientId, appointmentId: null, status: 'draft', pricesIncludeTax: 0, taxRounding: 'line', discountKind: null, discountValue: null, grossCents: 0, discountCents: 0, netCents: 0, taxCents: 0, totalCents: 0, notes: '', issuedAt: null, issuedBy: null, voidedAt: null, voidedBy: null, voidReason: null, couponCodeId: null, couponDiscountCents: 0, ...noMemberDiscount, createdBy: null, createdAt: now, updatedAt: now }),
        },
        { sql: saleSql.DEFAULT_TAX_RATE_SQL, params: [] },
        { sql: saleSql.SERVICES_SQL, params: [JSON.stringify([...new Set(sale.lines.map((l) => l.serviceId))])] },
        { sql: saleSql.PROVIDERS_SQL, params: [JSON.stringify([...new Set(sale.lines.map((l) => l.staffId))])] },
        // The patient's tier discount: the program, then their points of the last 12 months.
        { sql: PROGRAM_SQL, params: [] },
        { sql: PATIENT_ENTRIES_SQL, params: [sale.patientId] },
        { sql: saleSql.DELETE_LINES_SQL, params: invoice },
        ...takeId('invoiceLine', (id) => (ids.line = id)),
        ...sale.lines.map((l, position): FloorStatement => {
          const cents = prices.get(l.serviceId) ?? 0;
          return {
            sql: saleSql.INSERT_LINE_SQL,
            params: () => ({ id: ids.line + position, invoiceId: ids.invoice, position, serviceId: l.serviceId, productId: null, lotId: null, description: 'Floor line', staffId: l.staffId, quantity: 1, unitPriceCents: cents, discountKind: null, discountValue: null, taxRateMillipercent: 0, grossCents: cents, discountCents: 0, netCents: cents, taxCents: 0, totalCents: cents, packagePlanId: null, topUpPlanId: null, giftCard: 0, giftCardCode: null }),
          };
        }),
        { sql: saleSql.SET_TOTALS_SQL, params: () => ({ id: ids.invoice, discountKind: null, discountValue: null, grossCents: total, discountCents: 0, netCents: total, taxCents: 0, totalCents: total, couponCodeId: null, couponDiscountCents: 0, ...noMemberDiscount, updatedAt: now }) },
        ...audit('Started a draft invoice'),
      ];
      const issue: FloorStatement[] = [
        { sql: saleSql.INVOICE_SQL, params: invoice },
        dayOpen,
        { sql: saleSql.HAS_LINES_SQL, params: invoice },
        series,
        { sql: saleSql.ISSUE_SQL, params: () => ({ id: ids.invoice, number: `F${ids.invoice}`, at: now, by: null }) },
        { sql: SOLD_AHEAD_LINES_SQL, params: invoice },
        { sql: STOCK_LINES_SQL, params: invoice },
        ...audit('Issued invoice'),
      ];
      const payment = (position: number, tender: 'card' | 'cash', amountCents: number, cashGiven: number | null) => ({
        sql: saleSql.INSERT_PAYMENT_SQL,
        params: () => ({ id: ids.payment + position, invoiceId: ids.invoice, patientId: sale.patientId, tender, amountCents, tenderedCents: cashGiven, changeCents: cashGiven === null ? null : cashGiven - amountCents, reference: tender === 'card' ? 'Visa •••• 4242' : '', creditNoteId: null, takenAt: now, takenBy: null, giftCardId: null, patientPackageId: null, units: null, points: null }),
      });
      const take: FloorStatement[] = [
        { sql: saleSql.INVOICE_SQL, params: invoice },
        dayOpen,
        { sql: saleSql.SETTLEMENT_SQL, params: invoice },
        ...takeId('payment', (id) => (ids.payment = id)),
        payment(0, 'card', card, null),
        payment(1, 'cash', cash, tendered),
        // Paid in full: what it sold ahead is activated (nothing, on this sale of services).
        { sql: SOLD_AHEAD_LINES_SQL, params: invoice },
        // And it earns the patient's points (the demo's program gives a point per currency unit).
        { sql: PROGRAM_SQL, params: [] },
        { sql: EARNING_INVOICE_SQL, params: invoice },
        { sql: EARNING_LINES_SQL, params: invoice },
        ...takeId('pointsEntry', (id) => (ids.points = id)),
        {
          sql: INSERT_ENTRY_SQL,
          // The entry the call writes: its expiry (so its row in the index of expiring points) and its lines' points.
          params: () => ({
            id: ids.points, patientId: floorPointsPatients[run % floorPointsPatients.length], kind: 'earned', points: Math.floor(total / 100), at: now,
            expiresOn: pointsExpireOn, lotEntryId: null, invoiceId: ids.invoice, creditNoteId: null, paymentId: null,
            lines: JSON.stringify(sale.lines.map((l, position) => ({ lineId: ids.line + position, points: Math.floor((prices.get(l.serviceId) ?? 0) / 100) }))),
            dedupeKey: `earned:${ids.invoice}`, note: `F${ids.invoice}`, by: null,
          }),
        },
        // And it may reward a referrer (a patient nobody referred: one read of the program and the invoice).
        { sql: REFERRAL_PROGRAM_SQL, params: [] },
        { sql: REWARD_INVOICE_SQL, params: invoice },
        ...audit('Took payment'),
      ];
      const load: FloorStatement[] = [saleSql.INVOICE_VIEW_SQL, saleSql.LINES_VIEW_SQL, saleSql.PAYMENTS_VIEW_SQL, saleSql.CREDIT_NOTES_VIEW_SQL].map((text) => ({ sql: text, params: invoice }));
      return [...call, ...startDraft, ...issue, ...take, ...load, { sql: CACHED_TABLE_WRITES_SQL, params: [] }];
    },
  };
}

/** "patient balance and ledgers": checkout.balance on patients who have invoices. */
function patientBalance(registry: Registry, conn: Connection, sqlite: Sqlite, db: Db, rng: Random): Operation {
  const billed = sqlite.prepare('SELECT DISTINCT patientId FROM invoice WHERE patientId IS NOT NULL ORDER BY patientId').pluck().all() as number[];
  const patients = Array.from({ length: INPUT_COUNT }, () => rng.pick(billed));
  const at = (run: number) => patients[run % patients.length];
  return {
    name: 'patient balance and ledgers (checkout.balance)',
    targetP95Ms: 10,
    call: (run) => registry.call('checkout.balance', { patientId: at(run) }, conn),
    floor(run) {
      const patientId = at(run);
      return [
        compiled(db.selectFrom('patient').select(['firstName', 'lastName']).where('id', '=', patientId).where('mergedIntoId', 'is', null)),
        compiled(
          db.selectFrom('invoice').select(['id', 'number', 'status', 'totalCents', 'issuedAt', 'createdAt', 'appointmentId'])
            .select([creditedSql.as('credited'), paidSql.as('paid')])
            .where('patientId', '=', patientId).orderBy('createdAt', 'desc').orderBy('id', 'desc').where('status', '=', 'issued'),
        ),
        compiled(db.selectFrom('storedValueEntry').select((eb) => eb.fn.coalesce(eb.fn.sum<number>('amountCents'), eb.val(0)).as('balance')).where('patientId', '=', patientId)),
      ];
    },
  };
}

/**
 * The checkout rows, on a copy of the closed demo clinic (`openDemoCopy`): every sale is numbered after the ten
 * years of INV-P invoices, as at the real desk.
 */
export async function checkoutRows(demoDir: string): Promise<{ row: BenchRow; target: number; plans: string[] }[]> {
  const { dir, lumen } = await openDemoCopy(demoDir, 'lumen-bench-checkout-');
  try {
    const conn = newConnection('cli');
    await lumen.registry.call('auth.signIn', { username: 'frontdesk', password: DEMO_PASSWORD }, conn);
    const { sqlite, db } = lumen.runtime;
    const rng = new Random(20261201);
    // The balance first: it reads, and the sales the other row adds would only be noise to it.
    const results = [];
    for (const op of [patientBalance(lumen.registry, conn, sqlite, db, rng), checkoutCommit(lumen.registry, conn, sqlite, rng)]) {
      process.stderr.write(`Measuring ${op.name} (${WARM_UP_RUNS} warm-up + ${TIMED_RUNS} timed runs, on a copy of the demo)…\n`);
      const row = await measure(sqlite, op);
      const plans = op.writes ? [] : op.floor(0).map((statement) => queryPlan(sqlite, statement));
      results.push({ row, target: op.targetP95Ms, plans });
    }
    return results;
  } finally {
    await lumen.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
