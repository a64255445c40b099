import { REBUILD_SALES_DAY_SQL, salesDayTriggers } from '../../../db/migrations/0015_sales_day';
import { invoiceSaleTriggers, REBUILD_INVOICE_SALE_SQL } from '../../../db/migrations/0017_invoice_sale';
import { invoiceRedemptionTriggers, REBUILD_INVOICE_REDEMPTION_SQL } from '../../../db/migrations/0028_invoice_redemption';
import { REBUILD_SERVICE_SALE_SQL, RECOMPUTE_PENDING_SQL, serviceSaleTriggers } from '../../../db/migrations/0018_provider_rebooking';
import { cached, setAsideTriggers, type Sqlite } from '../../core/db';
import type { Job } from '../../core/scheduler';
import type { DerivedTables } from '../../core/snapshot-rebuild';

/*
 * The sales reports' projections: per-day sums (salesDay), what each invoice sold (invoiceSale) and what the package
 * units it used are worth (invoiceRedemption), kept exact by the triggers of 0015_sales_day, 0017_invoice_sale and
 * 0028_invoice_redemption on every write to invoices, their lines, credit notes, package payments and ledger entries; and the provider report's rebooking rows (serviceSale, 0018_provider_rebooking), whose
 * triggers note the patients a write touched for the job below. The rebuilds are for bulk writers and repairs.
 */

/** The four projections, rebuilt whole by the migrations' backfills. */
export const SALES_PROJECTIONS: DerivedTables = {
  sql: [REBUILD_SALES_DAY_SQL, REBUILD_INVOICE_SALE_SQL, REBUILD_INVOICE_REDEMPTION_SQL, REBUILD_SERVICE_SALE_SQL].join('\n'),
  tables: ['salesDay', 'invoiceSale', 'invoiceRedemption', 'serviceSale', 'serviceSalePending'],
  indexes: new Set([
    'invoice_issued',
    'invoiceLine_invoiceService',
    'invoiceLine_heldOrPackage',
    'payment_package',
    'payment_packageUsed',
    'packageEntry_package',
    'packageEntry_used',
    'appointment_patientStatus',
  ]),
};

/** Recomputes the four projections from the invoices and visits. */
export function rebuildSalesProjections(sqlite: Sqlite): void {
  // One transaction, or a savepoint inside the caller's.
  sqlite.transaction(() => sqlite.exec(SALES_PROJECTIONS.sql))();
}

/** The projections' triggers set aside for a bulk writer (the demo, whose calendar and sales both touch them), which then rebuilds them once (`rebuildSalesProjections`, or `SALES_PROJECTIONS` in a snapshot rebuild). */
export const setAsideSalesProjectionTriggers = (sqlite: Sqlite): (() => void) =>
  setAsideTriggers(sqlite, { ...salesDayTriggers, ...invoiceSaleTriggers, ...invoiceRedemptionTriggers, ...serviceSaleTriggers });

/** Recomputes every patient's rebooking rows from the invoices and visits, and forgets the noted ones (the migration's backfill). */
export function rebuildServiceSale(sqlite: Sqlite): void {
  sqlite.transaction(() => sqlite.exec(REBUILD_SERVICE_SALE_SQL))();
}

/** Patients recomputed per transaction: a sync import can note thousands, and the desk waits behind the job. */
const BATCH = 500;

/** Recomputes up to `batch` noted patients' rows (lowest ids first) and forgets them; how many it took. Inside the caller's transaction. */
export function recomputePendingServiceSales(sqlite: Sqlite, batch = BATCH): number {
  const taken = cached(sqlite, 'SELECT count(*) AS n, max(patientId) AS upTo FROM (SELECT patientId FROM serviceSalePending ORDER BY patientId LIMIT ?)').get(batch) as {
    n: number;
    upTo: number | null;
  };
  if (taken.upTo === null) return 0;
  for (const sql of RECOMPUTE_PENDING_SQL) cached(sqlite, sql).run({ upTo: taken.upTo });
  return taken.n;
}

const EVERY_MS = 60_000;

/**
 * Every minute: the patients whose invoices or visits changed get their rebooking rows recomputed (in the registry's
 * queue like a call, one write transaction per batch). The report is exact without it — it works out noted patients'
 * rows itself — but each noted patient costs it a little, so the list is kept short.
 */
export function serviceSaleJob(exclusive: <T>(fn: () => Promise<T>) => Promise<T>): Job {
  return {
    name: 'serviceSale',
    label: 'Sales by provider: rebooking figures of recent sales and visits',
    nextRunAfter: (after) => new Date(after.getTime() + EVERY_MS),
    run: async (runtime) => {
      let done = 0;
      for (;;) {
        const taken = await exclusive(async () => {
          const sqlite = runtime.sqlite;
          // Read first: no write transaction (and its wait for the disk) every minute for nothing.
          if (!cached(sqlite, 'SELECT 1 FROM serviceSalePending LIMIT 1').get()) return 0;
          return sqlite.transaction(() => recomputePendingServiceSales(sqlite)).immediate();
        });
        if (taken === 0) break;
        done += taken;
      }
      return done === 0 ? 'Nothing had changed.' : `${done} patient${done === 1 ? '' : 's'} brought up to date.`;
    },
  };
}
