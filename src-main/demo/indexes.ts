import type { Sqlite } from '../core/db';

/**
 * Sets indexes aside while the demo writes years of rows, and returns what builds them again. Building an index once
 * over a finished table is a sort; keeping it through a million inserts in random key order costs many times that.
 * Only for indexes nothing reads while the rows are written. `where` picks them from sqlite_master (`name`, `tbl_name`);
 * building them again reports each one built (the demo's progress bar: tens of seconds for the sales' tables).
 */
export function setAsideIndexes(sqlite: Sqlite, where: string): (onBuilt?: (built: number, of: number) => void) => void {
  const indexes = sqlite.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND (${where})`).all() as { name: string; sql: string }[];
  for (const index of indexes) sqlite.exec(`DROP INDEX ${index.name}`);
  return (onBuilt) => {
    indexes.forEach((index, i) => {
      sqlite.exec(index.sql);
      onBuilt?.(i + 1, indexes.length);
    });
  };
}
