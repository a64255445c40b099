import { SERVICE_KIND } from './0015_sales_day';
import type { MigrationContext } from './context';

/*
 * The provider report's rebooking projection (issue 17, sales reports' speed). `serviceSale` holds one row per patient,
 * provider (0: none) and issued invoice that sold the patient a service by that provider — who treated whom, and
 * when — with what the rebooking rate asks of it, worked out ahead of time:
 * - `nextSaleAt`: when that provider next sold that patient a service (the pair's next row; null: none since), so the
 *   pair's last sale in a period is the row of the period whose next sale is after it — no grouping of pairs;
 * - `nextVisitAt`: the start of the patient's first visit (not cancelled or no-show), with any provider, starting 12
 *   hours or more after the sale, and `nextVisitSoon` whether that is within 90 days of the sale (null: no visit) — a
 *   plain column, not a generated one: SQLite never reads an index holding a generated column as covering.
 *
 * Kept per patient, and off the desk's path: a write that can change a patient's rows (an invoice issued, voided or
 * moved, a line changed by sync, a visit booked, moved, cancelled or restored, a service's kind corrected) only notes
 * the patient in `serviceSalePending` — a row in a small table, where recomputing at once cost checkout ~0.35 ms (its
 * p95 budget is 5 ms): the rows live in the patient's part of the table, pages a sale seldom has in memory. The
 * `serviceSale` job recomputes noted patients every minute (`recomputePendingSql`); until then the report computes
 * their rows from the invoices itself (`pendingRowsSql`) and leaves their kept rows aside, so it is exact at any
 * moment, job or not. Derived and local: each workstation keeps it where the synced rows land.
 */

const ISO = `'%Y-%m-%dT%H:%M:%fZ'`;
const LIVE_VISIT = (a: string) => `${a}.status NOT IN ('cancelled', 'noShow')`;

/** Service lines of issued invoices with a patient, grouped into rows of the projection: one per patient, provider and invoice. */
const SALE_ROW = `i.patientId, coalesce(l.staffId, 0), i.issuedAt, i.id`;
const serviceLines = (from: string, where: string) => `${from} LEFT JOIN service s ON s.id = l.serviceId
  WHERE ${where} AND i.status = 'issued' AND i.patientId IS NOT NULL AND i.issuedAt IS NOT NULL
    AND l.giftCard = 0 AND l.topUpPlanId IS NULL AND l.packagePlanId IS NULL AND ${SERVICE_KIND}
  GROUP BY ${SALE_ROW}`;

/** The first live visit of the patient starting 12 hours or more after the sale (SQL expressions). */
const nextVisit = (patientId: string, at: string) => `(SELECT a.startsAt FROM appointment a
  WHERE a.patientId = ${patientId} AND a.startsAt >= strftime(${ISO}, ${at}, '+12 hours') AND ${LIVE_VISIT('a')} ORDER BY a.startsAt LIMIT 1)`;

/**
 * The rows of every sale of the invoices `from … where` reaches, all of each patient's (the next sale is the pair's
 * next row). The window runs over the grouping in one statement: over a subquery SQLite would sort the rows again.
 * Columns in the table's order.
 */
const rowsOf = (from: string, where: string) => `
  SELECT patientId, staffId, at, invoiceId, nextSaleAt, nextVisitAt, nextVisitAt < strftime(${ISO}, at, '+90 days') AS nextVisitSoon FROM (
    SELECT i.patientId AS patientId, coalesce(l.staffId, 0) AS staffId, i.issuedAt AS at, i.id AS invoiceId,
      lead(i.issuedAt) OVER (PARTITION BY i.patientId, coalesce(l.staffId, 0) ORDER BY i.issuedAt, i.id) AS nextSaleAt,
      ${nextVisit('i.patientId', 'i.issuedAt')} AS nextVisitAt
    ${serviceLines(from, where)})`;

/** The rows of the patients a SELECT of `patientId` lists, from their issued invoices. */
export const serviceSaleRowsOf = (patients: string): string =>
  rowsOf('FROM invoice i JOIN invoiceLine l ON l.invoiceId = i.id', `i.patientId IN (${patients})`);

const INSERT = 'INSERT INTO serviceSale (patientId, staffId, at, invoiceId, nextSaleAt, nextVisitAt, nextVisitSoon)';

/** The noted patients up to `:upTo` (the job takes them in id order, a bounded number per transaction). */
const PENDING_UP_TO = 'SELECT patientId FROM serviceSalePending WHERE patientId <= :upTo';

/** The job's statements: recompute the noted patients up to `:upTo`, then forget them. */
export const RECOMPUTE_PENDING_SQL = [
  `DELETE FROM serviceSale WHERE patientId IN (${PENDING_UP_TO})`,
  `${INSERT} ${serviceSaleRowsOf(PENDING_UP_TO)}`,
  'DELETE FROM serviceSalePending WHERE patientId <= :upTo',
];

/** The rows of the patients still noted, computed from their invoices (the report's view of them until the job has run). */
export const PENDING_ROWS_SQL = serviceSaleRowsOf('SELECT patientId FROM serviceSalePending');

/**
 * The whole projection, from every issued invoice (the backfill, a repair, the demo after its bulk writes). The lines
 * are read in table order (a patient's invoices are spread over the file) and the rows come out in key order; the
 * report's index is built once afterwards.
 */
