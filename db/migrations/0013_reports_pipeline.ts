import type { MigrationContext } from './context';

/**
 * Pipeline reports: the projection's own assumptions (the rates stay on the clinic row, the average sale on each
 * category), month targets, and the people each referral source reached per month (the cascade's awareness, filled in
 * by a manager). Projections, cascades and call lists are computed when asked, never stored.
 */
export function up({ exec }: MigrationContext): void {
  exec(`
    CREATE TABLE pipelineSettings (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      openLeadDays INTEGER NOT NULL CHECK (openLeadDays >= 1),
      stallDays INTEGER NOT NULL CHECK (stallDays >= 1),
      updatedAt TEXT NOT NULL,
      updatedBy INTEGER REFERENCES staff(id)
    ) STRICT;

    CREATE TABLE monthlySalesTarget (
      id INTEGER PRIMARY KEY,
      month TEXT NOT NULL,
      targetCents INTEGER NOT NULL CHECK (targetCents >= 0),
      updatedAt TEXT NOT NULL
    ) STRICT;
    CREATE UNIQUE INDEX monthlySalesTarget_month ON monthlySalesTarget(month);

    CREATE TABLE awarenessEntry (
      id INTEGER PRIMARY KEY,
      month TEXT NOT NULL,
      referralSourceId INTEGER NOT NULL REFERENCES referralSource(id),
      reached INTEGER NOT NULL CHECK (reached >= 0),
      updatedAt TEXT NOT NULL
    ) STRICT;
    CREATE UNIQUE INDEX awarenessEntry_month ON awarenessEntry(month, referralSourceId);

    -- Quotes on the table: a patient's draft invoices, oldest first.
    CREATE INDEX invoice_openQuote ON invoice(createdAt) WHERE status = 'draft' AND patientId IS NOT NULL;

    -- A patient's refunds (the cascade's net sales per patient).
    CREATE INDEX creditNote_patient ON creditNote(patientId) WHERE patientId IS NOT NULL;

    INSERT OR IGNORE INTO rolePermission (role, permission)
      SELECT role, permission FROM (SELECT 'owner' AS role, 'reports.read' AS permission UNION ALL SELECT 'manager', 'reports.read')
      WHERE EXISTS (SELECT 1 FROM clinic);
  `);
}
