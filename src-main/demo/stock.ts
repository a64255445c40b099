import { REBUILD_STOCK_ON_HAND_SQL, stockOnHandTriggers } from '../../db/migrations/0027_stock_on_hand';
import type { Injection } from '../../src-shared/contract/charts';
import { isoOf } from '../../src-shared/time';
import { setAsideTriggers } from '../core/db';
import { DAY_MS } from './calendar';
import type { DemoCatalog } from './catalog';
import type { DemoContext } from './context';
import { setAsideIndexes } from './indexes';

/** The injectables the demo's charts use: unit of stock, what a package holds, price per unit, supplier, reorder level. */
const INJECTABLES: readonly (readonly [name: string, unit: 'U' | 'ml×0.1', perPackage: number, unitPriceCents: number, supplier: string, reorderLevel: number])[] = [
  ['Botox Cosmetic', 'U', 100, 1500, 'Allergan Aesthetics', 300],
  ['Dysport', 'U', 300, 600, 'Galderma', 600],
  ['Xeomin', 'U', 100, 1300, 'Merz Aesthetics', 100],
  ['Juvéderm Ultra XC', 'ml×0.1', 10, 7500, 'Allergan Aesthetics', 20],
  ['Juvéderm Voluma XC', 'ml×0.1', 10, 8500, 'Allergan Aesthetics', 20],
  ['Restylane Lyft', 'ml×0.1', 10, 7500, 'Galderma', 20],
  ['RHA 2', 'ml×0.1', 10, 7000, 'Revance', 20],
  ['Sculptra Aesthetic', 'ml×0.1', 80, 1200, 'Galderma', 80],
  ['Hylenex', 'U', 150, 300, 'Halozyme', 150],
];
/** Cost of a package as a share of what its units sell for. */
const COST_SHARE = 0.35;
const RETAIL_SUPPLIER = 'SkinMed Distribution';
const RETAIL_PER_CASE = 6;
/** A retail lot per product and quarter of sale, for a query with the invoice as `i`: R2025Q3. */
const QUARTER_LOT = "'R' || substr(i.issuedAt, 1, 4) || 'Q' || ((CAST(substr(i.issuedAt, 6, 2) AS INTEGER) + 2) / 3)";
/** Share of used-up lots counted after their last use, and how often such a count finds one missing. */
const COUNTED = 0.4;
const SHRINK = 0.25;

/**
 * What the demo's signed charts injected, collected as the calendar writes them (reading a million charts' JSON back
 * would take seconds): per chart and lot, flattened into numbers to stay small.
 */
export class ChartUses {
  /** chartId, appointmentId, patientId, signedMs, signedBy, lot index, units — seven numbers per use. */
  readonly rows: number[] = [];
  readonly lots: { product: string; lot: string }[] = [];
  private readonly lotIndex = new Map<string, number>();

  add(chartId: number, appointmentId: number, patientId: number, signedMs: number, signedBy: number, injections: readonly Injection[]): void {
    const units = new Map<number, number>();
    for (const injection of injections) {
      const key = `${injection.product}\t${injection.lot}`;
      let index = this.lotIndex.get(key);
      if (index === undefined) {
        index = this.lots.push({ product: injection.product, lot: injection.lot }) - 1;
        this.lotIndex.set(key, index);
      }
      units.set(index, (units.get(index) ?? 0) + injection.units);
    }
    for (const [index, used] of units) this.rows.push(chartId, appointmentId, patientId, signedMs, signedBy, index, used);
  }
}

interface LotUse {
  lotId: number;
  productId: number;
  expiry: string;
  perPackage: number;
  unitCostCents: number;
  supplier: string;
  out: number;
  firstMs: number;
  lastMs: number;
}

/**
 * Ten years of stock, consistent with the visits and sales already written: products (the charts' injectables and
 * the catalog's retail), a lot per stock lot the charts named and a lot per quarter of each retail product, the
 * units every signed chart injected and every retail line sold (back in with restocking credit notes), a receipt of
 * enough packages (and a spare or two) shortly before each lot's first use, a count now and then after a lot ran
 * down, and what was left of an expired lot written off. Bulk SQL and prepared statements; no capture (the demo is
 * written as history).
 */
/**
 * The products: the charts' injectables and the catalog's retail (each retail service sells its product). Written
 * before the sales, which name the product on each retail line; returns the product of each retail service.
 */
