import type { MigrationContext } from './context';

/**
 * Checkout: invoices and their lines, payments by tender, credit notes (refunds by line) and the stored-value
 * ledger. Issued invoices and credit notes never change; payments and ledger entries are append-only facts, so every
 * balance is a sum of entries and workstations' change files merge as unions.
 */
export function up({ exec }: MigrationContext): void {
  exec(`
    ALTER TABLE clinic ADD COLUMN pricesIncludeTax INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE clinic ADD COLUMN taxRounding TEXT NOT NULL DEFAULT 'line' CHECK (taxRounding IN ('line', 'invoice'));

    -- Guards of rows that never change (a signed chart, an issued invoice) step aside only while sync applies a file:
    -- it replays what the rules allowed where it happened. Set and cleared inside the applying transaction.
    CREATE TABLE syncApplying (id INTEGER PRIMARY KEY CHECK (id = 1), active INTEGER NOT NULL DEFAULT 0) STRICT;
    INSERT INTO syncApplying (id, active) VALUES (1, 0);
    DROP TRIGGER chart_signed_is_final;
    CREATE TRIGGER chart_signed_is_final BEFORE UPDATE ON chart WHEN OLD.status = 'signed' AND (SELECT active FROM syncApplying) = 0
      BEGIN SELECT RAISE(ABORT, 'a signed chart cannot change; amend it'); END;

    -- A sale. Drafts change freely; an issued invoice has its number (gapless in its workstation's series, kept if it
    -- goes back to draft) and only changes status: back to draft before any payment, or void.
    CREATE TABLE invoice (
      id INTEGER PRIMARY KEY,
      number TEXT UNIQUE,
      patientId INTEGER REFERENCES patient(id),
      appointmentId INTEGER REFERENCES appointment(id),
      status TEXT NOT NULL CHECK (status IN ('draft','issued','void')),
      pricesIncludeTax INTEGER NOT NULL,
      taxRounding TEXT NOT NULL CHECK (taxRounding IN ('line', 'invoice')),
      discountKind TEXT CHECK (discountKind IN ('percent','amount')),
      discountValue INTEGER,
      grossCents INTEGER NOT NULL DEFAULT 0,
      discountCents INTEGER NOT NULL DEFAULT 0,
      netCents INTEGER NOT NULL DEFAULT 0,
      taxCents INTEGER NOT NULL DEFAULT 0,
      totalCents INTEGER NOT NULL DEFAULT 0,
      notes TEXT NOT NULL DEFAULT '',
      issuedAt TEXT,
      issuedBy INTEGER REFERENCES staff(id),
      voidedAt TEXT,
      voidedBy INTEGER REFERENCES staff(id),
      voidReason TEXT,
      createdBy INTEGER REFERENCES staff(id),
      createdAt TEXT NOT NULL,
      updatedAt TEXT NOT NULL,
      CHECK ((discountKind IS NULL) = (discountValue IS NULL))
    ) STRICT;
    CREATE INDEX invoice_patient ON invoice(patientId, createdAt) WHERE patientId IS NOT NULL;
    CREATE INDEX invoice_appointment ON invoice(appointmentId) WHERE appointmentId IS NOT NULL;
    CREATE INDEX invoice_issuedAt ON invoice(issuedAt) WHERE issuedAt IS NOT NULL;
    CREATE TRIGGER invoice_issued_is_final BEFORE UPDATE ON invoice
      WHEN OLD.status <> 'draft' AND (SELECT active FROM syncApplying) = 0
        AND (OLD.status = 'void' OR NEW.status = OLD.status OR NEW.number IS NOT OLD.number OR NEW.totalCents IS NOT OLD.totalCents OR NEW.patientId IS NOT OLD.patientId)
      BEGIN SELECT RAISE(ABORT, 'an issued invoice cannot change; credit it, or take it back to draft before any payment'); END;
    CREATE TRIGGER invoice_never_deleted BEFORE DELETE ON invoice WHEN OLD.status <> 'draft'
      BEGIN SELECT RAISE(ABORT, 'an issued invoice is never deleted; void it'); END;

    -- What was sold: each line with its own provider, units and price, discount and tax rate, and its computed amounts.
    CREATE TABLE invoiceLine (
      id INTEGER PRIMARY KEY,
      invoiceId INTEGER NOT NULL REFERENCES invoice(id),
      position INTEGER NOT NULL,
      serviceId INTEGER REFERENCES service(id),
      description TEXT NOT NULL,
      staffId INTEGER REFERENCES staff(id),
      quantity INTEGER NOT NULL CHECK (quantity >= 1),
      unitPriceCents INTEGER NOT NULL CHECK (unitPriceCents >= 0),
      discountKind TEXT CHECK (discountKind IN ('percent','amount')),
      discountValue INTEGER,
      taxRateMillipercent INTEGER NOT NULL CHECK (taxRateMillipercent BETWEEN 0 AND 100000),
      grossCents INTEGER NOT NULL,
      discountCents INTEGER NOT NULL,
      netCents INTEGER NOT NULL,
      taxCents INTEGER NOT NULL,
      totalCents INTEGER NOT NULL,
      UNIQUE (invoiceId, position),
      CHECK ((discountKind IS NULL) = (discountValue IS NULL))
    ) STRICT;
    CREATE INDEX invoiceLine_service ON invoiceLine(serviceId) WHERE serviceId IS NOT NULL;
    CREATE INDEX invoiceLine_staff ON invoiceLine(staffId) WHERE staffId IS NOT NULL;
    CREATE TRIGGER invoiceLine_of_draft_insert BEFORE INSERT ON invoiceLine
      WHEN (SELECT status FROM invoice WHERE id = NEW.invoiceId) <> 'draft' AND (SELECT active FROM syncApplying) = 0
      BEGIN SELECT RAISE(ABORT, 'the lines of an issued invoice cannot change'); END;
    CREATE TRIGGER invoiceLine_of_draft_update BEFORE UPDATE ON invoiceLine
      WHEN (SELECT status FROM invoice WHERE id = OLD.invoiceId) <> 'draft' AND (SELECT active FROM syncApplying) = 0
      BEGIN SELECT RAISE(ABORT, 'the lines of an issued invoice cannot change'); END;
    CREATE TRIGGER invoiceLine_of_draft_delete BEFORE DELETE ON invoiceLine
      WHEN (SELECT status FROM invoice WHERE id = OLD.invoiceId) <> 'draft' AND (SELECT active FROM syncApplying) = 0
      BEGIN SELECT RAISE(ABORT, 'the lines of an issued invoice cannot change'); END;

    -- A refund or correction of an issued invoice, line by line (units of a line), never an edit of the invoice.
    CREATE TABLE creditNote (
      id INTEGER PRIMARY KEY,
      number TEXT NOT NULL UNIQUE,
      invoiceId INTEGER NOT NULL REFERENCES invoice(id),
      patientId INTEGER REFERENCES patient(id),
      reason TEXT NOT NULL,
      refundTo TEXT NOT NULL CHECK (refundTo IN ('originalTender','storeCredit')),
      netCents INTEGER NOT NULL,
      taxCents INTEGER NOT NULL,
      totalCents INTEGER NOT NULL,
      createdBy INTEGER REFERENCES staff(id),
      createdAt TEXT NOT NULL
    ) STRICT;
    CREATE INDEX creditNote_invoice ON creditNote(invoiceId);
    CREATE INDEX creditNote_createdAt ON creditNote(createdAt);

    CREATE TABLE creditNoteLine (
      id INTEGER PRIMARY KEY,
      creditNoteId INTEGER NOT NULL REFERENCES creditNote(id),
      invoiceLineId INTEGER NOT NULL REFERENCES invoiceLine(id),
      quantity INTEGER NOT NULL CHECK (quantity >= 1),
      netCents INTEGER NOT NULL,
      taxCents INTEGER NOT NULL,
      totalCents INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX creditNoteLine_note ON creditNoteLine(creditNoteId);
    CREATE INDEX creditNoteLine_line ON creditNoteLine(invoiceLineId);

    -- Money in (amount > 0) or back out (a refund, amount < 0), by tender, against an invoice. Cash records what was
    -- handed over and the change. Never changed or removed: a mistake is corrected by a refund entry.
    CREATE TABLE payment (
      id INTEGER PRIMARY KEY,
      invoiceId INTEGER NOT NULL REFERENCES invoice(id),
      patientId INTEGER REFERENCES patient(id),
      tender TEXT NOT NULL CHECK (tender IN ('cash','card','transfer','storedValue')),
      amountCents INTEGER NOT NULL CHECK (amountCents <> 0),
      tenderedCents INTEGER,
      changeCents INTEGER,
      reference TEXT NOT NULL DEFAULT '',
      creditNoteId INTEGER REFERENCES creditNote(id),
      takenAt TEXT NOT NULL,
      takenBy INTEGER REFERENCES staff(id)
    ) STRICT;
    CREATE INDEX payment_invoice ON payment(invoiceId);
    CREATE INDEX payment_patient ON payment(patientId, takenAt) WHERE patientId IS NOT NULL;
    CREATE INDEX payment_takenAt ON payment(takenAt);

    -- A patient's stored value (store credit, member top-ups): the balance is the sum of these entries.
    CREATE TABLE storedValueEntry (
      id INTEGER PRIMARY KEY,
      patientId INTEGER NOT NULL REFERENCES patient(id),
      amountCents INTEGER NOT NULL CHECK (amountCents <> 0),
      kind TEXT NOT NULL CHECK (kind IN ('topUp','bonus','spend','refund','storeCredit','adjustment')),
      invoiceId INTEGER REFERENCES invoice(id),
      paymentId INTEGER REFERENCES payment(id),
      creditNoteId INTEGER REFERENCES creditNote(id),
      note TEXT NOT NULL DEFAULT '',
      at TEXT NOT NULL,
      by INTEGER REFERENCES staff(id)
    ) STRICT;
    CREATE INDEX storedValueEntry_patient ON storedValueEntry(patientId, at);

    INSERT OR IGNORE INTO rolePermission (role, permission)
      SELECT role, permission FROM (
        SELECT 'owner' AS role, 'checkout.sell' AS permission UNION ALL SELECT 'manager', 'checkout.sell' UNION ALL SELECT 'frontDesk', 'checkout.sell'
        UNION ALL SELECT 'practitioner', 'checkout.sell'
        UNION ALL SELECT 'owner', 'checkout.refund' UNION ALL SELECT 'manager', 'checkout.refund'
        UNION ALL SELECT 'owner', 'checkout.void' UNION ALL SELECT 'manager', 'checkout.void'
      ) WHERE EXISTS (SELECT 1 FROM clinic);
  `);
}
