import { randomBytes, randomUUID } from 'node:crypto';
import type { MigrationContext } from './context';

/**
 * Several workstations, one clinic: who this database is, the workstations it knows, the change log that sync
 * exchanges, and what it knows of its peers. A clinic created before this version becomes workstation 0, whose id
 * range starts at 1, so none of its rows moves; it is bound to the computer it is on at its next open.
 */
export function up({ exec }: MigrationContext): void {
  exec(`
    -- Every workstation of the clinic (synced). Rows a workstation creates have ids number·2^33 + 1, + 2, …
    CREATE TABLE workstation (
      id TEXT PRIMARY KEY,
      number INTEGER NOT NULL UNIQUE CHECK (number BETWEEN 0 AND 1048575),
      name TEXT NOT NULL,
      seriesPrefix TEXT NOT NULL UNIQUE,
      createdAt TEXT NOT NULL
    ) STRICT, WITHOUT ROWID;

    -- Which workstation this file is (never synced). A copy or restore no longer matches its binding.
    CREATE TABLE thisWorkstation (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      workstationId TEXT NOT NULL REFERENCES workstation(id),
      binding TEXT NOT NULL,
      clinicUid TEXT NOT NULL,
      clinicKey TEXT NOT NULL,
      sharedFolder TEXT NOT NULL DEFAULT '',
      sharedSeq INTEGER NOT NULL DEFAULT 0
    ) STRICT;

    -- Every change made here or received, in the transaction that made it. (origin, seq) is gapless per workstation.
    CREATE TABLE syncChange (
      origin INTEGER NOT NULL,
      seq INTEGER NOT NULL,
      hlc TEXT NOT NULL,
      tbl TEXT NOT NULL,
      pk TEXT NOT NULL,
      op TEXT NOT NULL CHECK (op IN ('insert','update','delete')),
      data TEXT,
      base TEXT,
      PRIMARY KEY (origin, seq)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX syncChange_row ON syncChange(tbl, pk, hlc);
    -- The latest clock value, read at every open so the hybrid clock never runs back.
    CREATE INDEX syncChange_hlc ON syncChange(hlc);

    -- What each other workstation had seen when it wrote its last file, how far its clock was ahead of ours, and how
    -- far ahead ours looked to it (its files say so: a clock that is wrong learns it from the others).
    CREATE TABLE syncPeer (
      workstationId TEXT PRIMARY KEY,
      seen TEXT NOT NULL DEFAULT '{}',
      lastFileAt TEXT,
      lastExportedAt TEXT,
      lastChanges INTEGER NOT NULL DEFAULT 0,
      clockAheadMs INTEGER NOT NULL DEFAULT 0,
      saysWeAreAheadMs INTEGER NOT NULL DEFAULT 0
    ) STRICT, WITHOUT ROWID;

    -- Change files of the shared folder already applied (by name and content hash).
    CREATE TABLE syncFile (
      name TEXT PRIMARY KEY,
      sha256 TEXT NOT NULL,
      importedAt TEXT NOT NULL
    ) STRICT, WITHOUT ROWID;

    -- What a merge decided by rule and a person should look at. The same on every workstation that has the changes.
    CREATE TABLE syncConflict (
      id INTEGER PRIMARY KEY,
      key TEXT NOT NULL UNIQUE,
      kind TEXT NOT NULL CHECK (kind IN ('clinicalEdit','mergedPatientEdited','doubleBooking','sealedEdit','duplicateName')),
      tbl TEXT NOT NULL,
      rowKey TEXT NOT NULL,
      summary TEXT NOT NULL,
      details TEXT NOT NULL,
      detectedAt TEXT NOT NULL,
      reviewedAt TEXT,
      reviewedBy INTEGER REFERENCES staff(id)
    ) STRICT;
    CREATE INDEX syncConflict_open ON syncConflict(reviewedAt, detectedAt);

    -- The audit log lists by time (entries of several workstations interleave; their ids do not).
    DROP INDEX audit_at;
    DROP INDEX audit_staff;
    DROP INDEX audit_action;
    CREATE INDEX audit_at ON audit(at, id);
    CREATE INDEX audit_staff ON audit(staffId, at, id);
    CREATE INDEX audit_action ON audit(action, at, id);

    INSERT OR IGNORE INTO rolePermission (role, permission)
      SELECT role, permission FROM (
        SELECT 'owner' AS role, 'sync.manage' AS permission UNION ALL SELECT 'manager', 'sync.manage'
        UNION ALL SELECT 'owner', 'sync.exchange' UNION ALL SELECT 'manager', 'sync.exchange' UNION ALL SELECT 'frontDesk', 'sync.exchange' UNION ALL SELECT 'practitioner', 'sync.exchange'
      ) WHERE EXISTS (SELECT 1 FROM clinic);
  `);
  // An existing clinic becomes its first workstation (number 0: its ids already lie in 1 … 2^33 − 1).
  const workstationId = randomUUID();
  exec(`
    INSERT INTO workstation (id, number, name, seriesPrefix, createdAt)
      SELECT '${workstationId}', 0, 'Workstation 1', 'P', strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE EXISTS (SELECT 1 FROM clinic);
    INSERT INTO thisWorkstation (id, workstationId, binding, clinicUid, clinicKey)
      SELECT 1, '${workstationId}', '', '${randomUUID()}', '${randomBytes(32).toString('hex')}' WHERE EXISTS (SELECT 1 FROM clinic);
  `);
}
