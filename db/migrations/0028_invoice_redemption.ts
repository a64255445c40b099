import type { MigrationContext } from './context';
import { type EntryDriver, entriesOf } from './0015_sales_day';
import { selectsNothing } from './0017_invoice_sale';

/*
 * What the package units each invoice used are worth (issue 17's cohorts, when packages count at redemption):
 * `invoiceRedemption` holds, per issued invoice a package paid, the sum of its redemption entries (docs/ARCHITECTURE.md,
 * "Sales reports": each unit used or returned is its share of the package's price) and the instant of the last one.
 * A cohort (coupon or referral ROI) then takes an invoice's redemptions whole when all of them came before its cut-off,
 * and reads entry by entry only the few invoices whose redemptions straddle it. Reading every share of a year's new
 * patients put referral ROI at ~230 ms (budget 200) for a clinic counting packages at redemption.
 *
 * A share depends on the package's earlier entries (shares are rounded cumulatively), its sale line's price, that
 * invoice's status and the redeeming invoice's lines (the first line the plan covers takes the share). So a change to
 * any of them recomputes every invoice the package paid (a handful); a catalog move of a service or plan rebuilds it
 * whole. Derived and local, as invoiceSale.
 */

/** The redemption entries of the invoices `ids` lists (a SELECT of ids). */
const redemptionsOf = (ids: string): EntryDriver => ({
  key: 'NULL',
  sales: selectsNothing('FROM invoice i JOIN invoiceLine l ON l.invoiceId = i.id WHERE 1'),
  refunds: selectsNothing('FROM creditNote n JOIN creditNoteLine c ON c.creditNoteId = n.id JOIN invoiceLine l ON l.id = c.invoiceLineId JOIN invoice i ON i.id = n.invoiceId WHERE 1'),
  redemptions: `FROM payment pay JOIN packageEntry e ON e.patientPackageId = pay.patientPackageId AND e.paymentId = pay.id JOIN invoice i ON i.id = pay.invoiceId
    WHERE pay.invoiceId IN (${ids}) AND pay.patientPackageId IS NOT NULL AND e.kind IN ('redeemed', 'returned') AND i.status = 'issued'`,
});

/** Recomputes the rows of the invoices `ids` lists: removed, then one for each that is issued and used package units. No WITH: triggers refuse one. */
function recomputeSql(ids: string): string {
  return `
    DELETE FROM invoiceRedemption WHERE invoiceId IN (${ids});
    INSERT INTO invoiceRedemption (invoiceId, redeemedCents, lastAt)
    SELECT invoiceId, sum(amountCents), max(at) FROM (${entriesOf(redemptionsOf(ids), { packageLines: '1', redemptions: '1' })}) GROUP BY invoiceId;`;
}

/** Every invoice a package paid: the backfill, a repair, the demo after its bulk writes. */
export const REBUILD_INVOICE_REDEMPTION_SQL = `DELETE FROM invoiceRedemption; ${recomputeSql('SELECT invoiceId FROM payment WHERE patientPackageId IS NOT NULL')}`;

/** The invoices the package `id` paid (an SQL expression). */
const paidBy = (id: string) => `SELECT invoiceId FROM payment WHERE patientPackageId = ${id}`;
/** The invoices paid by the packages the invoice lines `lines` sold (a SELECT of line ids). */
const paidByPackagesSoldOn = (lines: string) => `SELECT p.invoiceId FROM patientPackage pp JOIN payment p ON p.patientPackageId = pp.id WHERE pp.saleLineId IN (${lines})`;
/** An invoice's own redemptions and those its package lines were sold for. */
const invoiceAndItsPackages = (id: string) => `SELECT ${id} UNION ${paidByPackagesSoldOn(`SELECT id FROM invoiceLine WHERE invoiceId = ${id}`)}`;
const lineAndItsPackages = (line: string) => `SELECT ${line}.invoiceId UNION ${paidByPackagesSoldOn(`SELECT ${line}.id`)}`;
const issued = (invoiceId: string) => `(SELECT status FROM invoice WHERE id = ${invoiceId}) = 'issued'`;

