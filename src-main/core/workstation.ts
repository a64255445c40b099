import { createHash, randomBytes, randomInt, randomUUID } from 'node:crypto';
import { realpathSync, statSync } from 'node:fs';
import { hostname } from 'node:os';
import { cached, type Sqlite } from './db';
import { formatHlc, type Hlc, laterHlc, nextHlc, parseHlc } from './hlc';

/**
 * Rows a workstation creates take ids from its own range, number·2^33 + 1 … (number + 1)·2^33 − 1, so two
 * workstations working offline never make the same id, and ids stay the same integers everywhere (no translation
 * in change files, audit entries or URLs). 2^20 workstations × 2^33 rows each stays within JavaScript's safe integers.
 */
export const ID_RANGE = 2 ** 33;
export const MAX_WORKSTATIONS = 2 ** 20;

export interface Identity {
  id: string;
  number: number;
  name: string;
  seriesPrefix: string;
  clinicUid: string;
  clinicKey: Buffer;
  sharedFolder: string;
  /** False when this file was copied or restored: it must take a new identity before anything is written. */
  bound: boolean;
}

/** How the temp table `syncNow` steers the capture triggers (sync/capture.ts) of this connection. */
export type CaptureMode = 'capture' | 'off' | 'refuse';

export const firstIdOf = (workstationNumber: number): number => workstationNumber * ID_RANGE + 1;
export const lastIdOf = (workstationNumber: number): number => (workstationNumber + 1) * ID_RANGE - 1;
export const workstationNumberOfId = (id: number): number => Math.floor(id / ID_RANGE);

/**
 * Where this database file lives: computer, path and file (inode). A copy onto another computer, a copy beside it
 * and a restore (which writes a new file) all change it.
 */
export function bindingOf(dbFile: string): string {
  const stat = statSync(dbFile, { bigint: true });
  return createHash('sha256').update(JSON.stringify([hostname(), realpathSync(dbFile), String(stat.ino), String(stat.dev)])).digest('hex');
}

interface IdentityRow {
  id: string;
  number: number;
  name: string;
  seriesPrefix: string;
  clinicUid: string;
  clinicKey: string;
  sharedFolder: string;
  binding: string;
}

export function readIdentity(sqlite: Sqlite, dbFile: string): Identity | null {
  const row = sqlite
    .prepare(
      `SELECT w.id, w.number, w.name, w.seriesPrefix, t.clinicUid, t.clinicKey, t.sharedFolder, t.binding
       FROM thisWorkstation t JOIN workstation w ON w.id = t.workstationId`,
    )
    .get() as IdentityRow | undefined;
  if (!row) return null;
  const binding = bindingOf(dbFile);
  // A clinic from before workstations existed is bound where it is first opened.
  if (row.binding === '') sqlite.prepare('UPDATE thisWorkstation SET binding = ?').run(binding);
  return { ...row, clinicKey: Buffer.from(row.clinicKey, 'hex'), bound: row.binding === '' || row.binding === binding };
}

/** A number no workstation this database knows has: random, so two workstations naming newcomers offline practically never pick the same. */
export function freeWorkstationNumber(sqlite: Sqlite): number {
  const taken = new Set((sqlite.prepare('SELECT number FROM workstation').pluck().all() as number[]));
  for (;;) {
    const candidate = randomInt(1, MAX_WORKSTATIONS);
    if (!taken.has(candidate)) return candidate;
  }
}

export interface NewIdentity {
  number: number;
  name: string;
  seriesPrefix: string;
  at: Date;
  dbFile: string;
}

/**
 * Makes this database a workstation: its row in `workstation` and the local `thisWorkstation` row. The clinic's uid
 * and key are made with the first workstation and kept by every copy. The caller has switched capture to the new
 * number (`WorkstationClock.become`), so a later workstation's first change is its own row: that is how the
 * others learn its name.
 */
