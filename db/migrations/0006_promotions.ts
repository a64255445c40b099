import type { MigrationContext } from './context';

/**
 * Promotions: campaigns and their coupons (shared codes or one e-coupon code per patient), the append-only ledger of
 * coupon redemptions, the largest discount each role may give without approval and the approvals given, and the
 * clinic's definition of a "deal" (the sale that makes a patient a customer).
 */
export function up({ exec }: MigrationContext): void {
  exec(`
    -- Which sales count as a deal: at least this total, with a line of one of these service kinds ('other' is a line
    -- without a service). JSON array of kinds.
    ALTER TABLE clinic ADD COLUMN dealMinCents INTEGER NOT NULL DEFAULT 0 CHECK (dealMinCents >= 0);
    ALTER TABLE clinic ADD COLUMN dealKinds TEXT NOT NULL DEFAULT '["treatment","product","package"]';

    CREATE TABLE campaign (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL,
      channel TEXT NOT NULL DEFAULT '',
      notes TEXT NOT NULL DEFAULT '',
      costCents INTEGER NOT NULL DEFAULT 0 CHECK (costCents >= 0),
      createdAt TEXT NOT NULL,
      updatedAt TEXT NOT NULL
    ) STRICT;
    CREATE UNIQUE INDEX campaign_name ON campaign(name COLLATE NOCASE);

    -- A coupon's rules. Eligible services and categories are JSON arrays of ids (both empty: every line).
    CREATE TABLE coupon (
      id INTEGER PRIMARY KEY,
      campaignId INTEGER NOT NULL REFERENCES campaign(id),
      name TEXT NOT NULL,
      discountKind TEXT NOT NULL CHECK (discountKind IN ('percent','amount')),
      discountValue INTEGER NOT NULL CHECK (discountValue > 0),
      validFrom TEXT NOT NULL,
      validTo TEXT NOT NULL,
      maxUses INTEGER CHECK (maxUses >= 1),
      maxUsesPerPatient INTEGER CHECK (maxUsesPerPatient >= 1),
      minSpendCents INTEGER NOT NULL DEFAULT 0 CHECK (minSpendCents >= 0),
      serviceIds TEXT NOT NULL DEFAULT '[]',
      categoryIds TEXT NOT NULL DEFAULT '[]',
      active INTEGER NOT NULL DEFAULT 1,
      createdAt TEXT NOT NULL,
      updatedAt TEXT NOT NULL,
      CHECK (validFrom <= validTo),
      CHECK (discountKind <> 'percent' OR discountValue <= 10000)
    ) STRICT;
    CREATE INDEX coupon_campaign ON coupon(campaignId);

    -- The codes a coupon is redeemed with: one shared code, or e-coupons each bound to one patient. Case-insensitive.
    CREATE TABLE couponCode (
      id INTEGER PRIMARY KEY,
      couponId INTEGER NOT NULL REFERENCES coupon(id),
      code TEXT NOT NULL,
      patientId INTEGER REFERENCES patient(id),
      createdAt TEXT NOT NULL
    ) STRICT;
    CREATE UNIQUE INDEX couponCode_code ON couponCode(code COLLATE NOCASE);
    CREATE INDEX couponCode_coupon ON couponCode(couponId);
    CREATE INDEX couponCode_patient ON couponCode(patientId) WHERE patientId IS NOT NULL;

    -- The coupon on a draft or issued invoice, and what it took off (also inside the lines' discountCents).
    ALTER TABLE invoice ADD COLUMN couponCodeId INTEGER REFERENCES couponCode(id);
    ALTER TABLE invoice ADD COLUMN couponDiscountCents INTEGER NOT NULL DEFAULT 0;
    CREATE INDEX invoice_couponCode ON invoice(couponCodeId) WHERE couponCodeId IS NOT NULL;

    -- Redemptions as entries: +1 use when an invoice with a coupon is issued, -1 when it is voided or goes back to
    -- draft. Uses, discount given and the invoices' revenue are sums of these rows.
    CREATE TABLE couponRedemption (
      id INTEGER PRIMARY KEY,
      couponId INTEGER NOT NULL REFERENCES coupon(id),
      couponCodeId INTEGER NOT NULL REFERENCES couponCode(id),
      invoiceId INTEGER NOT NULL REFERENCES invoice(id),
      patientId INTEGER REFERENCES patient(id),
      uses INTEGER NOT NULL CHECK (uses IN (1, -1)),
      discountCents INTEGER NOT NULL,
      at TEXT NOT NULL,
      by INTEGER REFERENCES staff(id)
    ) STRICT;
    CREATE INDEX couponRedemption_coupon ON couponRedemption(couponId, patientId);
    CREATE INDEX couponRedemption_invoice ON couponRedemption(invoiceId);
    CREATE INDEX couponRedemption_code ON couponRedemption(couponCodeId);

    -- The largest discount a role gives without approval (NULL: no limit); a role without a row has the defaults.
    CREATE TABLE discountLimit (
      role TEXT PRIMARY KEY,
      lineBasisPoints INTEGER CHECK (lineBasisPoints BETWEEN 0 AND 10000),
      lineCents INTEGER CHECK (lineCents >= 0),
      invoiceBasisPoints INTEGER CHECK (invoiceBasisPoints BETWEEN 0 AND 10000),
      invoiceCents INTEGER CHECK (invoiceCents >= 0)
    ) STRICT, WITHOUT ROWID;

    -- A discount above the seller's limit, approved by the sign-in of someone whose limit covers it.
    CREATE TABLE discountApproval (
      id INTEGER PRIMARY KEY,
      invoiceId INTEGER NOT NULL REFERENCES invoice(id),
      approvedBy INTEGER NOT NULL REFERENCES staff(id),
      requestedBy INTEGER REFERENCES staff(id),
      discountCents INTEGER NOT NULL,
      at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX discountApproval_invoice ON discountApproval(invoiceId);

    INSERT OR IGNORE INTO rolePermission (role, permission)
      SELECT role, permission FROM (
        SELECT 'owner' AS role, 'promotions.manage' AS permission UNION ALL SELECT 'manager', 'promotions.manage'
      ) WHERE EXISTS (SELECT 1 FROM clinic);
  `);
}
