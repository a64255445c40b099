import { cached, type Db, type Sqlite } from '../core/db';
import type { TableShape } from './capture';

/** One change as the log holds it. */
export interface LoggedChange {
  origin: number;
  seq: number;
  hlc: string;
  op: 'insert' | 'update' | 'delete';
  data: string | null;
  base: string | null;
}

export type Row = Record<string, unknown>;

export interface Conflict {
  kind: 'clinicalEdit' | 'mergedPatientEdited' | 'doubleBooking' | 'signedChartEdit' | 'duplicateName';
  /** The same on every workstation that finds it, so it is listed once. */
  key: string;
  summary: string;
  details: unknown;
}

/** What a table needs beyond field-by-field merging (sync/rules.ts). */
export interface RowRules {
  /** Columns computed from the row where it lands (the policy's `derived`). */
  derive?(row: Row): Row;
  /** A row in this state takes no later change (a signed chart): later writes are set aside and listed. */
  sealed?(row: Row): boolean;
  /** After the row was written or removed here: search words, and the checks that list conflicts. */
  afterWrite?(merge: MergeContext, row: Row | null, history: LoggedChange[]): Promise<void>;
}

export interface MergeContext {
  sqlite: Sqlite;
  db: Db;
  now: Date;
  timeZone: string;
  workstationName(number: number): string;
  conflict(table: string, rowKey: string, conflict: Conflict): void;
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * Brings one row to the state its whole change history gives, whatever order the changes arrived in: the changes
 * sorted by clock value are folded over the row (an insert sets every field, an update the fields it wrote, a
 * delete removes the row; an update of a row that is gone changes nothing), so each field ends with its last
 * writer's value. A row from before sync began (no insert in the log) starts from what this database holds, which
 * every workstation copied alike. Returns whether anything here changed.
 */
export async function settleRow(merge: MergeContext, shape: TableShape, rules: RowRules, rowKey: string): Promise<boolean> {
  const { sqlite } = merge;
  const keyValues = JSON.parse(rowKey) as unknown[];
  const where = shape.key.map((column) => `${quote(column)} = ?`).join(' AND ');
  const current = cached(sqlite, `SELECT * FROM ${quote(shape.table)} WHERE ${where}`).get(...keyValues) as Row | undefined;
  const history = cached(sqlite, 'SELECT origin, seq, hlc, op, data, base FROM syncChange WHERE tbl = ? AND pk = ? ORDER BY hlc, origin, seq').all(shape.table, rowKey) as LoggedChange[];

  const keyRow: Row = Object.fromEntries(shape.key.map((column, i) => [column, keyValues[i]]));
  const startsInLog = history.some((change) => change.op === 'insert');
  let state: Row | null = startsInLog ? null : current ? { ...current } : null;
  const lastWriter = new Map<string, LoggedChange>();
  const fields = new Set(shape.fields);

  for (const change of history) {
    if (change.op === 'delete') {
      state = null;
      continue;
    }
    if (change.op === 'update' && !state) continue;
    if (state && rules.sealed?.(state)) {
      setAsideSealed(merge, shape, rowKey, state, change);
      continue;
    }
    if (change.op === 'insert') state = { ...keyRow };
    const written = JSON.parse(change.data ?? '{}') as Row;
    for (const [field, value] of Object.entries(written)) {
      if (!fields.has(field)) continue; // a column this version does not have, or one kept local
      const previous = lastWriter.get(field);
      if (shape.policy.sync === 'fields' && shape.policy.clinical && previous && concurrent(change, previous) && state![field] !== value) {
        merge.conflict(shape.table, rowKey, {
          kind: 'clinicalEdit',
          key: `clinicalEdit:${shape.table}:${rowKey}:${field}:${previous.origin}.${previous.seq}`,
          summary: `Two workstations changed ${field} of the same ${shape.table} record: the later edit (${merge.workstationName(change.origin)}) was kept, the one from ${merge.workstationName(previous.origin)} set aside.`,
          details: { field, kept: { value, workstation: merge.workstationName(change.origin), at: change.hlc }, setAside: { value: state![field], workstation: merge.workstationName(previous.origin), at: previous.hlc } },
        });
      }
      state![field] = value;
      lastWriter.set(field, change);
    }
  }

  if (state && current) for (const column of Object.keys(current)) if (!(column in state)) state[column] = current[column];
  if (state && rules.derive) Object.assign(state, rules.derive(state));
  const changed = writeRow(sqlite, shape, where, keyValues, current ?? null, state, Boolean(current && rules.sealed?.(current)));
  if (changed) await rules.afterWrite?.(merge, state, history);
  return changed;
}

/** Whether `later` was written without its writer having seen `earlier` (different workstations, and the row's clock then was older). */
export function concurrent(later: LoggedChange, earlier: LoggedChange): boolean {
  return later.origin !== earlier.origin && (later.base ?? '') < earlier.hlc;
}

function setAsideSealed(merge: MergeContext, shape: TableShape, rowKey: string, state: Row, change: LoggedChange): void {
  const written = JSON.parse(change.data ?? '{}') as Row;
  const differing = Object.keys(written).filter((field) => state[field] !== written[field]);
  if (!differing.length) return;
  merge.conflict(shape.table, rowKey, {
    kind: 'signedChartEdit',
    key: `signedChartEdit:${shape.table}:${rowKey}:${change.origin}.${change.seq}`,
    summary: `An edit from ${merge.workstationName(change.origin)} reached a ${shape.table} record that was already signed; the signed version stands and the edit is set aside.`,
    details: { fields: differing, setAside: Object.fromEntries(differing.map((field) => [field, written[field]])), workstation: merge.workstationName(change.origin), at: change.hlc },
  });
}

/** Writes the settled state: insert, update of the columns that differ, or delete. */
function writeRow(sqlite: Sqlite, shape: TableShape, where: string, keyValues: unknown[], current: Row | null, state: Row | null, sealed: boolean): boolean {
  const table = quote(shape.table);
  if (!state) {
    if (!current) return false;
    cached(sqlite, `DELETE FROM ${table} WHERE ${where}`).run(...keyValues);
    return true;
  }
  if (!current) {
    const columns = Object.keys(state);
    cached(sqlite, `INSERT INTO ${table} (${columns.map(quote).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`).run(...columns.map((c) => state[c]));
    return true;
  }
  const differing = Object.keys(state).filter((column) => state[column] !== current[column]);
  if (!differing.length) return false;
  const update = () => cached(sqlite, `UPDATE ${table} SET ${differing.map((c) => `${quote(c)} = ?`).join(', ')} WHERE ${where}`).run(...differing.map((c) => state[c]), ...keyValues);
  if (sealed) withSealGuardLifted(sqlite, shape.table, update);
  else update();
  return true;
}

/**
 * A signed chart never changes, and its trigger refuses it; the one exception is sync settling a chart that two
 * workstations signed at the same time, where the first signature (by clock value) stands on every workstation.
 * The guard is lifted for that one statement, inside the import's transaction.
 */
function withSealGuardLifted(sqlite: Sqlite, table: string, write: () => void): void {
  const guards = sqlite.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = ? AND name LIKE '%_is_final'").all(table) as { name: string; sql: string }[];
  for (const guard of guards) sqlite.exec(`DROP TRIGGER ${quote(guard.name)}`);
  try {
    write();
  } finally {
    for (const guard of guards) sqlite.exec(guard.sql);
  }
}
