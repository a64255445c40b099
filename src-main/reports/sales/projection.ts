import { REBUILD_SALES_DAY_SQL, salesDayTriggers } from '../../../db/migrations/0015_sales_day';
import { invoiceSaleTriggers, REBUILD_INVOICE_SALE_SQL } from '../../../db/migrations/0017_invoice_sale';
import { setAsideTriggers, type Sqlite } from '../../core/db';

/*
 * The sales reports' projections — per-day sums (salesDay) and what each invoice sold (invoiceSale) — are kept exact
 * by the triggers of 0015_sales_day and 0017_invoice_sale on every write to invoices, their lines, credit notes,
 * package payments and ledger entries. These two functions are for bulk writers and repairs.
 */

/** Recomputes both projections from the invoices (same SQL as the migrations' backfills). */
export function rebuildSalesProjections(sqlite: Sqlite): void {
  // One transaction, or a savepoint inside the caller's.
  sqlite.transaction(() => {
    sqlite.exec(REBUILD_SALES_DAY_SQL);
    sqlite.exec(REBUILD_INVOICE_SALE_SQL);
  })();
}

/** The projections' triggers set aside for a bulk writer (the demo), which then calls `rebuildSalesProjections` once. */
export const setAsideSalesProjectionTriggers = (sqlite: Sqlite): (() => void) => setAsideTriggers(sqlite, { ...salesDayTriggers, ...invoiceSaleTriggers });
