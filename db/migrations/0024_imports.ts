import type { MigrationContext } from './context';

/**
 * Imports from another system (issue 20): a batch per file imported, a row per data row (its outcome and the key that
 * makes importing the same row twice create nothing twice), and the batch's journal (every row it wrote, with what
 * was there before) that undo reads backwards. Saved column mappings are named per kind.
 */
export async function up({ exec }: MigrationContext): Promise<void> {
  exec(`
    CREATE TABLE importBatch (
      id INTEGER PRIMARY KEY,
      kind TEXT NOT NULL CHECK (kind IN ('patients','clinical','balances','appointments')),
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
    CREATE INDEX importBatch_sha256 ON importBatch(sha256);
    CREATE INDEX importBatch_at ON importBatch(at);

    -- One per data row of a batch (facts). rowKey: kind + legacy id, else a hash of the row's mapped values.
    -- patientId is the record the row created, matched or was about (no foreign key: undo removes what it created).
    CREATE TABLE importRow (
      id INTEGER PRIMARY KEY,
      batchId INTEGER NOT NULL REFERENCES importBatch(id),
      line INTEGER NOT NULL,
      rowKey TEXT NOT NULL,
      legacyId TEXT,
      outcome TEXT NOT NULL CHECK (outcome IN ('create','match','skip','already')),
      patientId INTEGER,
      merged INTEGER CHECK (merged IN (0, 1)),
      -- JSON: ["phone","email"]
      matchedBy TEXT NOT NULL,
      -- JSON: [{ line, column, message }]
      problems TEXT NOT NULL
    ) STRICT;
    CREATE INDEX importRow_batch ON importRow(batchId, line);
    CREATE INDEX importRow_key ON importRow(rowKey, batchId) WHERE outcome IN ('create','match');
    CREATE INDEX importRow_legacy ON importRow(legacyId, batchId) WHERE legacyId IS NOT NULL AND outcome IN ('create','match');

    -- What a batch wrote, in order (facts): the table, the row's key (JSON object of key columns) and the row as it
    -- was before (null: the batch created it). Undo walks it backwards.
    CREATE TABLE importChange (
      id INTEGER PRIMARY KEY,
      batchId INTEGER NOT NULL REFERENCES importBatch(id),
      tbl TEXT NOT NULL,
      pk TEXT NOT NULL,
      before TEXT
    ) STRICT;
    CREATE INDEX importChange_batch ON importChange(batchId, id);

    CREATE TABLE importMapping (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('patients','clinical','balances','appointments')),
      -- JSON: { "Client ID": "legacyId", … }
      columns TEXT NOT NULL,
      updatedAt TEXT NOT NULL,
      updatedBy INTEGER REFERENCES staff(id)
    ) STRICT;
    CREATE UNIQUE INDEX importMapping_name ON importMapping(kind, name COLLATE NOCASE);
  `);
}
