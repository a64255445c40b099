import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { migrations } from '../../db/migrations/index';
import type { Database } from './schema';
import { registerFunctions } from './sql-functions';

export type Sqlite = BetterSqlite3.Database;
export type Db = Kysely<Database>;

export const DATABASE_FILE = 'lumen.sqlite3';
export const SCHEMA_VERSION = migrations.length;

export class DatabaseTooNewError extends Error {
  constructor(found: number) {
    super(
      `This clinic database was written by a newer version of Lumen (schema ${found}; this version understands up to ${SCHEMA_VERSION}). ` +
        'Install the newer Lumen to open it; nothing was changed.',
    );
  }
}

/** What a connection that writes sets first (the main one, and a bulk writer's thread). */
export const WRITER_PRAGMAS = [
  'journal_mode = WAL',
  'synchronous = FULL',
  // The registry checkpoints when the desk is quiet; this is the safety net for one that never is (~40 MB of log).
  'wal_autocheckpoint = 10000',
];
export const CONNECTION_PRAGMAS = ['foreign_keys = ON', 'busy_timeout = 5000', 'cache_size = -65536', 'temp_store = MEMORY'];

/**
 * Opens (creating if needed) and migrates the clinic database.
 * `synchronous = FULL`: in WAL mode NORMAL may lose the last commits on power loss; a clinic cannot lose a
 * payment it printed a receipt for, and FULL costs one fsync per write transaction, which desk work never notices.
 */
export async function openDatabase(file: string, { readonly = false } = {}): Promise<{ sqlite: Sqlite; db: Db }> {
  const sqlite = new BetterSqlite3(file, {
    readonly,
    fileMustExist: readonly,
    // Electron loads a copy of the native module built for its own ABI (see README, "Electron and native modules").
    nativeBinding: process.env.LUMEN_SQLITE_BINDING || undefined,
  });
  try {
    registerFunctions(sqlite);
    for (const pragma of readonly ? CONNECTION_PRAGMAS : [...WRITER_PRAGMAS, ...CONNECTION_PRAGMAS]) sqlite.pragma(pragma);
    // Kysely prepares every query anew; keeping the statements saves ~2 ms of a five-line checkout (its p95 budget is 5 ms).
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: { prepare: (text) => cached(sqlite, text), close: () => sqlite.close() } }) });
    if (!readonly) await migrate(sqlite, db);
    return { sqlite, db };
  } catch (error) {
    sqlite.close();
    throw error;
  }
}

export function schemaVersion(sqlite: Sqlite): number {
  return sqlite.pragma('user_version', { simple: true }) as number;
}

/** Applies pending migrations, each in its own transaction; refuses a database from a newer Lumen. */
export async function migrate(sqlite: Sqlite, db: Db): Promise<number> {
  const current = schemaVersion(sqlite);
  if (current > SCHEMA_VERSION) throw new DatabaseTooNewError(current);
  for (let i = current; i < migrations.length; i++) {
    // SQLite's way to rebuild a table others point at: foreign keys off (outside the transaction), checked before commit.
    const checked = migrations[i].foreignKeysOff ?? [];
    const keysOff = checked.length > 0;
    if (keysOff) sqlite.pragma('foreign_keys = OFF');
    sqlite.exec('BEGIN IMMEDIATE');
    try {
      await migrations[i].up({ db: db as unknown as Kysely<unknown>, exec: (text) => sqlite.exec(text) });
      const broken = checked.find((table) => (sqlite.pragma(`foreign_key_check(${table})`) as unknown[]).length);
      if (broken) throw new Error(`foreign keys of ${broken} no longer match`);
      sqlite.pragma(`user_version = ${i + 1}`);
      sqlite.exec('COMMIT');
    } catch (error) {
      sqlite.exec('ROLLBACK');
      throw new Error(`Migration ${migrations[i].name} failed; the database is unchanged at version ${i}: ${(error as Error).message}`, { cause: error });
    } finally {
      if (keysOff) sqlite.pragma('foreign_keys = ON');
    }
  }
  return SCHEMA_VERSION - current;
}

/** `PRAGMA quick_check`: null when healthy, else what SQLite found. */
export function quickCheck(sqlite: Sqlite): string | null {
  return problemsOf((sqlite.pragma('quick_check') as { quick_check: string }[]).map((row) => row.quick_check));
}

/** The lines of a `quick_check` result: null when it says "ok", else the first few problems. */
export function problemsOf(results: string[]): string | null {
  const problems = results.filter((result) => result !== 'ok');
  return problems.length ? problems.slice(0, 5).join('; ') : null;
}

/** SQLite has no booleans: flags are stored as 0 or 1. */
export const flag = (value: boolean): 0 | 1 => (value ? 1 : 0);

const statementCache = new WeakMap<Sqlite, Map<string, BetterSqlite3.Statement>>();
/** Queries built with a varying number of rows or values each have their own text: the cache starts over past this. */
const MAX_CACHED_STATEMENTS = 2000;

/** A prepared statement kept for the life of the connection: every Kysely query and the hot paths' raw SQL. */
export function cached(sqlite: Sqlite, sql: string): BetterSqlite3.Statement {
  let statements = statementCache.get(sqlite);
  if (!statements || statements.size >= MAX_CACHED_STATEMENTS) statementCache.set(sqlite, (statements = new Map()));
  let statement = statements.get(sql);
  if (!statement) statements.set(sql, (statement = sqlite.prepare(sql)));
  return statement;
}

/**
 * Drops a projection's triggers (name → body) for a bulk writer, and returns the function that puts them back; the
 * writer then rebuilds the projection once instead of recomputing it on every one of a million inserts.
 */
export function setAsideTriggers(sqlite: Sqlite, triggers: Record<string, string>): () => void {
  for (const name of Object.keys(triggers)) sqlite.exec(`DROP TRIGGER IF EXISTS ${name}`);
  return () => {
    for (const [name, body] of Object.entries(triggers)) sqlite.exec(`CREATE TRIGGER IF NOT EXISTS ${name} ${body}`);
  };
}