export const REBUILD_SERVICE_SALE_SQL = `
  DELETE FROM serviceSale;
  DELETE FROM serviceSalePending;
  DROP INDEX IF EXISTS serviceSale_staff;
  ${INSERT} ${rowsOf('FROM invoiceLine l CROSS JOIN invoice i ON i.id = l.invoiceId', '1')};
  CREATE INDEX serviceSale_staff ON serviceSale(staffId, at, nextSaleAt, nextVisitSoon);`;

/** Notes patients (SQL expressions, null ones skipped) for the job. */
const note = (...patients: string[]) =>
  patients.length === 1
    ? `INSERT OR IGNORE INTO serviceSalePending (patientId) SELECT ${patients[0]} WHERE ${patients[0]} IS NOT NULL;`
    : `INSERT OR IGNORE INTO serviceSalePending (patientId) SELECT patientId FROM (${patients.map((p) => `SELECT ${p} AS patientId`).join(' UNION ')}) WHERE patientId IS NOT NULL;`;

const issued = (invoiceId: string) => `(SELECT status FROM invoice WHERE id = ${invoiceId}) = 'issued'`;
const patientOf = (invoiceId: string) => `(SELECT patientId FROM invoice WHERE id = ${invoiceId})`;

/** Trigger name → its SQL. Named `serviceSale_*` so a bulk writer can set them aside and rebuild once. */
export const serviceSaleTriggers: Record<string, string> = {
  // Issued (checkout's hot path), voided, back to draft, re-dated, or moved to another patient by a merge.
  serviceSale_invoice_update: `AFTER UPDATE OF status, issuedAt, patientId ON invoice
    WHEN (OLD.status = 'issued' OR NEW.status = 'issued') AND (OLD.status IS NOT NEW.status OR OLD.issuedAt IS NOT NEW.issuedAt OR OLD.patientId IS NOT NEW.patientId)
    BEGIN ${note('OLD.patientId', 'NEW.patientId')} END`,
  serviceSale_invoice_insert: `AFTER INSERT ON invoice WHEN NEW.status = 'issued' BEGIN ${note('NEW.patientId')} END`,
  serviceSale_invoice_delete: `AFTER DELETE ON invoice WHEN OLD.status = 'issued' BEGIN ${note('OLD.patientId')} END`,
  // Lines of an issued invoice change only while sync applies a file (or a repair).
  serviceSale_line_insert: `AFTER INSERT ON invoiceLine WHEN ${issued('NEW.invoiceId')} BEGIN ${note(patientOf('NEW.invoiceId'))} END`,
  serviceSale_line_update: `AFTER UPDATE OF invoiceId, serviceId, staffId, productId, packagePlanId, topUpPlanId, giftCard ON invoiceLine
    WHEN ${issued('OLD.invoiceId')} OR ${issued('NEW.invoiceId')} BEGIN ${note(patientOf('OLD.invoiceId'), patientOf('NEW.invoiceId'))} END`,
  serviceSale_line_delete: `AFTER DELETE ON invoiceLine WHEN ${issued('OLD.invoiceId')} BEGIN ${note(patientOf('OLD.invoiceId'))} END`,
  // A catalog correction that makes a service a product or a package (or back): every patient sold it.
  serviceSale_service_kind: `AFTER UPDATE OF kind ON service WHEN OLD.kind IS NOT NEW.kind
    BEGIN INSERT OR IGNORE INTO serviceSalePending (patientId) SELECT DISTINCT i.patientId FROM invoiceLine l JOIN invoice i ON i.id = l.invoiceId
      WHERE l.serviceId = NEW.id AND i.status = 'issued' AND i.patientId IS NOT NULL; END`,
  // Visits: only a change of whether one counts (booked, cancelled, no-show, restored), when it starts or whose it is.
  serviceSale_visit_insert: `AFTER INSERT ON appointment WHEN ${LIVE_VISIT('NEW')} BEGIN ${note('NEW.patientId')} END`,
  serviceSale_visit_update: `AFTER UPDATE OF status, startsAt, patientId ON appointment
    WHEN (${LIVE_VISIT('OLD')}) IS NOT (${LIVE_VISIT('NEW')}) OR ((${LIVE_VISIT('NEW')}) AND (OLD.startsAt IS NOT NEW.startsAt OR OLD.patientId IS NOT NEW.patientId))
    BEGIN ${note('OLD.patientId', 'NEW.patientId')} END`,
  serviceSale_visit_delete: `AFTER DELETE ON appointment WHEN ${LIVE_VISIT('OLD')} BEGIN ${note('OLD.patientId')} END`,
};

export function up({ exec }: MigrationContext): void {
  exec(`
    -- Per patient, provider (0: none) and issued invoice with a service line of theirs: when it was sold, the pair's
    -- next sale, and the patient's next visit (not cancelled or no-show) starting 12 hours or more after it.
    CREATE TABLE serviceSale (
      patientId INTEGER NOT NULL,
      staffId INTEGER NOT NULL,
      at TEXT NOT NULL,
      invoiceId INTEGER NOT NULL,
      nextSaleAt TEXT,
      nextVisitAt TEXT,
      nextVisitSoon INTEGER,
      PRIMARY KEY (patientId, staffId, at, invoiceId)
    ) STRICT, WITHOUT ROWID;
    -- Patients whose rows a write may have changed, until the serviceSale job recomputes them.
    CREATE TABLE serviceSalePending (patientId INTEGER PRIMARY KEY) STRICT;
  `);
  for (const [name, body] of Object.entries(serviceSaleTriggers)) exec(`CREATE TRIGGER ${name} ${body};`);
  // Builds the rows and the report's index (staffId, at, nextSaleAt, nextVisitSoon): a period's rows per provider.
  exec(REBUILD_SERVICE_SALE_SQL);
}