export function writeProducts(ctx: DemoContext, catalog: DemoCatalog): Map<number, number> {
  const { sqlite } = ctx;
  const createdAt = ctx.historyStart.toISOString();
  const productOf = new Map<number, number>();
  sqlite.transaction(() => {
    const insertProduct = sqlite.prepare(
      `INSERT INTO product (name, sku, kind, unit, unitsPerPackage, priceCents, taxable, reorderLevel, active, createdAt, updatedAt)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`,
    );
    for (const [name, unit, perPackage, price, , reorder] of INJECTABLES) insertProduct.run(name, null, 'injectable', unit, perPackage, price, 0, reorder, createdAt, createdAt);
    for (const [i, service] of catalog.services.filter((s) => s.kind === 'product').entries()) {
      const sku = `RT-${String(i + 1).padStart(3, '0')}`;
      productOf.set(service.id, Number(insertProduct.run(service.name, sku, 'retail', 'each', RETAIL_PER_CASE, service.priceCents, 1, 4, createdAt, createdAt).lastInsertRowid));
    }
  })();
  return productOf;
}

/**
 * Ten years of stock, consistent with the visits and sales already written: a lot per stock lot the charts named and
 * a lot per quarter of each retail product, the units every signed chart injected and every retail line sold (back
 * in with restocking credit notes), a receipt of enough packages (and a spare or two) shortly before each lot's first
 * use, a count now and then after a lot ran down, and what was left of an expired lot written off. Bulk SQL and
 * prepared statements, the ledger's indexes and on-hand sums built once at the end; no capture (the demo is written as
 * history).
 */
