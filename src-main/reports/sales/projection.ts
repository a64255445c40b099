import { REBUILD_SALES_DAY_SQL, salesDayTriggers } from '../../../db/migrations/0015_sales_day';
import { setAsideTriggers, type Sqlite } from '../../core/db';

/*
 * The per-day sales projection (salesDay): kept exact by the triggers of 0015_sales_day on every write to invoices,
 * their lines, credit notes, package payments and ledger entries. These two functions are for bulk writers and repairs.
 */

/** Recomputes the whole projection from the invoices (same SQL as the migration's backfill). */
export function rebuildSalesDay(sqlite: Sqlite): void {
  // One transaction, or a savepoint inside the caller's.
  sqlite.transaction(() => sqlite.exec(REBUILD_SALES_DAY_SQL))();
}

/** The projection's triggers set aside for a bulk writer (the demo), which then calls `rebuildSalesDay` once. */
export const setAsideSalesDayTriggers = (sqlite: Sqlite): (() => void) => setAsideTriggers(sqlite, salesDayTriggers);
