import type { MigrationContext } from './context';

/**
 * Patients' rights: the retention period of signed clinical records (one row; none: 10 years), which an erasure
 * respects, and which patients were erased.
 */
export async function up({ exec }: MigrationContext): Promise<void> {
  exec(`
    CREATE TABLE privacySettings (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      -- Years a signed visit note or chart is kept after it was signed; an erasure waits until then.
      clinicalRetentionYears INTEGER NOT NULL CHECK (clinicalRetentionYears BETWEEN 1 AND 100),
      updatedAt TEXT NOT NULL,
      updatedBy INTEGER REFERENCES staff(id)
    ) STRICT;

    -- A patient anonymised on request: kept as a row (their invoices and signed records point at it) and left out of
    -- every list. The reason is in the audit log, never here.
    CREATE TABLE erasedPatient (
      patientId INTEGER PRIMARY KEY REFERENCES patient(id),
      erasedAt TEXT NOT NULL,
      erasedBy INTEGER REFERENCES staff(id)
    ) STRICT;
  `);
}
