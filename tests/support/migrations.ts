import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrations } from '../../db/migrations/index';
import type { Db } from '../../src-main/core/db';
import { registerFunctions } from '../../src-main/core/sql-functions';

/**
 * A database file migrated up to (not including) the named migration, as a clinic from before it is: `migrate(sqlite,
 * db)` then runs the rest. Its folder is added to `folders`, for the test to remove.
 */
export async function migratedUpTo(name: string, folders: string[]): Promise<{ sqlite: BetterSqlite3.Database; db: Db }> {
  const folder = mkdtempSync(join(tmpdir(), 'lumen-migration-'));
  folders.push(folder);
  const sqlite = new BetterSqlite3(join(folder, 'lumen.sqlite3'));
  registerFunctions(sqlite);
  sqlite.pragma('foreign_keys = ON');
  const db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: sqlite }) });
  const at = migrations.findIndex((m) => m.name === name);
  if (at < 0) throw new Error(`There is no migration ${name}.`);
  for (const migration of migrations.slice(0, at)) await migration.up({ db, exec: (text) => sqlite.exec(text) });
  sqlite.pragma(`user_version = ${at}`);
  return { sqlite, db: db as unknown as Db };
}
