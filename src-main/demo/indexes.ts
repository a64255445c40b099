import type { Sqlite } from '../core/db';

/**
 * Sets indexes aside while the demo writes years of rows, and returns what builds them again. Building an index once
 * over a finished table is a sort; keeping it through a million inserts in random key order costs many times that.
 * Only for indexes nothing reads while the rows are written. `where` picks them from sqlite_master (`name`, `tbl_name`).
 */
export function setAsideIndexes(sqlite: Sqlite, where: string): () => void {
  const indexes = sqlite.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND (${where})`).all() as { name: string; sql: string }[];
  for (const index of indexes) sqlite.exec(`DROP INDEX ${index.name}`);
  return () => {
    for (const index of indexes) sqlite.exec(index.sql);
  };
}