export function writeStock(ctx: DemoContext, chartUses: ChartUses): { lots: number; movements: number } {
  const { sqlite } = ctx;
  const rng = ctx.random('stock');
  const nowMs = ctx.now.getTime();
  const today = ctx.nowIso.slice(0, 10);
  const manager = (sqlite.prepare("SELECT id FROM staff WHERE role = 'manager' ORDER BY id LIMIT 1").pluck().get() as number | undefined) ?? null;
  const supplierOf = new Map<number, string>(
    (sqlite.prepare('SELECT id, name, kind FROM product').all() as { id: number; name: string; kind: string }[]).map((p) => [
      p.id,
      INJECTABLES.find(([name]) => name === p.name)?.[4] ?? RETAIL_SUPPLIER,
    ]),
  );
  // Every row below points at rows that exist by construction (the demo test checks them with foreign_key_check);
  // checking hundreds of thousands of references one insert at a time would take seconds.
  sqlite.pragma('foreign_keys = OFF');
  try {
    return sqlite.transaction(() => {
      const restoreIndexes = setAsideIndexes(sqlite, "tbl_name = 'stockMovement'");
      const restoreTriggers = setAsideTriggers(sqlite, stockOnHandTriggers);
      const written = writeLedger();
      sqlite.exec(REBUILD_STOCK_ON_HAND_SQL);
      restoreTriggers();
      restoreIndexes();
      return written;
    })();
  } finally {
    sqlite.pragma('foreign_keys = ON');
  }

  function writeLedger() {
    // Lots: every lot the charts named, and one per quarter a retail product sold in (expiring two years on).
    sqlite.exec(`
      INSERT INTO stockLot (productId, lotNumber, expiry, createdAt)
        SELECT p.id, l.lot, l.expiry, l.lastUsedAt FROM productLot l JOIN product p ON p.name = l.product;
      INSERT INTO stockLot (productId, lotNumber, expiry, createdAt)
        SELECT l.productId, ${QUARTER_LOT},
               date(min(i.issuedAt), 'start of month', '+2 years'), min(i.issuedAt)
        FROM invoiceLine l JOIN invoice i ON i.id = l.invoiceId
        WHERE l.productId IS NOT NULL
        GROUP BY 1, 2;
    `);
    // What left each lot: the units every signed chart injected, and every retail line sold from its quarter's lot.
    const lotOf = sqlite.prepare('SELECT s.id, s.productId FROM stockLot s JOIN product p ON p.id = s.productId WHERE p.name = ? AND s.lotNumber = ?');
    const stockLots = chartUses.lots.map(({ product, lot }) => lotOf.get(product, lot) as { id: number; productId: number } | undefined);
    const insertUse = sqlite.prepare(
      "INSERT INTO stockMovement (productId, lotId, kind, quantity, reason, chartId, appointmentId, patientId, at, by) VALUES (?, ?, 'used', ?, 'Visit note signed', ?, ?, ?, ?, ?)",
    );
    const { rows } = chartUses;
    for (let i = 0; i < rows.length; i += 7) {
      const lot = stockLots[rows[i + 5]];
      if (lot) insertUse.run(lot.productId, lot.id, -rows[i + 6], rows[i], rows[i + 1], rows[i + 2], isoOf(rows[i + 3]), rows[i + 4]);
    }
    sqlite.exec(`
      INSERT INTO stockMovement (productId, lotId, kind, quantity, reason, invoiceLineId, appointmentId, patientId, at, by)
        SELECT l.productId, s.id, 'sold', -l.quantity, 'Invoice ' || i.number, l.id, i.appointmentId, i.patientId, i.issuedAt, i.issuedBy
        FROM invoiceLine l JOIN invoice i ON i.id = l.invoiceId
        JOIN stockLot s ON s.productId = l.productId AND s.lotNumber = ${QUARTER_LOT}
        WHERE l.productId IS NOT NULL AND i.status = 'issued';
      INSERT INTO stockMovement (productId, lotId, kind, quantity, reason, invoiceLineId, appointmentId, patientId, at, by)
        SELECT l.productId, s.id, 'returned', cl.quantity, 'Credit note ' || n.number || ': returned to stock', l.id, i.appointmentId, i.patientId, n.createdAt, n.createdBy
        FROM creditNoteLine cl JOIN creditNote n ON n.id = cl.creditNoteId
        JOIN invoiceLine l ON l.id = cl.invoiceLineId JOIN invoice i ON i.id = l.invoiceId
        JOIN stockLot s ON s.productId = l.productId AND s.lotNumber = ${QUARTER_LOT}
        WHERE l.productId IS NOT NULL;
    `);

    // Each lot's receipt, counts and write-off follow from what left it.
    const uses = sqlite
      .prepare(
        `SELECT s.id AS lotId, s.productId, s.expiry, p.unitsPerPackage AS perPackage, p.priceCents AS unitCostCents, -sum(m.quantity) AS out,
                min(m.at) AS first, max(m.at) AS last
         FROM stockLot s JOIN product p ON p.id = s.productId JOIN stockMovement m ON m.lotId = s.id
         GROUP BY s.id ORDER BY min(m.at), s.id`,
      )
      .all() as (Omit<LotUse, 'firstMs' | 'lastMs' | 'supplier'> & { first: string; last: string })[];
    const insertReceipt = sqlite.prepare('INSERT INTO stockReceipt (supplier, reference, receivedOn, note, totalCostCents, createdAt, createdBy) VALUES (?, ?, ?, ?, ?, ?, ?)');
    const insertCount = sqlite.prepare("INSERT INTO stockCount (productId, note, countedAt, countedBy) VALUES (?, '', ?, ?)");
    const insertMovement = sqlite.prepare(
      'INSERT INTO stockMovement (productId, lotId, kind, quantity, unitCostCents, reason, receiptId, countId, at, by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    let receiptNumber = 0;
    for (const use of uses) {
      const lot: LotUse = { ...use, supplier: supplierOf.get(use.productId)!, firstMs: Date.parse(use.first), lastMs: Date.parse(use.last) };
      const packages = Math.max(1, Math.ceil(lot.out / lot.perPackage) + rng.int(0, 2));
      const packageCost = Math.round(lot.unitCostCents * lot.perPackage * COST_SHARE);
      const receivedMs = Math.max(ctx.historyStart.getTime(), lot.firstMs - rng.int(2, 20) * DAY_MS);
      const receivedIso = isoOf(receivedMs);
      const receiptId = Number(
        insertReceipt.run(lot.supplier, `${lot.supplier.slice(0, 3).toUpperCase()}-${String(++receiptNumber).padStart(6, '0')}`, receivedIso.slice(0, 10), '', packages * packageCost, receivedIso, manager).lastInsertRowid,
      );
      insertMovement.run(lot.productId, lot.lotId, 'received', packages * lot.perPackage, Math.floor(packageCost / lot.perPackage), `${packages} × ${lot.perPackage}`, receiptId, null, receivedIso, manager);
      let left = packages * lot.perPackage - lot.out;
      const countedMs = lot.lastMs + rng.int(1, 10) * DAY_MS;
      if (left > 0 && countedMs < nowMs && rng.chance(COUNTED)) {
        const countedIso = isoOf(countedMs);
        const countId = Number(insertCount.run(lot.productId, countedIso, manager).lastInsertRowid);
        if (rng.chance(SHRINK)) {
          insertMovement.run(lot.productId, lot.lotId, 'counted', -1, null, `Counted ${left - 1}, expected ${left}`, null, countId, countedIso, manager);
          left -= 1;
        }
      }
      if (left > 0 && lot.expiry < today) {
        const expiredIso = `${lot.expiry}T18:00:00.000Z`;
        insertMovement.run(lot.productId, lot.lotId, 'writtenOff', -left, null, 'Expired', null, null, expiredIso, manager);
      }
    }
    const count = (table: string) => sqlite.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
    return { lots: count('stockLot'), movements: count('stockMovement') };
  }
}
