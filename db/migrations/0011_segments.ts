import type { MigrationContext } from './context';

/**
 * Segments: the manager's thresholds for activity tiers and RFM scores (one row; none means the defaults in
 * src-main/segments/settings.ts) and saved segment queries. Tiers, RFM, counts and metrics are computed from the
 * purchase projection (0009_retention) when asked, never stored.
 */
export function up({ exec }: MigrationContext): void {
  exec(`
    CREATE TABLE segmentSettings (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      newDays INTEGER NOT NULL CHECK (newDays >= 1),
      activeDays INTEGER NOT NULL CHECK (activeDays >= newDays),
      sleepingDays INTEGER NOT NULL CHECK (sleepingDays > activeDays),
      -- JSON arrays of four ascending boundaries (see the contract's SegmentSettings).
      recencyDays TEXT NOT NULL,
      frequencyPurchases TEXT NOT NULL,
      monetaryCents TEXT NOT NULL,
      expectedLifespanYears INTEGER NOT NULL CHECK (expectedLifespanYears >= 1),
      updatedAt TEXT NOT NULL,
      updatedBy INTEGER REFERENCES staff(id)
    ) STRICT;

    -- A named segment: its query as JSON (validated by the contract's SegmentQuery when saved and when read).
    CREATE TABLE savedSegment (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL,
      query TEXT NOT NULL,
      createdBy INTEGER REFERENCES staff(id),
      createdAt TEXT NOT NULL,
      updatedAt TEXT NOT NULL
    ) STRICT;
    CREATE UNIQUE INDEX savedSegment_name ON savedSegment(name COLLATE NOCASE);

    INSERT OR IGNORE INTO rolePermission (role, permission)
      SELECT role, permission FROM (
        SELECT 'owner' AS role, 'segments.read' AS permission UNION ALL SELECT 'owner', 'segments.manage'
        UNION ALL SELECT 'manager', 'segments.read' UNION ALL SELECT 'manager', 'segments.manage'
        UNION ALL SELECT 'frontDesk', 'segments.read'
      ) WHERE EXISTS (SELECT 1 FROM clinic);
  `);
}
