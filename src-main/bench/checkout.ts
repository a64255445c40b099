import { rmSync } from 'node:fs';
import { sql } from 'kysely';
import type { Db, Sqlite } from '../core/db';
import type { Registry } from '../core/registry';
import { creditedSql, invoiceQueries, paidSql } from '../checkout/index';
import { FIRST_SERIES, latestInSeries } from '../core/series';
import { type Connection, newConnection } from '../core/session';
import { firstIdOf, lastIdOf } from '../core/workstation';
import { DEMO_PASSWORD, Random } from '../demo/index';
import { stockLinesOf } from '../inventory/index';
import { localDate } from '../../src-shared/time';
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

/** The statements of `loadInvoice` (src-main/checkout/view.ts) for the floor's own invoice: the one it inserted last. */
function loadInvoiceFloor(db: Db): FloorStatement[] {
  const queries = invoiceQueries(db, sql<number>`(SELECT max(id) FROM invoice)`);
  return [compiled(queries.invoice), compiled(queries.lines), compiled(queries.payments), compiled(queries.creditNotes)];
}

const newIdFloor = (table: string): FloorStatement => ({ sql: `SELECT max(id) FROM "${table}" WHERE id BETWEEN ? AND ?`, params: [RANGE.first, RANGE.last] });

/** A fresh id for the floor's row: distinct per row of a multi-row insert (gaps do no harm: ids are max + 1). */
const nextIdOf = (table: 'invoice' | 'invoiceLine' | 'payment', position: number) => sql<number>`(SELECT coalesce(max(id), 0) + ${position + 1} FROM ${sql.table(table)})`;

interface Sale {
  patientId: number;
  lines: { serviceId: number; staffId: number }[];
}

/**
 * "checkout commit": a front-desk sale of five lines to a patient, issued and paid by card and cash with change in
 * one call (`checkout.commit`, one transaction). Its floor is the same SQL as raw statements in one transaction. The
 * floor's rows are marked by their number ('F' + id, outside the INV-P series), so they never change the next number
 * a call takes; the call's audit entries (hash-chained) have no floor.
 */