/** Trigger name → its SQL. Named `invoiceRedemption_*` so a bulk writer can set them aside and rebuild once. */
export const invoiceRedemptionTriggers: Record<string, string> = {
  // Issued, voided or back to draft. Checkout's hot path (a sale with no package) pays two index probes.
  invoiceRedemption_invoice_status: `AFTER UPDATE OF status ON invoice WHEN OLD.status IS NOT NEW.status
    AND (EXISTS (SELECT 1 FROM payment WHERE invoiceId = NEW.id AND patientPackageId IS NOT NULL)
      OR EXISTS (SELECT 1 FROM invoiceLine l JOIN patientPackage pp ON pp.saleLineId = l.id WHERE l.invoiceId = NEW.id))
    BEGIN ${recomputeSql(invoiceAndItsPackages('NEW.id'))} END`,
  invoiceRedemption_invoice_delete: `AFTER DELETE ON invoice BEGIN DELETE FROM invoiceRedemption WHERE invoiceId = OLD.id; END`,
  // An issued invoice's lines change only as sync applies them: the redeeming invoice's lines, or a package's sale line.
  invoiceRedemption_line_insert: `AFTER INSERT ON invoiceLine WHEN ${issued('NEW.invoiceId')} BEGIN ${recomputeSql(lineAndItsPackages('NEW'))} END`,
  invoiceRedemption_line_update: `AFTER UPDATE ON invoiceLine WHEN ${issued('OLD.invoiceId')} OR ${issued('NEW.invoiceId')}
    BEGIN ${recomputeSql(`${lineAndItsPackages('OLD')} UNION ${lineAndItsPackages('NEW')}`)} END`,
  invoiceRedemption_line_delete: `AFTER DELETE ON invoiceLine WHEN ${issued('OLD.invoiceId')} BEGIN ${recomputeSql(lineAndItsPackages('OLD'))} END`,
  // A change file may bring a package's entries before the payment they name.
  invoiceRedemption_payment_insert: `AFTER INSERT ON payment WHEN NEW.patientPackageId IS NOT NULL BEGIN ${recomputeSql('SELECT NEW.invoiceId')} END`,
  invoiceRedemption_payment_update: `AFTER UPDATE ON payment WHEN OLD.patientPackageId IS NOT NULL OR NEW.patientPackageId IS NOT NULL
    BEGIN ${recomputeSql('SELECT OLD.invoiceId UNION SELECT NEW.invoiceId')} END`,
  invoiceRedemption_payment_delete: `AFTER DELETE ON payment WHEN OLD.patientPackageId IS NOT NULL BEGIN ${recomputeSql('SELECT OLD.invoiceId')} END`,
  // Units used or returned: this entry's share, and those after it (a redemption is usually the package's last entry,
  // but a change file may bring an earlier one).
  invoiceRedemption_entry_insert: `AFTER INSERT ON packageEntry WHEN NEW.kind IN ('redeemed', 'returned') BEGIN ${recomputeSql(paidBy('NEW.patientPackageId'))} END`,
  invoiceRedemption_entry_update: `AFTER UPDATE ON packageEntry BEGIN ${recomputeSql(`${paidBy('OLD.patientPackageId')} UNION ${paidBy('NEW.patientPackageId')}`)} END`,
  invoiceRedemption_entry_delete: `AFTER DELETE ON packageEntry WHEN OLD.kind IN ('redeemed', 'returned') BEGIN ${recomputeSql(paidBy('OLD.patientPackageId'))} END`,
  invoiceRedemption_package_update: `AFTER UPDATE OF units, saleLineId, planId ON patientPackage
    BEGIN ${recomputeSql(`${paidBy('OLD.id')} UNION ${paidBy('NEW.id')}`)} END`,
  // Which line of the redeeming invoice a plan covers follows the catalog.
  invoiceRedemption_service_update: `AFTER UPDATE OF categoryId ON service WHEN OLD.categoryId IS NOT NEW.categoryId BEGIN ${REBUILD_INVOICE_REDEMPTION_SQL} END`,
  invoiceRedemption_plan_update: `AFTER UPDATE OF categoryId, serviceId ON packagePlan WHEN OLD.categoryId IS NOT NEW.categoryId OR OLD.serviceId IS NOT NEW.serviceId
    BEGIN ${REBUILD_INVOICE_REDEMPTION_SQL} END`,
};

export function up({ exec }: MigrationContext): void {
  exec(`
    -- Per issued invoice a package paid: its redemption entries summed (they count when packages count at
    -- redemption), and the instant of the last.
    CREATE TABLE invoiceRedemption (
      invoiceId INTEGER PRIMARY KEY,
      redeemedCents INTEGER NOT NULL,
      lastAt TEXT NOT NULL
    ) STRICT;
  `);
  for (const [name, body] of Object.entries(invoiceRedemptionTriggers)) exec(`CREATE TRIGGER ${name} ${body};`);
  exec(REBUILD_INVOICE_REDEMPTION_SQL);
}
