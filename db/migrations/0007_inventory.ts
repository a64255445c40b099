import type { MigrationContext } from './context';

/**
 * Inventory: products (retail, injectables, consumables), their lots with expiry, and stock as an append-only ledger
 * of movements (received, sold, returned, used in a chart, counted, written off). On hand is always the sum of the
 * movements; receipts and counts are the documents movements point at. A chart's use of a lot nobody received is kept
 * as an unmatched use, never lost. Invoice lines may name the product (and lot) they sell.
 */
export function up({ exec }: MigrationContext): void {
  exec(`
    CREATE TABLE product (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL UNIQUE COLLATE NOCASE,
      sku TEXT UNIQUE COLLATE NOCASE,
      barcode TEXT,
      kind TEXT NOT NULL CHECK (kind IN ('retail','injectable','consumable')),
      unit TEXT NOT NULL CHECK (unit IN ('U','ml×0.1','each')),
      unitsPerPackage INTEGER NOT NULL CHECK (unitsPerPackage >= 1),
      priceCents INTEGER NOT NULL CHECK (priceCents >= 0),
      taxable INTEGER NOT NULL DEFAULT 1,
      reorderLevel INTEGER NOT NULL DEFAULT 0 CHECK (reorderLevel >= 0),
      active INTEGER NOT NULL DEFAULT 1,
      createdAt TEXT NOT NULL,
      updatedAt TEXT NOT NULL
    ) STRICT;
    CREATE INDEX product_barcode ON product(barcode) WHERE barcode IS NOT NULL;

    CREATE TABLE stockLot (
      id INTEGER PRIMARY KEY,
      productId INTEGER NOT NULL REFERENCES product(id),
      lotNumber TEXT NOT NULL COLLATE NOCASE,
      expiry TEXT NOT NULL,
      createdAt TEXT NOT NULL,
      UNIQUE (productId, lotNumber)
    ) STRICT;
    CREATE INDEX stockLot_lotNumber ON stockLot(lotNumber);
    CREATE INDEX stockLot_expiry ON stockLot(expiry);

    CREATE TABLE stockReceipt (
      id INTEGER PRIMARY KEY,
      supplier TEXT NOT NULL,
      reference TEXT NOT NULL DEFAULT '',
      receivedOn TEXT NOT NULL,
      note TEXT NOT NULL DEFAULT '',
      totalCostCents INTEGER NOT NULL,
      createdAt TEXT NOT NULL,
      createdBy INTEGER REFERENCES staff(id)
    ) STRICT;
    CREATE INDEX stockReceipt_receivedOn ON stockReceipt(receivedOn);

    CREATE TABLE stockCount (
      id INTEGER PRIMARY KEY,
      productId INTEGER NOT NULL REFERENCES product(id),
      note TEXT NOT NULL DEFAULT '',
      countedAt TEXT NOT NULL,
      countedBy INTEGER REFERENCES staff(id)
    ) STRICT;
    CREATE INDEX stockCount_product ON stockCount(productId, countedAt);

    -- Every change of stock, never edited: on hand is the sum of quantity (in the product's unit). A movement without a
    -- lot is stock of a product not tracked by lot (or sold past what was recorded, until the next count).
    CREATE TABLE stockMovement (
      id INTEGER PRIMARY KEY,
      productId INTEGER NOT NULL REFERENCES product(id),
      lotId INTEGER REFERENCES stockLot(id),
      kind TEXT NOT NULL CHECK (kind IN ('received','sold','returned','used','counted','writtenOff')),
      quantity INTEGER NOT NULL CHECK (quantity <> 0),
      unitCostCents INTEGER,
      reason TEXT NOT NULL DEFAULT '',
      receiptId INTEGER REFERENCES stockReceipt(id),
      countId INTEGER REFERENCES stockCount(id),
      invoiceLineId INTEGER REFERENCES invoiceLine(id),
      chartId INTEGER REFERENCES chart(id),
      appointmentId INTEGER REFERENCES appointment(id),
      patientId INTEGER REFERENCES patient(id),
      at TEXT NOT NULL,
      by INTEGER REFERENCES staff(id)
    ) STRICT;
    CREATE INDEX stockMovement_product ON stockMovement(productId, lotId, quantity);
    CREATE INDEX stockMovement_lot ON stockMovement(lotId, at) WHERE lotId IS NOT NULL;
    CREATE INDEX stockMovement_invoiceLine ON stockMovement(invoiceLineId) WHERE invoiceLineId IS NOT NULL;
    CREATE INDEX stockMovement_appointment ON stockMovement(appointmentId) WHERE appointmentId IS NOT NULL;
    CREATE TRIGGER stockMovement_is_final BEFORE UPDATE ON stockMovement
      BEGIN SELECT RAISE(ABORT, 'a stock movement never changes; record a correcting movement'); END;
    CREATE TRIGGER stockMovement_never_deleted BEFORE DELETE ON stockMovement
      BEGIN SELECT RAISE(ABORT, 'a stock movement is never deleted; record a correcting movement'); END;

    -- A signed chart's injection whose product or lot matches no stock lot: kept for recall and review, per chart entry.
    CREATE TABLE unmatchedLotUse (
      id INTEGER PRIMARY KEY,
      chartId INTEGER NOT NULL REFERENCES chart(id),
      appointmentId INTEGER NOT NULL REFERENCES appointment(id),
      patientId INTEGER NOT NULL REFERENCES patient(id),
      product TEXT NOT NULL,
      lotNumber TEXT NOT NULL COLLATE NOCASE,
      expiry TEXT NOT NULL,
      units INTEGER NOT NULL,
      at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX unmatchedLotUse_lot ON unmatchedLotUse(lotNumber);
    CREATE INDEX unmatchedLotUse_chart ON unmatchedLotUse(chartId);

    ALTER TABLE invoiceLine ADD COLUMN productId INTEGER REFERENCES product(id);
    ALTER TABLE invoiceLine ADD COLUMN lotId INTEGER REFERENCES stockLot(id);
    CREATE INDEX invoiceLine_product ON invoiceLine(productId) WHERE productId IS NOT NULL;

    INSERT OR IGNORE INTO rolePermission (role, permission)
      SELECT role, permission FROM (
        SELECT 'owner' AS role, 'inventory.read' AS permission UNION ALL SELECT 'manager', 'inventory.read'
        UNION ALL SELECT 'practitioner', 'inventory.read' UNION ALL SELECT 'frontDesk', 'inventory.read'
        UNION ALL SELECT 'owner', 'inventory.manage' UNION ALL SELECT 'manager', 'inventory.manage'
      ) WHERE EXISTS (SELECT 1 FROM clinic);
  `);
}
