import { sql } from 'kysely';
import type { MigrationContext } from './context';

/**
 * Referrals: the program (one row), each patient's referral code, and `referralReward`, the facts of rewards given
 * and taken back (once each per referred patient: a unique index). Store credit given as a reward is a
 * `storedValueEntry` of its own kind, `referralReward`: the table is rebuilt for its CHECK (SQLite cannot alter one),
 * with foreign keys off, and its indexes and triggers are read from the schema and re-created as they were.
 */
export async function up({ db, exec }: MigrationContext): Promise<void> {
  const kept = await sql<{ sql: string }>`SELECT sql FROM sqlite_schema WHERE tbl_name = 'storedValueEntry' AND type IN ('index', 'trigger') AND sql IS NOT NULL ORDER BY type, name`.execute(db);
  exec(`
    CREATE TABLE storedValueEntry_new (
      id INTEGER PRIMARY KEY,
      patientId INTEGER NOT NULL REFERENCES patient(id),
      amountCents INTEGER NOT NULL CHECK (amountCents <> 0),
      kind TEXT NOT NULL CHECK (kind IN ('topUp','bonus','spend','refund','storeCredit','adjustment','topUpReversed','referralReward')),
      invoiceId INTEGER REFERENCES invoice(id),
      paymentId INTEGER REFERENCES payment(id),
      creditNoteId INTEGER REFERENCES creditNote(id),
      note TEXT NOT NULL DEFAULT '',
      at TEXT NOT NULL,
      by INTEGER REFERENCES staff(id)
    ) STRICT;
    INSERT INTO storedValueEntry_new SELECT * FROM storedValueEntry;
    DROP TABLE storedValueEntry;
    PRAGMA legacy_alter_table = ON;
    ALTER TABLE storedValueEntry_new RENAME TO storedValueEntry;
    PRAGMA legacy_alter_table = OFF;
    ${kept.rows.map((row) => `${row.sql};`).join('\n')}

    CREATE TABLE referralProgram (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      enabled INTEGER NOT NULL CHECK (enabled IN (0, 1)),
      -- Percent of the referred patient's first paid treatment (its service lines' net).
      percent INTEGER NOT NULL CHECK (percent BETWEEN 0 AND 100),
      form TEXT NOT NULL CHECK (form IN ('points', 'storeCredit')),
      -- The clinic's online booking page, which a card's QR code opens with ?ref=CODE.
      bookingUrl TEXT,
      updatedAt TEXT NOT NULL,
      updatedBy INTEGER REFERENCES staff(id)
    ) STRICT;

    -- A patient's own code (made on first ask, never changed). Unique without regard to case, as typed at the desk.
    CREATE TABLE referralCode (
      id INTEGER PRIMARY KEY,
      patientId INTEGER NOT NULL UNIQUE REFERENCES patient(id),
      code TEXT NOT NULL UNIQUE COLLATE NOCASE,
      createdAt TEXT NOT NULL,
      createdBy INTEGER REFERENCES staff(id)
    ) STRICT;

    -- Rewards (kind 'reward', cents and points >= 0) and their reversal by a credit note (kind 'reversal', <= 0).
    -- cents: the value (store credit, or the points' worth at the redeem rate when given).
    CREATE TABLE referralReward (
      id INTEGER PRIMARY KEY,
      kind TEXT NOT NULL CHECK (kind IN ('reward', 'reversal')),
      referrerId INTEGER NOT NULL REFERENCES patient(id),
      referredId INTEGER NOT NULL REFERENCES patient(id),
      invoiceId INTEGER NOT NULL REFERENCES invoice(id),
      creditNoteId INTEGER REFERENCES creditNote(id),
      form TEXT NOT NULL CHECK (form IN ('points', 'storeCredit')),
      percent INTEGER NOT NULL CHECK (percent BETWEEN 0 AND 100),
      serviceNetCents INTEGER NOT NULL,
      cents INTEGER NOT NULL,
      points INTEGER NOT NULL,
      storedValueEntryId INTEGER REFERENCES storedValueEntry(id),
      pointsEntryId INTEGER REFERENCES pointsEntry(id),
      note TEXT NOT NULL DEFAULT '',
      at TEXT NOT NULL,
      by INTEGER REFERENCES staff(id),
      CHECK ((kind = 'reversal') = (creditNoteId IS NOT NULL)),
      CHECK ((kind = 'reward' AND cents >= 0 AND points >= 0) OR (kind = 'reversal' AND cents <= 0 AND points <= 0))
    ) STRICT;
    -- Once per referred patient: one reward, one reversal.
    CREATE UNIQUE INDEX referralReward_once ON referralReward(referredId, kind);
    -- A profile's rewards; the board's period (covering).
    CREATE INDEX referralReward_referrer ON referralReward(referrerId, at);
    CREATE INDEX referralReward_at ON referralReward(at, referrerId, cents, points);
    CREATE INDEX referralReward_invoice ON referralReward(invoiceId);

    INSERT OR IGNORE INTO rolePermission (role, permission)
      SELECT role, permission FROM (
        SELECT 'owner' AS role, 'referrals.read' AS permission UNION ALL SELECT 'manager', 'referrals.read'
        UNION ALL SELECT 'practitioner', 'referrals.read' UNION ALL SELECT 'frontDesk', 'referrals.read'
        UNION ALL SELECT 'owner', 'referrals.manage' UNION ALL SELECT 'manager', 'referrals.manage'
      ) WHERE EXISTS (SELECT 1 FROM clinic);
  `);
}