export function writeIdentity(sqlite: Sqlite, identity: NewIdentity): void {
  const id = randomUUID();
  sqlite
    .prepare('INSERT INTO workstation (id, number, name, seriesPrefix, createdAt) VALUES (?, ?, ?, ?, ?)')
    .run(id, identity.number, identity.name, identity.seriesPrefix, identity.at.toISOString());
  const existing = sqlite.prepare('SELECT clinicUid, clinicKey, sharedFolder FROM thisWorkstation').get() as { clinicUid: string; clinicKey: string; sharedFolder: string } | undefined;
  sqlite.prepare('DELETE FROM thisWorkstation').run();
  sqlite
    .prepare('INSERT INTO thisWorkstation (id, workstationId, binding, clinicUid, clinicKey, sharedFolder) VALUES (1, ?, ?, ?, ?, ?)')
    .run(id, bindingOf(identity.dbFile), existing?.clinicUid ?? randomUUID(), existing?.clinicKey ?? randomBytes(32).toString('hex'), existing?.sharedFolder ?? '');
}

/**
 * This connection's side of sync: the temp table the capture triggers read (which workstation writes, its id range,
 * the transaction's clock value, and whether to capture), the hybrid clock, and id allocation.
 */
export class WorkstationClock {
  private last: Hlc | null;

  constructor(
    private readonly sqlite: Sqlite,
    readonly identity: Identity | null,
  ) {
    const latest = sqlite.prepare('SELECT max(hlc) FROM syncChange').pluck().get() as string | null;
    this.last = latest ? parseHlc(latest) : null;
    sqlite.exec('CREATE TEMP TABLE IF NOT EXISTS syncNow (origin INTEGER, first INTEGER, last INTEGER, hlc TEXT, mode TEXT NOT NULL)');
    sqlite.exec('DELETE FROM temp.syncNow');
    const mode: CaptureMode = !identity ? 'off' : identity.bound ? 'capture' : 'refuse';
    const number = identity?.number ?? null;
    sqlite
      .prepare('INSERT INTO temp.syncNow (origin, first, last, hlc, mode) VALUES (?, ?, ?, ?, ?)')
      .run(number, number === null ? null : firstIdOf(number), number === null ? null : lastIdOf(number), latest, mode);
  }

  /** Stamps the write transaction that is starting with the next clock value (one per transaction). */
  stamp(now: Date): string | null {
    if (!this.identity) return null;
    this.last = nextHlc(this.last, now.getTime(), this.identity.number);
    const text = formatHlc(this.last);
    cached(this.sqlite, STAMP_SQL).run(text);
    return text;
  }

  /** A received clock value: later local events must sort after it. */
  receive(hlc: Hlc): void {
    this.last = laterHlc(this.last, hlc);
  }

  get latest(): Hlc | null {
    return this.last;
  }

  /** Captures what follows as workstation `number` (a new identity being written), stamped with the next clock value. */
  become(number: number, now: Date, mode: CaptureMode): void {
    cached(this.sqlite, 'UPDATE temp.syncNow SET origin = ?, first = ?, last = ?, mode = ?').run(number, firstIdOf(number), lastIdOf(number), mode);
    this.last = nextHlc(this.last, now.getTime(), number);
    cached(this.sqlite, STAMP_SQL).run(formatHlc(this.last));
  }

  /** Turns capture off for the rest of this connection's current work (the demo generator, applying a change file) and back on. */
  setMode(mode: CaptureMode): void {
    cached(this.sqlite, 'UPDATE temp.syncNow SET mode = ?').run(mode);
  }
}

/**
 * The next id of `table` in this workstation's range. Every insert into a synced table with an integer id takes
 * one (the capture trigger refuses an id outside the range): SQLite's own choice, the largest id + 1, would fall
 * into the range of whichever workstation wrote the largest.
 */
/** The clock value this connection's changes are captured with (set at the start of every write call). */
export const STAMP_SQL = 'UPDATE temp.syncNow SET hlc = ?';
export const ID_RANGE_SQL = 'SELECT first, last FROM temp.syncNow';
/** The greatest id of a table within a workstation's range (parameters: its first and last id). */
export const maxIdSql = (table: string) => `SELECT max(id) FROM "${table}" WHERE id BETWEEN ? AND ?`;

export function newId(sqlite: Sqlite, table: string): number {
  const range = cached(sqlite, ID_RANGE_SQL).get() as { first: number | null; last: number | null } | undefined;
  if (range?.first == null || range.last == null) throw new Error('This database has no workstation identity yet');
  const max = cached(sqlite, maxIdSql(table)).pluck().get(range.first, range.last) as number | null;
  return max === null ? range.first : max + 1;
}
