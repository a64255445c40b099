import type { Sqlite } from '../core/db';
import { policyOf, type SyncedPolicy, syncPolicy } from './policy';

/** A synced table as sync sees it: its primary key and the columns that travel in change files. */
export interface TableShape {
  table: string;
  policy: SyncedPolicy;
  key: string[];
  /** Columns that travel (not the key, not derived or local ones). */
  fields: string[];
  /** Whether rows take ids from this workstation's range (an integer `id` key). */
  rangedIds: boolean;
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;
const literal = (text: string) => `'${text.replaceAll("'", "''")}'`;

export function shapeOf(sqlite: Sqlite, table: string): TableShape {
  const policy = policyOf(table);
  if (policy.sync === 'local') throw new Error(`${table} is not synced`);
  const columns = sqlite.prepare(`PRAGMA table_info(${quote(table)})`).all() as { name: string; type: string; pk: number }[];
  const key = columns.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name);
  const skipped = new Set([...key, ...(policy.sync === 'fields' ? [...(policy.derived ?? []), ...(policy.local ?? [])] : [])]);
  return {
    table,
    policy,
    key,
    fields: columns.filter((c) => !skipped.has(c.name)).map((c) => c.name),
    rangedIds: key.length === 1 && key[0] === 'id' && columns.find((c) => c.name === 'id')?.type === 'INTEGER' && !(policy.sync === 'fields' && policy.fixedIds),
  };
}

/** Every synced table that exists in this database, in the order the policy lists them. */
export function syncedShapes(sqlite: Sqlite): TableShape[] {
  const existing = new Set(sqlite.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").pluck().all() as string[]);
  return Object.keys(syncPolicy)
    .filter((table) => existing.has(table) && syncPolicy[table].sync !== 'local')
    .map((table) => shapeOf(sqlite, table));
}

const REFUSE_COPY = "This database was copied or restored: give this computer its own workstation name before anything is written.";

/**
 * The capture triggers: every insert, update and delete of a synced table writes its change (clock value,
 * workstation, table, key, fields written, and the row's latest clock value the writer had seen) into `syncChange`,
 * in the same transaction. TEMP triggers, made at every open from the policy and the live schema, so they always
 * match both; they read the connection's `temp.syncNow` (core/workstation.ts), which a new table needs no code for.
 */
export function installCapture(sqlite: Sqlite): void {
  for (const shape of syncedShapes(sqlite)) sqlite.exec(triggersOf(shape));
}

function triggersOf(shape: TableShape): string {
  const { table, key, fields } = shape;
  const name = (op: string) => quote(`sync_${table}_${op}`);
  const keyOf = (row: string) => `json_array(${key.map((c) => `${row}.${quote(c)}`).join(', ')})`;
  const objectOf = (columns: string[]) => (columns.length ? `json_object(${columns.map((c) => `${literal(c)}, NEW.${quote(c)}`).join(', ')})` : "'{}'");
  const when = `WHEN (SELECT mode FROM temp.syncNow) <> 'off'`;
  const refuseCopy = `SELECT RAISE(ABORT, ${literal(REFUSE_COPY)}) WHERE (SELECT mode FROM temp.syncNow) = 'refuse';`;
  const record = (op: string, data: string, from: string, where = '') => `
    INSERT INTO main.syncChange (origin, seq, hlc, tbl, pk, op, data, base)
    SELECT s.origin, (SELECT coalesce(max(seq), 0) + 1 FROM main.syncChange WHERE origin = s.origin), s.hlc, ${literal(table)}, ${keyOf(op === 'delete' ? 'OLD' : 'NEW')}, '${op}', ${data},
           (SELECT max(hlc) FROM main.syncChange WHERE tbl = ${literal(table)} AND pk = ${keyOf(op === 'delete' ? 'OLD' : 'NEW')})
    FROM temp.syncNow s${from}${where};`;
  const rangeCheck = shape.rangedIds
    ? `SELECT RAISE(ABORT, ${literal(`A new ${table} row must take its id from this workstation's range (newId)`)}) WHERE NEW.id NOT BETWEEN (SELECT first FROM temp.syncNow) AND (SELECT last FROM temp.syncNow);`
    : '';
  const insert = `CREATE TEMP TRIGGER IF NOT EXISTS ${name('insert')} AFTER INSERT ON main.${quote(table)} ${when} BEGIN
    ${refuseCopy}
    ${rangeCheck}
    ${record('insert', objectOf(fields), '')}
  END;`;
  if (shape.policy.sync === 'facts') {
    const refuse = `SELECT RAISE(ABORT, ${literal(`${table} rows are facts: they are never changed or removed`)});`;
    return `${insert}
    CREATE TEMP TRIGGER IF NOT EXISTS ${name('update')} AFTER UPDATE ON main.${quote(table)} ${when} BEGIN ${refuse} END;
    CREATE TEMP TRIGGER IF NOT EXISTS ${name('delete')} AFTER DELETE ON main.${quote(table)} ${when} BEGIN ${refuse} END;`;
  }
  const keyChanged = key.map((c) => `NEW.${quote(c)} IS NOT OLD.${quote(c)}`).join(' OR ');
  const changed = shape.policy.wholeRow
    ? `(SELECT ${objectOf(fields)} AS data) d`
    : `(SELECT json_group_object(name, value) AS data FROM (${
        fields.map((c) => `SELECT ${literal(c)} AS name, NEW.${quote(c)} AS value WHERE NEW.${quote(c)} IS NOT OLD.${quote(c)}`).join(' UNION ALL ') || "SELECT NULL, NULL WHERE 0"
      })) d`;
  return `${insert}
  CREATE TEMP TRIGGER IF NOT EXISTS ${name('update')} AFTER UPDATE ON main.${quote(table)} ${when} BEGIN
    ${refuseCopy}
    SELECT RAISE(ABORT, ${literal(`A ${table} row's key never changes; add a new row instead`)}) WHERE ${keyChanged};
    ${record('update', 'd.data', `, ${changed}`, ` WHERE d.data IS NOT NULL AND d.data <> '{}'`)}
  END;
  CREATE TEMP TRIGGER IF NOT EXISTS ${name('delete')} AFTER DELETE ON main.${quote(table)} ${when} BEGIN
    ${refuseCopy}
    ${record('delete', 'NULL', '')}
  END;`;
}
