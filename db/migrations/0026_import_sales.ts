import { sql } from 'kysely';
import type { MigrationContext } from './context';

/**
 * Imports of sales history (issue 20): `importBatch.kind` and `importMapping.kind` accept 'sales'. SQLite cannot alter
 * a CHECK, so both tables are rebuilt as they were plus the new kind. This migration runs with foreign keys off
 * (`importRow` and `importChange` keep pointing at `importBatch` by name; the runner checks them before commit), and
 * every index and trigger the two tables have at this point is read from the schema and re-created as it was.
 */
const KINDS = "('patients','clinical','balances','appointments','sales')";

export async function up({ db, exec }: MigrationContext): Promise<void> {
  const kept = await sql<{ sql: string }>`SELECT sql FROM sqlite_schema WHERE tbl_name IN ('importBatch', 'importMapping') AND type IN ('index', 'trigger') AND sql IS NOT NULL ORDER BY type, name`.execute(db);
  exec(`
    CREATE TABLE importBatch_new (
      id INTEGER PRIMARY KEY,
      kind TEXT NOT NULL CHECK (kind IN ${KINDS}),
      fileName TEXT NOT NULL,
      sha256 TEXT NOT NULL,
      -- JSON: the column mapping and options the batch ran with.
      mapping TEXT NOT NULL,
      options TEXT NOT NULL,
      imported INTEGER NOT NULL,
      matched INTEGER NOT NULL,
      skipped INTEGER NOT NULL,
      alreadyImported INTEGER NOT NULL,
      at TEXT NOT NULL,
      by INTEGER REFERENCES staff(id),
      undoneAt TEXT,
      undoneBy INTEGER REFERENCES staff(id)
    ) STRICT;
    INSERT INTO importBatch_new SELECT id, kind, fileName, sha256, mapping, options, imported, matched, skipped, alreadyImported, at, by, undoneAt, undoneBy FROM importBatch;
    DROP TABLE importBatch;

    CREATE TABLE importMapping_new (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ${KINDS}),
      -- JSON: { "Client ID": "legacyId", … }
      columns TEXT NOT NULL,
      updatedAt TEXT NOT NULL,
      updatedBy INTEGER REFERENCES staff(id)
    ) STRICT;
    INSERT INTO importMapping_new SELECT id, name, kind, columns, updatedAt, updatedBy FROM importMapping;
    DROP TABLE importMapping;

    -- Legacy rename: importRow and importChange keep naming "importBatch" as they were written.
    PRAGMA legacy_alter_table = ON;
    ALTER TABLE importBatch_new RENAME TO importBatch;
    ALTER TABLE importMapping_new RENAME TO importMapping;
    PRAGMA legacy_alter_table = OFF;
    ${kept.rows.map((row) => `${row.sql};`).join('\n')}
  `);
}
