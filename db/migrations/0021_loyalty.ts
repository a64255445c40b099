import { sql } from 'kysely';
import type { MigrationContext } from './context';

/**
 * Loyalty: the program's settings, the invoice's tier (member) discount columns (one row; tiers and category multipliers as JSON the contract validates), and the
 * points ledger `pointsEntry` (append-only: a balance is the sum of a patient's entries). Payments gain the `points`
 * tender and its `points` column: `payment` is rebuilt for its CHECK (SQLite cannot alter one). This migration runs
 * with foreign keys off (SQLite's documented way to rebuild a table others point at: `storedValueEntry`,
 * `packageEntry` and `giftCardEntry` keep pointing at `payment` by name) and the runner checks them before commit.
 * Every index and trigger `payment` has at this point (those of 0005, 0012, 0015, 0016, 0017 and any later
 * migration) is read from the schema and re-created as it was.
 */
export async function up({ db, exec }: MigrationContext): Promise<void> {
  const kept = await sql<{ sql: string }>`SELECT sql FROM sqlite_schema WHERE tbl_name = 'payment' AND type IN ('index', 'trigger') AND sql IS NOT NULL ORDER BY type, name`.execute(db);
  exec(`
    CREATE TABLE loyaltyProgram (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      enabled INTEGER NOT NULL CHECK (enabled IN (0, 1)),
      -- Points per whole currency unit (100 minor units) of a line's net.
      pointsPerUnit INTEGER NOT NULL CHECK (pointsPerUnit BETWEEN 0 AND 1000),
      -- [{ categoryId, percent }]: 200 = double points on that category.
      categoryMultipliers TEXT NOT NULL DEFAULT '[]',
      -- What points are worth at the desk: redeemPoints points pay redeemCents.
      redeemPoints INTEGER NOT NULL CHECK (redeemPoints >= 1),
      redeemCents INTEGER NOT NULL CHECK (redeemCents >= 1),
      minimumRedeemPoints INTEGER NOT NULL CHECK (minimumRedeemPoints >= 0),
      -- Points expire this many months after they were credited (0: never).
      expiryMonths INTEGER NOT NULL CHECK (expiryMonths BETWEEN 0 AND 120),
      -- [{ name, thresholdPoints, discountPercent, categoryIds, birthdayPoints }], thresholds increasing.
      tiers TEXT NOT NULL DEFAULT '[]',
      reviewPoints INTEGER NOT NULL CHECK (reviewPoints >= 0),
      updatedAt TEXT NOT NULL,
      updatedBy INTEGER REFERENCES staff(id)
    ) STRICT;

    -- The points ledger. Credited rows (earned, returned, referral, review, birthday, adjustment > 0) carry the
    -- clinic-local date they can be used until; expired rows name the credited row (lot) they write off.
    CREATE TABLE pointsEntry (
      id INTEGER PRIMARY KEY,
      patientId INTEGER NOT NULL REFERENCES patient(id),
      kind TEXT NOT NULL CHECK (kind IN ('earned','redeemed','reversed','returned','referral','review','birthday','expired','adjustment')),
      points INTEGER NOT NULL CHECK (points <> 0),
      at TEXT NOT NULL,
      expiresOn TEXT,
      lotEntryId INTEGER REFERENCES pointsEntry(id),
      invoiceId INTEGER REFERENCES invoice(id),
      creditNoteId INTEGER REFERENCES creditNote(id),
      paymentId INTEGER REFERENCES payment(id),
      -- Per-line points of an earned row ([{ lineId, points }]), so a credit note takes back what its lines earned.
      lines TEXT,
      -- Once-only rows: earned:<invoice>, birthday:<patient>:<year>, expired:<lot>.
      dedupeKey TEXT UNIQUE,
      note TEXT NOT NULL DEFAULT '',
      by INTEGER REFERENCES staff(id),
      CHECK ((kind IN ('earned','returned','referral','review','birthday') AND points > 0) OR (kind IN ('redeemed','reversed','expired') AND points < 0) OR kind = 'adjustment'),
      CHECK ((kind = 'expired') = (lotEntryId IS NOT NULL))
    ) STRICT;
    -- Covering for a patient's balance, tier, lots and statement.
    -- The tier discount a draft took when it was last written (frozen once issued): the tier, its percent in basis
    -- points, the categories it covers (JSON ids; [] = every line but stored value) and what it took off.
    ALTER TABLE invoice ADD COLUMN memberTier TEXT;
    ALTER TABLE invoice ADD COLUMN memberDiscountBasisPoints INTEGER NOT NULL DEFAULT 0 CHECK (memberDiscountBasisPoints BETWEEN 0 AND 10000);
    ALTER TABLE invoice ADD COLUMN memberCategoryIds TEXT NOT NULL DEFAULT '[]';
    ALTER TABLE invoice ADD COLUMN memberDiscountCents INTEGER NOT NULL DEFAULT 0 CHECK (memberDiscountCents >= 0);

    CREATE INDEX pointsEntry_patient ON pointsEntry(patientId, at, kind, points, expiresOn, lotEntryId);
    CREATE INDEX pointsEntry_invoice ON pointsEntry(invoiceId) WHERE invoiceId IS NOT NULL;
    -- Expired rows by their lot: the foreign key's lookups (a delete would otherwise scan the ledger per row).
    CREATE INDEX pointsEntry_lot ON pointsEntry(lotEntryId) WHERE lotEntryId IS NOT NULL;
    -- The daily job's lots past their date.
    CREATE INDEX pointsEntry_expiresOn ON pointsEntry(expiresOn) WHERE expiresOn IS NOT NULL;

    CREATE TABLE payment_new (
      id INTEGER PRIMARY KEY,
      invoiceId INTEGER NOT NULL REFERENCES invoice(id),
      patientId INTEGER REFERENCES patient(id),
      tender TEXT NOT NULL CHECK (tender IN ('cash','card','transfer','storedValue','giftCard','package','points')),
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
      -- Points tender: points spent (> 0) or given back (< 0).
      points INTEGER,
      CHECK ((tender = 'giftCard') = (giftCardId IS NOT NULL)),
      CHECK ((tender = 'package') = (patientPackageId IS NOT NULL AND units IS NOT NULL)),
      CHECK ((tender = 'points') = (points IS NOT NULL AND patientId IS NOT NULL))
    ) STRICT;
    INSERT INTO payment_new (id, invoiceId, patientId, tender, amountCents, tenderedCents, changeCents, reference, creditNoteId, takenAt, takenBy, giftCardId, patientPackageId, units)
      SELECT id, invoiceId, patientId, tender, amountCents, tenderedCents, changeCents, reference, creditNoteId, takenAt, takenBy, giftCardId, patientPackageId, units FROM payment;
    DROP TABLE payment;
    -- Legacy rename: the triggers of other tables that read payment are left as written (they name "payment").
    PRAGMA legacy_alter_table = ON;
    ALTER TABLE payment_new RENAME TO payment;
    PRAGMA legacy_alter_table = OFF;
    ${kept.rows.map((row) => `${row.sql};`).join('\n')}

    INSERT OR IGNORE INTO rolePermission (role, permission)
      SELECT role, permission FROM (
        SELECT 'owner' AS role, 'loyalty.read' AS permission UNION ALL SELECT 'manager', 'loyalty.read'
        UNION ALL SELECT 'practitioner', 'loyalty.read' UNION ALL SELECT 'frontDesk', 'loyalty.read'
        UNION ALL SELECT 'owner', 'loyalty.manage' UNION ALL SELECT 'manager', 'loyalty.manage'
      ) WHERE EXISTS (SELECT 1 FROM clinic);
  `);
}
