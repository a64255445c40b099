import type { conflictKinds } from '../../src-shared/contract/sync';
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
  kind: (typeof conflictKinds)[number];
  /** The same on every workstation that finds it, so it is listed once. */
  key: string;
  summary: string;
  details: unknown;
}

/** What a table needs beyond field-by-field merging (sync/rules.ts). */
export interface RowRules {
  /** Columns computed from the row where it lands (the policy's `derived`). */
  derive?(row: Row): Row;
  /**
   * A row in this state takes no later change but to `sealed.stillChanging` (a signed chart; an issued invoice, whose
   * status may still move): later writes to other fields are set aside and listed.
   */
  sealed?: { when(row: Row): boolean; stillChanging?: readonly string[]; word: string };
  /** After the row was written (`changed`: the columns written) or removed here: search words, and the checks that list conflicts. */
  afterWrite?(merge: MergeContext, row: Row | null, history: LoggedChange[], changed: string[]): Promise<void>;
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
    let written = JSON.parse(change.data ?? '{}') as Row;
    if (state && rules.sealed?.when(state)) written = setAsideSealed(merge, shape, rowKey, state, change, written, rules.sealed);
    const before = state;
    if (change.op === 'insert') state = { ...keyRow };
    for (const [field, value] of Object.entries(written)) {
      if (!fields.has(field)) continue; // a column this version does not have, or one kept local
      const previous = lastWriter.get(field);
      if (shape.policy.sync === 'fields' && shape.policy.clinical && previous && concurrent(change, previous) && before?.[field] !== value) {
        merge.conflict(shape.table, rowKey, {
          kind: 'clinicalEdit',
          key: `clinicalEdit:${shape.table}:${rowKey}:${field}:${previous.origin}.${previous.seq}`,
          summary: `Two workstations changed ${field} of the same ${shape.table} record: the later edit (${merge.workstationName(change.origin)}) was kept, the one from ${merge.workstationName(previous.origin)} set aside.`,
          details: { field, kept: { value, workstation: merge.workstationName(change.origin), at: change.hlc }, setAside: { value: before?.[field], workstation: merge.workstationName(previous.origin), at: previous.hlc } },
        });
      }
      state![field] = value;
      lastWriter.set(field, change);
    }
  }

  if (state && current) for (const column of Object.keys(current)) if (!(column in state)) state[column] = current[column];
  if (state && rules.derive) Object.assign(state, rules.derive(state));
  const write = () => writeRow(sqlite, shape, where, keyValues, current ?? null, state);
  const changed = state ? withDuplicatesRenamed(merge, shape, rowKey, state, write) : write();
  if (changed) await rules.afterWrite?.(merge, state, history, changed);
  return changed !== null;
}

/** Whether `later` was written without its writer having seen `earlier` (different workstations, and the row's clock then was older). */
export function concurrent(later: LoggedChange, earlier: LoggedChange): boolean {
  return later.origin !== earlier.origin && (later.base ?? '') < earlier.hlc;
}

/** Splits a write reaching a sealed row: what may still change goes on, the rest is set aside and listed. */
function setAsideSealed(merge: MergeContext, shape: TableShape, rowKey: string, state: Row, change: LoggedChange, written: Row, sealed: NonNullable<RowRules['sealed']>): Row {
  const stillChanging = new Set(sealed.stillChanging ?? []);
  const kept = Object.fromEntries(Object.entries(written).filter(([field]) => stillChanging.has(field)));
  const differing = Object.keys(written).filter((field) => !stillChanging.has(field) && state[field] !== written[field]);
  if (differing.length) {
    merge.conflict(shape.table, rowKey, {
      kind: 'sealedEdit',
      key: `sealedEdit:${shape.table}:${rowKey}:${change.origin}.${change.seq}`,
      summary: `An edit from ${merge.workstationName(change.origin)} reached a ${shape.table} record that was already ${sealed.word}; the ${sealed.word} version stands and the edit is set aside.`,
      details: { fields: differing, setAside: Object.fromEntries(differing.map((field) => [field, written[field]])), workstation: merge.workstationName(change.origin), at: change.hlc },
    });
  }
  return kept;
}

