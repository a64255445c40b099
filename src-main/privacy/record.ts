import type { Sqlite } from '../core/db';

export type Row = Record<string, unknown>;

/** A patient's complete record: their row and every row of every table that names them (or names such a row). */
export interface PatientRecord {
  patient: Row;
  tables: Record<string, Row[]>;
}

/** Derived search words, and the change log (which repeats the tables' own changes), are not part of a record. */
const NOT_IN_RECORD = new Set(['patient', 'patientSearch', 'syncChange']);

function tablesOf(sqlite: Sqlite): string[] {
  return sqlite.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name").pluck().all() as string[];
}

function foreignKeys(sqlite: Sqlite, table: string): { col: string; ref: string }[] {
  return sqlite.prepare('SELECT "from" AS col, "table" AS ref FROM pragma_foreign_key_list(?)').all(table) as { col: string; ref: string }[];
}

/** Text that holds JSON (a chart's note, a list of allergies) as the JSON itself, so the file reads as one document. */
function readable(row: Row): Row {
  const out: Row = {};
  for (const [key, value] of Object.entries(row)) {
    if (typeof value === 'string' && /^[[{]/.test(value)) {
      try {
        out[key] = JSON.parse(value);
        continue;
      } catch {
        // Not JSON after all: kept as written.
      }
    }
    out[key] = Buffer.isBuffer(value) ? value.toString('base64') : value;
  }
  return out;
}

/**
 * Gathers the record from the schema itself, as a merge finds what to move: first the tables with a foreign key to
 * the patient, then the tables pointing at those rows (an invoice's lines, a visit's services, a package's entries).
 * A table added later is part of the record without touching this code.
 */
export function patientRecord(sqlite: Sqlite, patientId: number): PatientRecord | null {
  const patient = sqlite.prepare('SELECT * FROM patient WHERE id = ?').get(patientId) as Row | undefined;
  if (!patient) return null;
  const tables = tablesOf(sqlite).filter((t) => !NOT_IN_RECORD.has(t));
  const found = new Map<string, Row[]>();
  const add = (table: string, rows: Row[]) => {
    if (!rows.length) return;
    const seen = new Set((found.get(table) ?? []).map((r) => JSON.stringify(r)));
    found.set(table, [...(found.get(table) ?? []), ...rows.filter((r) => !seen.has(JSON.stringify(r)))]);
  };
  const direct = new Set<string>();
  for (const table of tables) {
    for (const { col } of foreignKeys(sqlite, table).filter((fk) => fk.ref === 'patient')) {
      direct.add(table);
      add(table, sqlite.prepare(`SELECT * FROM "${table}" WHERE "${col}" = ?`).all(patientId) as Row[]);
    }
  }
  for (const table of tables.filter((t) => !direct.has(t))) {
    for (const { col, ref } of foreignKeys(sqlite, table)) {
      const ids = (found.get(ref) ?? []).map((r) => r.id).filter((id) => typeof id === 'number');
      if (!direct.has(ref) || !ids.length) continue;
      add(table, sqlite.prepare(`SELECT * FROM "${table}" WHERE "${col}" IN (SELECT value FROM json_each(?))`).all(JSON.stringify(ids)) as Row[]);
    }
  }
  return { patient: readable(patient), tables: Object.fromEntries([...found].sort(([a], [b]) => a.localeCompare(b)).map(([table, rows]) => [table, rows.map(readable)])) };
}

/** The patient and every record merged into them (recursively): one person. The patient first. */
export function familyOf(sqlite: Sqlite, patientId: number): number[] {
  return sqlite.prepare('WITH RECURSIVE f(id) AS (SELECT ? UNION SELECT p.id FROM patient p JOIN f ON p.mergedIntoId = f.id) SELECT id FROM f').pluck().all(patientId) as number[];
}