function checkoutCommit(registry: Registry, conn: Connection, sqlite: Sqlite, db: Db, rng: Random): Operation {
  const patientIds = sqlite.prepare('SELECT id FROM patient WHERE mergedIntoId IS NULL ORDER BY id').pluck().all() as number[];
  const performed = sqlite
    .prepare("SELECT sp.serviceId, sp.staffId FROM serviceProvider sp JOIN staff st ON st.id = sp.staffId JOIN service s ON s.id = sp.serviceId WHERE st.active = 1 AND s.kind = 'treatment' ORDER BY 1, 2")
    .all() as { serviceId: number; staffId: number }[];
  const sales: Sale[] = Array.from({ length: INPUT_COUNT }, () => ({ patientId: rng.pick(patientIds), lines: Array.from({ length: LINES_PER_SALE }, () => rng.pick(performed)) }));
  const at = (run: number) => sales[run % sales.length];
  const prices = new Map((sqlite.prepare('SELECT id, priceCents FROM service').all() as { id: number; priceCents: number }[]).map((s) => [s.id, s.priceCents]));
  const timeZone = sqlite.prepare('SELECT timeZone FROM clinic').pluck().get() as string;
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
      const latest = sql<number>`(SELECT max(id) FROM invoice)`;
      const total = totalOf(sale);
      const { card, cash, tendered } = tendersOf(total);
      // This till's day must be open to issue and to take payment (the demo's today is).
      const dayOpen: FloorStatement = { sql: CLOSED_SQL, params: [0, localDate(new Date(), timeZone)] };
      const startDraft: FloorStatement[] = [
        compiled(db.selectFrom('patient').select(['firstName', 'lastName']).where('id', '=', sale.patientId).where('mergedIntoId', 'is', null)),
        newIdFloor('invoice'),
        compiled(db.insertInto('invoice').values({ id: nextIdOf('invoice', 0), number: null, patientId: sale.patientId, appointmentId: null, status: 'draft', pricesIncludeTax: 0, taxRounding: 'line', discountKind: null, discountValue: null, grossCents: 0, discountCents: 0, netCents: 0, taxCents: 0, totalCents: 0, notes: '', issuedAt: null, issuedBy: null, voidedAt: null, voidedBy: null, voidReason: null, couponCodeId: null, couponDiscountCents: 0, createdBy: null, createdAt: now, updatedAt: now })),
        compiled(db.selectFrom('taxRate').select('rateMillipercent').where('isDefault', '=', 1).where('active', '=', 1)),
        compiled(db.selectFrom('service').select(['id', 'name', 'priceCents', 'taxable']).where('id', 'in', [...new Set(sale.lines.map((l) => l.serviceId))])),
        compiled(db.selectFrom('staff').select('id').where('id', 'in', [...new Set(sale.lines.map((l) => l.staffId))])),
        // The seller's discount limit (no discount here, so no approval).
        compiled(db.selectFrom('discountLimit').selectAll().where('role', '=', 'frontDesk')),
        compiled(db.deleteFrom('invoiceLine').where('invoiceId', '=', latest)),
        newIdFloor('invoiceLine'),
        compiled(
          db.insertInto('invoiceLine').values(sale.lines.map((l, position) => {
            const cents = prices.get(l.serviceId) ?? 0;
            return { id: nextIdOf('invoiceLine', position), invoiceId: latest, position, serviceId: l.serviceId, description: 'Floor line', staffId: l.staffId, quantity: 1, unitPriceCents: cents, discountKind: null, discountValue: null, taxRateMillipercent: 0, grossCents: cents, discountCents: 0, netCents: cents, taxCents: 0, totalCents: cents };
          })),
        ),
        compiled(db.updateTable('invoice').set({ discountKind: null, discountValue: null, grossCents: total, discountCents: 0, netCents: total, taxCents: 0, totalCents: total, updatedAt: now }).where('id', '=', latest)),
      ];
      const issue: FloorStatement[] = [
        compiled(db.selectFrom('invoice').selectAll().where('id', '=', latest)),
        dayOpen,
        compiled(db.selectFrom('invoiceLine').select('id').where('invoiceId', '=', latest).limit(1)),
        compiled({ compile: () => latestInSeries('invoice', FIRST_SERIES).compile(db) }),
        { sql: "UPDATE invoice SET status = 'issued', number = 'F' || id, issuedAt = ?, issuedBy = NULL, updatedAt = ? WHERE id = (SELECT max(id) FROM invoice)", params: [now, now] },
        // The products that leave stock (none on this sale of services).
        compiled(stockLinesOf(db, latest)),
      ];
      const take: FloorStatement[] = [
        compiled(db.selectFrom('invoice').selectAll().where('id', '=', latest)),
        dayOpen,
        compiled(db.selectFrom('invoice').select(['status', 'totalCents', creditedSql.as('credited'), paidSql.as('paid')]).where('id', '=', latest)),
        newIdFloor('payment'),
        compiled(
          db.insertInto('payment').values([
            { id: nextIdOf('payment', 0), invoiceId: latest, patientId: sale.patientId, tender: 'card', amountCents: Math.max(1, card), tenderedCents: null, changeCents: null, reference: 'Visa •••• 4242', creditNoteId: null, takenAt: now, takenBy: null },
            { id: nextIdOf('payment', 1), invoiceId: latest, patientId: sale.patientId, tender: 'cash', amountCents: Math.max(1, cash), tenderedCents: tendered, changeCents: tendered - cash, reference: '', creditNoteId: null, takenAt: now, takenBy: null },
          ]),
        ),
      ];
      return [...startDraft, ...issue, ...take, ...loadInvoiceFloor(db)];
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
    for (const op of [patientBalance(lumen.registry, conn, sqlite, db, rng), checkoutCommit(lumen.registry, conn, sqlite, db, rng)]) {
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