/** Writes the settled state (insert, update of the columns that differ, or delete); returns the columns written, null when nothing was. */
function writeRow(sqlite: Sqlite, shape: TableShape, where: string, keyValues: unknown[], current: Row | null, state: Row | null): string[] | null {
  const table = quote(shape.table);
  if (!state) {
    if (!current) return null;
    cached(sqlite, `DELETE FROM ${table} WHERE ${where}`).run(...keyValues);
    return Object.keys(current);
  }
  if (!current) {
    const columns = Object.keys(state);
    cached(sqlite, `INSERT INTO ${table} (${columns.map(quote).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`).run(...columns.map((c) => state[c]));
    return columns;
  }
  const differing = Object.keys(state).filter((column) => state[column] !== current[column]);
  if (!differing.length) return null;
  cached(sqlite, `UPDATE ${table} SET ${differing.map((c) => `${quote(c)} = ?`).join(', ')} WHERE ${where}`).run(...differing.map((c) => state[c]), ...keyValues);
  return differing;
}

const UNIQUE_FAILED = /UNIQUE constraint failed: (.+)$/;

/**
 * Two workstations that each create a tag (a room, a category, a username…) with the same name offline: both rows
 * stay, and the one created later (by clock value) gets the name of the workstation that made it added, on every
 * workstation alike, and is listed for a person to merge or rename. A key-only clash (two workstations with one
 * number) cannot be settled this way, and refuses the whole file.
 */
function withDuplicatesRenamed(merge: MergeContext, shape: TableShape, rowKey: string, state: Row, write: () => string[] | null): string[] | null {
  for (let attempt = 0; ; attempt++) {
    try {
      return write();
    } catch (error) {
      const columns = UNIQUE_FAILED.exec(error instanceof Error ? error.message : '')?.[1].split(', ').map((name) => name.slice(name.indexOf('.') + 1));
      const renamed = columns?.filter((column) => typeof state[column] === 'string').at(-1);
      if (!columns || !renamed || attempt > 2) throw error;
      const where = columns.map((column) => `${quote(column)} = ?`).join(' AND ');
      const holder = merge.sqlite.prepare(`SELECT ${shape.key.map(quote).join(', ')} FROM ${quote(shape.table)} WHERE ${where}`).raw(true).get(...columns.map((c) => state[c])) as unknown[];
      const holderKey = JSON.stringify(holder);
      const [later, laterKey] = createdAt(merge.sqlite, shape.table, rowKey) > createdAt(merge.sqlite, shape.table, holderKey) ? [state, rowKey] : [null, holderKey];
      const origin = originOf(merge.sqlite, shape.table, laterKey);
      const original = String(state[renamed]);
      const newName = `${original} (${merge.workstationName(origin)})`;
      if (later) state[renamed] = newName;
      else merge.sqlite.prepare(`UPDATE ${quote(shape.table)} SET ${quote(renamed)} = ? WHERE ${shape.key.map((c) => `${quote(c)} = ?`).join(' AND ')}`).run(newName, ...holder);
      merge.conflict(shape.table, laterKey, {
        kind: 'duplicateName',
        key: `duplicateName:${shape.table}:${laterKey}:${renamed}`,
        summary: `Two workstations each added a ${shape.table} called "${original}"; the one from ${merge.workstationName(origin)} is now "${newName}". Merge or rename them.`,
        details: { table: shape.table, column: renamed, renamedRow: JSON.parse(laterKey), keptRow: JSON.parse(laterKey === rowKey ? holderKey : rowKey), newName },
      });
    }
  }
}

/** When a row was created, by the clock value of its insert; a row from before sync began sorts first. */
function createdAt(sqlite: Sqlite, table: string, rowKey: string): string {
  return `${(cached(sqlite, "SELECT min(hlc) FROM syncChange WHERE tbl = ? AND pk = ? AND op = 'insert'").pluck().get(table, rowKey) as string | null) ?? ''}\u0000${rowKey}`;
}

function originOf(sqlite: Sqlite, table: string, rowKey: string): number {
  return (cached(sqlite, "SELECT origin FROM syncChange WHERE tbl = ? AND pk = ? AND op = 'insert' ORDER BY hlc LIMIT 1").pluck().get(table, rowKey) as number | undefined) ?? 0;
}
