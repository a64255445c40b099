import type { MigrationContext } from './context';

/**
 * Sales reports (issue 17): the clinic's choice of when package revenue counts, the indexes the period reads need
 * (coupon uses and package redemptions by time), and the `reports.read` permission for managers and owners.
 */
export function up({ exec }: MigrationContext): void {
  exec(`
    ALTER TABLE clinic ADD COLUMN packageRevenue TEXT NOT NULL DEFAULT 'sale' CHECK (packageRevenue IN ('sale', 'redemption'));

    CREATE INDEX couponRedemption_at ON couponRedemption(at);
    -- Sales reports ask of every line whether a package paid it: only package payments are in this index.
    CREATE INDEX payment_packagePaid ON payment(invoiceId) WHERE patientPackageId IS NOT NULL AND amountCents > 0;
    CREATE INDEX packageEntry_used ON packageEntry(at) WHERE kind IN ('redeemed', 'returned');

    INSERT OR IGNORE INTO rolePermission (role, permission)
      SELECT role, 'reports.read' FROM (SELECT 'owner' AS role UNION ALL SELECT 'manager') WHERE EXISTS (SELECT 1 FROM clinic);
  `);
}
