import { purchaseTriggers, recomputePurchasesSql } from '../../db/migrations/0009_retention';
import type { Sqlite } from '../core/db';

/*
 * The purchase projection (patientCategoryPurchase, patientPurchase): kept exact by the triggers of 0009_retention
 * on every write to invoices, their lines and credit notes. These two functions are for bulk writers and repairs.
 */

/** Recomputes the projection of these patients, or of every patient when none are given (same SQL as the triggers). */
export function rebuildPurchaseProjection(sqlite: Sqlite, patientIds?: readonly number[]): void {
  const run = () => {
    if (patientIds === undefined) sqlite.exec(recomputePurchasesSql(null));
    else sqlite.exec(recomputePurchasesSql(`(SELECT value FROM json_each('${JSON.stringify(patientIds.map(Number))}'))`));
  };
  if (sqlite.inTransaction) run();
  else sqlite.transaction(run)();
}

/**
 * Drops the projection's triggers for a bulk writer (the demo's ten years of sales) and returns the function that
 * puts them back; the writer then calls `rebuildPurchaseProjection` once. Recomputing a patient on every one of a
 * million line inserts would take minutes.
 */
export function setAsidePurchaseTriggers(sqlite: Sqlite): () => void {
  for (const name of Object.keys(purchaseTriggers)) sqlite.exec(`DROP TRIGGER IF EXISTS ${name}`);
  return () => {
    for (const [name, body] of Object.entries(purchaseTriggers)) sqlite.exec(`CREATE TRIGGER IF NOT EXISTS ${name} ${body}`);
  };
}
