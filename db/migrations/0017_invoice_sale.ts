import type { MigrationContext } from './context';
import { COUNTS_IN, type EntryDriver, entriesOf } from './0015_sales_day';

/*
 * What an invoice sold, kept per invoice (issue 17, coupon and referral ROI on a large clinic): a cohort's revenue
 * sums years of its patients' invoices, and most invoices sold exactly their net. `invoiceSale` holds, for each issued
 * invoice that may not have — one with a gift card, top-up or package line, or a package payment — the sum of its sale
 * entries (docs/ARCHITECTURE.md, "Sales reports") under each package revenue setting. A cohort then reads every
 * invoice's sale from its index or this table, and only its credit notes and package redemptions entry by entry
 * (those have their own instants, which a cohort's cut-off compares).
 *
 * Holding a row for an invoice that sold its net anyway is harmless (its figure is exact either way), so a row stays
 * when a package payment is taken back. Kept by triggers on what a sale entry reads: the invoice's status, its lines
 * (which change only as sync applies them), its package payments and the packages' plans; rebuilt whole when the
 * catalog moves a service or plan to another category. Derived and local, as salesDay.
 */

/** A part of an entry driver that selects nothing: SQLite tests a constant-false WHERE once and skips the loop. */
export const selectsNothing = (part: string): string => part.replace('WHERE', 'WHERE 0 AND');

/** Invoices whose sale may differ from their net (the rows `invoiceSale` holds), as a condition on `i`. */
const MAY_DIFFER = `i.status = 'issued' AND (
  EXISTS (SELECT 1 FROM invoiceLine x WHERE x.invoiceId = i.id AND (x.giftCard = 1 OR x.topUpPlanId IS NOT NULL OR x.packagePlanId IS NOT NULL))
  OR EXISTS (SELECT 1 FROM payment p WHERE p.invoiceId = i.id AND p.patientPackageId IS NOT NULL))`;

/** The sale entries of the invoices `ids` (a SELECT of ids) lists. */
const saleEntriesOf = (ids: string): EntryDriver => ({
  key: 'NULL',
  sales: `FROM invoice i JOIN invoiceLine l ON l.invoiceId = i.id WHERE i.id IN (${ids}) AND i.status = 'issued'`,
  refunds: selectsNothing('FROM creditNote n JOIN creditNoteLine c ON c.creditNoteId = n.id JOIN invoiceLine l ON l.id = c.invoiceLineId JOIN invoice i ON i.id = n.invoiceId WHERE 1'),
  redemptions: selectsNothing('FROM payment pay JOIN packageEntry e ON e.patientPackageId = pay.patientPackageId AND e.paymentId = pay.id JOIN invoice i ON i.id = pay.invoiceId WHERE 1'),
});

/**
 * Recomputes the rows of the invoices `ids` lists: removed, then one per setting for each that may differ (0 when no
 * line counts, as for a gift card sold alone). No WITH: triggers refuse one.
 */
function recomputeSql(ids: string): string {
  const counted = (mode: keyof typeof COUNTS_IN) => `sum(CASE WHEN ${COUNTS_IN[mode]} THEN e.amountCents ELSE 0 END)`;
  return `
    DELETE FROM invoiceSale WHERE invoiceId IN (${ids});
    INSERT INTO invoiceSale (invoiceId, atSaleCents, atRedemptionCents)
    SELECT i.id, coalesce(${counted('sale')}, 0), coalesce(${counted('redemption')}, 0)
    FROM invoice i LEFT JOIN (${entriesOf(saleEntriesOf(ids), { packageLines: '1', redemptions: '1' })}) e ON e.invoiceId = i.id
    WHERE i.id IN (${ids}) AND ${MAY_DIFFER} GROUP BY i.id;`;
}

/** Every invoice with a row to hold: the backfill, a repair, the demo after its bulk writes. */
export const REBUILD_INVOICE_SALE_SQL = `DELETE FROM invoiceSale; ${recomputeSql(`
  SELECT invoiceId FROM invoiceLine WHERE giftCard = 1 OR topUpPlanId IS NOT NULL OR packagePlanId IS NOT NULL
  UNION SELECT invoiceId FROM payment WHERE patientPackageId IS NOT NULL`)}`;

