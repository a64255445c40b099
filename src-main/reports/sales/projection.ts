import { REBUILD_SALES_DAY_SQL, salesDayTriggers } from '../../../db/migrations/0015_sales_day';
import type { Sqlite } from '../../core/db';

/*
 * The per-day sales projection (salesDay): kept exact by the triggers of 0015_sales_day on every write to invoices,
 * their lines, credit notes, package payments and ledger entries. These two functions are for bulk writers and repairs.
 */

/** Recomputes the whole projection from the invoices (same SQL as the migration's backfill). */
export function rebuildSalesDay(sqlite: Sqlite): void {
  if (sqlite.inTransaction) sqlite.exec(REBUILD_SALES_DAY_SQL);
  else sqlite.transaction(() => sqlite.exec(REBUILD_SALES_DAY_SQL))();
}

/**
 * Drops the projection's triggers for a bulk writer (the demo's ten years of sales) and returns the function that
 * puts them back; the writer then calls `rebuildSalesDay` once. Recomputing a day on every line insert would take
 * many minutes.
 */
export function setAsideSalesDayTriggers(sqlite: Sqlite): () => void {
  for (const name of Object.keys(salesDayTriggers)) sqlite.exec(`DROP TRIGGER IF EXISTS ${name}`);
  return () => {
    for (const [name, body] of Object.entries(salesDayTriggers)) sqlite.exec(`CREATE TRIGGER IF NOT EXISTS ${name} ${body}`);
  };
}
