import { purchaseTriggers, recomputePurchasesSql } from '../../db/migrations/0009_retention';
import { setAsideTriggers, type Sqlite } from '../core/db';
import type { DerivedTables } from '../core/snapshot-rebuild';

/*
 * The purchase projection (patientCategoryPurchase, patientPurchase): kept exact by the triggers of 0009_retention
 * on every write to invoices, their lines and credit notes. What follows is for bulk writers and repairs.
 */

/** Every patient's rows, rebuilt whole. */
export const PURCHASE_PROJECTION: DerivedTables = {
  sql: recomputePurchasesSql(null),
  tables: ['patientCategoryPurchase', 'patientPurchase'],
  indexes: new Set(['invoiceLine_invoiceService', 'creditNote_invoice', 'creditNoteLine_line', 'patientCategoryPurchase_dueService']),
};

/** Recomputes the projection of these patients, or of every patient when none are given (same SQL as the triggers). */
export function rebuildPurchaseProjection(sqlite: Sqlite, patientIds?: readonly number[]): void {
  const patients = patientIds === undefined ? null : `(SELECT value FROM json_each('${JSON.stringify(patientIds.map(Number))}'))`;
  // One transaction, or a savepoint inside the caller's.
  sqlite.transaction(() => sqlite.exec(recomputePurchasesSql(patients)))();
}

/** The projection's triggers set aside for a bulk writer (the demo), which then rebuilds it once (`rebuildPurchaseProjection`, or `PURCHASE_PROJECTION` in a snapshot rebuild). */
export const setAsidePurchaseTriggers = (sqlite: Sqlite): (() => void) => setAsideTriggers(sqlite, purchaseTriggers);