const one = (id: string) => `SELECT ${id}`;
const issued = (invoiceId: string) => `(SELECT status FROM invoice WHERE id = ${invoiceId}) = 'issued'`;

/** Trigger name → its SQL. Named `invoiceSale_*` so a bulk writer can set them aside and rebuild once. */
export const invoiceSaleTriggers: Record<string, string> = {
  // Issued or voided. Checkout's hot path (a plain sale issued) pays only MAY_DIFFER's two index probes.
  invoiceSale_invoice_status: `AFTER UPDATE OF status ON invoice WHEN OLD.status IS NOT NEW.status
    AND (OLD.status = 'issued' OR EXISTS (SELECT 1 FROM invoice i WHERE i.id = NEW.id AND ${MAY_DIFFER}))
    BEGIN ${recomputeSql(one('NEW.id'))} END`,
  invoiceSale_invoice_delete: `AFTER DELETE ON invoice BEGIN DELETE FROM invoiceSale WHERE invoiceId = OLD.id; END`,
  invoiceSale_line_insert: `AFTER INSERT ON invoiceLine WHEN ${issued('NEW.invoiceId')}
    BEGIN ${recomputeSql(one('NEW.invoiceId'))} END`,
  invoiceSale_line_update: `AFTER UPDATE ON invoiceLine WHEN ${issued('OLD.invoiceId')} OR ${issued('NEW.invoiceId')}
    BEGIN ${recomputeSql(`SELECT OLD.invoiceId UNION SELECT NEW.invoiceId`)} END`,
  invoiceSale_line_delete: `AFTER DELETE ON invoiceLine WHEN ${issued('OLD.invoiceId')} BEGIN ${recomputeSql(one('OLD.invoiceId'))} END`,
  // A package payment makes the lines its plan covers sell 0 (their revenue is the package's).
  invoiceSale_payment_insert: `AFTER INSERT ON payment WHEN NEW.patientPackageId IS NOT NULL AND ${issued('NEW.invoiceId')} BEGIN ${recomputeSql(one('NEW.invoiceId'))} END`,
  invoiceSale_payment_update: `AFTER UPDATE ON payment WHEN (OLD.patientPackageId IS NOT NULL OR NEW.patientPackageId IS NOT NULL) AND (${issued('OLD.invoiceId')} OR ${issued('NEW.invoiceId')})
    BEGIN ${recomputeSql(`SELECT OLD.invoiceId UNION SELECT NEW.invoiceId`)} END`,
  invoiceSale_payment_delete: `AFTER DELETE ON payment WHEN OLD.patientPackageId IS NOT NULL AND ${issued('OLD.invoiceId')} BEGIN ${recomputeSql(one('OLD.invoiceId'))} END`,
  invoiceSale_package_plan: `AFTER UPDATE OF planId ON patientPackage WHEN OLD.planId IS NOT NEW.planId
    BEGIN ${recomputeSql('SELECT invoiceId FROM payment WHERE patientPackageId = NEW.id')} END`,
  invoiceSale_service_update: `AFTER UPDATE OF categoryId ON service WHEN OLD.categoryId IS NOT NEW.categoryId BEGIN ${REBUILD_INVOICE_SALE_SQL} END`,
  invoiceSale_plan_update: `AFTER UPDATE OF categoryId, serviceId ON packagePlan WHEN OLD.categoryId IS NOT NEW.categoryId OR OLD.serviceId IS NOT NEW.serviceId
    BEGIN ${REBUILD_INVOICE_SALE_SQL} END`,
};

export function up({ exec }: MigrationContext): void {
  exec(`
    -- Per issued invoice whose sale may differ from its net: its sale entries summed when packages count at sale,
    -- and when they count at redemption.
    CREATE TABLE invoiceSale (
      invoiceId INTEGER PRIMARY KEY,
      atSaleCents INTEGER NOT NULL,
      atRedemptionCents INTEGER NOT NULL
    ) STRICT;
  `);
  for (const [name, body] of Object.entries(invoiceSaleTriggers)) exec(`CREATE TRIGGER ${name} ${body};`);
  exec(REBUILD_INVOICE_SALE_SQL);
}
