import type { MigrationContext } from './context';

/**
 * Prepaid: package plans (sessions or units of a service or category) and the packages patients hold, gift cards,
 * and stored-value top-up plans. Every balance is a sum of append-only entries (sessions left, card value, stored
 * value). Payments gain the `giftCard` and `package` tenders: `payment` is rebuilt for its CHECK, and so is
 * `storedValueEntry`, the one table referencing it (a table with rows pointing at it cannot be dropped while
 * foreign keys are enforced), which also gains the `topUpReversed` kind.
 */
export function up({ exec }: MigrationContext): void {
  exec(`
    ALTER TABLE clinic ADD COLUMN giftCardValidityMonths INTEGER NOT NULL DEFAULT 36 CHECK (giftCardValidityMonths BETWEEN 1 AND 240);

    -- What a manager sells ahead: N sessions or units of one service, or of any service of one category.
    CREATE TABLE packagePlan (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL,
      serviceId INTEGER REFERENCES service(id),
      categoryId INTEGER REFERENCES serviceCategory(id),
      units INTEGER NOT NULL CHECK (units BETWEEN 1 AND 10000),
      priceCents INTEGER NOT NULL CHECK (priceCents >= 0),
      validityDays INTEGER NOT NULL CHECK (validityDays BETWEEN 1 AND 3660),
      transferable INTEGER NOT NULL DEFAULT 0,
      active INTEGER NOT NULL DEFAULT 1,
      createdAt TEXT NOT NULL,
      updatedAt TEXT NOT NULL,
      CHECK ((serviceId IS NULL) <> (categoryId IS NULL))
    ) STRICT;

    -- A stored-value top-up: pay amountCents, receive amountCents + bonusCents.
    CREATE TABLE topUpPlan (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL,
      amountCents INTEGER NOT NULL CHECK (amountCents > 0),
      bonusCents INTEGER NOT NULL DEFAULT 0 CHECK (bonusCents >= 0),
      active INTEGER NOT NULL DEFAULT 1,
      createdAt TEXT NOT NULL,
      updatedAt TEXT NOT NULL
    ) STRICT;

    -- What an invoice line sells ahead (at most one of them).
    ALTER TABLE invoiceLine ADD COLUMN packagePlanId INTEGER REFERENCES packagePlan(id);
    ALTER TABLE invoiceLine ADD COLUMN topUpPlanId INTEGER REFERENCES topUpPlan(id);
    ALTER TABLE invoiceLine ADD COLUMN giftCard INTEGER NOT NULL DEFAULT 0 CHECK (giftCard IN (0, 1));
    ALTER TABLE invoiceLine ADD COLUMN giftCardCode TEXT;

    -- A package a patient holds, from the line that sold it (or a transfer). Never changes: its units left are the sum
    -- of its entries, its name and size are the plan's when it was sold.
    CREATE TABLE patientPackage (
      id INTEGER PRIMARY KEY,
      patientId INTEGER NOT NULL REFERENCES patient(id),
      planId INTEGER NOT NULL REFERENCES packagePlan(id),
      name TEXT NOT NULL,
      units INTEGER NOT NULL CHECK (units >= 1),
      saleInvoiceId INTEGER NOT NULL REFERENCES invoice(id),
      saleLineId INTEGER NOT NULL REFERENCES invoiceLine(id),
      expiresOn TEXT NOT NULL,
      transferredFromId INTEGER REFERENCES patientPackage(id),
      createdAt TEXT NOT NULL
    ) STRICT;
    CREATE INDEX patientPackage_patient ON patientPackage(patientId, createdAt);
    CREATE INDEX patientPackage_saleLine ON patientPackage(saleLineId);

    CREATE TABLE giftCard (
      id INTEGER PRIMARY KEY,
      code TEXT NOT NULL UNIQUE,
      amountCents INTEGER NOT NULL CHECK (amountCents > 0),
      saleInvoiceId INTEGER NOT NULL REFERENCES invoice(id),
      saleLineId INTEGER NOT NULL UNIQUE REFERENCES invoiceLine(id),
      expiresOn TEXT NOT NULL,
      activatedAt TEXT NOT NULL
    ) STRICT;

    CREATE TABLE payment_new (
      id INTEGER PRIMARY KEY,
      invoiceId INTEGER NOT NULL REFERENCES invoice(id),
      patientId INTEGER REFERENCES patient(id),
      tender TEXT NOT NULL CHECK (tender IN ('cash','card','transfer','storedValue','giftCard','package')),
      amountCents INTEGER NOT NULL CHECK (amountCents <> 0),
      tenderedCents INTEGER,
      changeCents INTEGER,
      reference TEXT NOT NULL DEFAULT '',
      creditNoteId INTEGER REFERENCES creditNote(id),
      takenAt TEXT NOT NULL,
      takenBy INTEGER REFERENCES staff(id),
      giftCardId INTEGER REFERENCES giftCard(id),
      patientPackageId INTEGER REFERENCES patientPackage(id),
      -- Package tender: sessions or units taken (> 0) or given back (< 0).
      units INTEGER,
      CHECK ((tender = 'giftCard') = (giftCardId IS NOT NULL)),
      CHECK ((tender = 'package') = (patientPackageId IS NOT NULL AND units IS NOT NULL))
    ) STRICT;
    INSERT INTO payment_new (id, invoiceId, patientId, tender, amountCents, tenderedCents, changeCents, reference, creditNoteId, takenAt, takenBy)
      SELECT id, invoiceId, patientId, tender, amountCents, tenderedCents, changeCents, reference, creditNoteId, takenAt, takenBy FROM payment;

    CREATE TABLE storedValueEntry_new (
      id INTEGER PRIMARY KEY,
      patientId INTEGER NOT NULL REFERENCES patient(id),
      amountCents INTEGER NOT NULL CHECK (amountCents <> 0),
      kind TEXT NOT NULL CHECK (kind IN ('topUp','bonus','spend','refund','storeCredit','adjustment','topUpReversed')),
      invoiceId INTEGER REFERENCES invoice(id),
      paymentId INTEGER REFERENCES payment(id),
      creditNoteId INTEGER REFERENCES creditNote(id),
      note TEXT NOT NULL DEFAULT '',
      at TEXT NOT NULL,
      by INTEGER REFERENCES staff(id)
    ) STRICT;
    INSERT INTO storedValueEntry_new SELECT * FROM storedValueEntry;
    DROP TABLE storedValueEntry;
    DROP TABLE payment;
    ALTER TABLE payment_new RENAME TO payment;
    ALTER TABLE storedValueEntry_new RENAME TO storedValueEntry;
    CREATE INDEX payment_invoice ON payment(invoiceId);
    CREATE INDEX payment_patient ON payment(patientId, takenAt) WHERE patientId IS NOT NULL;
    CREATE INDEX payment_takenAt ON payment(takenAt);
    CREATE INDEX payment_giftCard ON payment(giftCardId) WHERE giftCardId IS NOT NULL;
    CREATE INDEX payment_package ON payment(patientPackageId) WHERE patientPackageId IS NOT NULL;
    CREATE INDEX storedValueEntry_patient ON storedValueEntry(patientId, at);
    CREATE INDEX storedValueEntry_invoice ON storedValueEntry(invoiceId) WHERE invoiceId IS NOT NULL;

    -- Sessions or units in (sold, transferIn, returned by a refund) and out (redeemed, transferOut, refunded, voided,
    -- expired). The units left are the sum; never below zero.
    CREATE TABLE packageEntry (
      id INTEGER PRIMARY KEY,
      patientPackageId INTEGER NOT NULL REFERENCES patientPackage(id),
      units INTEGER NOT NULL CHECK (units <> 0),
      kind TEXT NOT NULL CHECK (kind IN ('sold','redeemed','returned','transferOut','transferIn','refunded','voided','expired')),
      invoiceId INTEGER REFERENCES invoice(id),
      paymentId INTEGER REFERENCES payment(id),
      creditNoteId INTEGER REFERENCES creditNote(id),
      note TEXT NOT NULL DEFAULT '',
      at TEXT NOT NULL,
      by INTEGER REFERENCES staff(id)
    ) STRICT;
    CREATE INDEX packageEntry_package ON packageEntry(patientPackageId, at);

    -- A gift card's value in (issued, refunded back to it) and out (spent, cancelled by a credit note, expired).
    CREATE TABLE giftCardEntry (
      id INTEGER PRIMARY KEY,
      giftCardId INTEGER NOT NULL REFERENCES giftCard(id),
      amountCents INTEGER NOT NULL CHECK (amountCents <> 0),
      kind TEXT NOT NULL CHECK (kind IN ('issued','spent','refunded','cancelled','expired')),
      invoiceId INTEGER REFERENCES invoice(id),
      paymentId INTEGER REFERENCES payment(id),
      creditNoteId INTEGER REFERENCES creditNote(id),
      note TEXT NOT NULL DEFAULT '',
      at TEXT NOT NULL,
      by INTEGER REFERENCES staff(id)
    ) STRICT;
    CREATE INDEX giftCardEntry_card ON giftCardEntry(giftCardId, at);

    INSERT OR IGNORE INTO rolePermission (role, permission)
      SELECT role, permission FROM (SELECT 'owner' AS role, 'prepaid.manage' AS permission UNION ALL SELECT 'manager', 'prepaid.manage')
      WHERE EXISTS (SELECT 1 FROM clinic);
  `);
}
