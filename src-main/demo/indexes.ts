import type { Sqlite } from '../core/db';

/**
 * Sets indexes aside while the demo writes years of rows, and returns what builds them again. Building an index once
 * over a finished table is a sort; keeping it through a million inserts in random key order costs many times that.
 * Only for indexes nothing reads while the rows are written. `where` picks them from sqlite_master (`name`, `tbl_name`);
 * building them again takes those `which` picks of the ones left (all of them when omitted) and reports each one
 * built (the demo's progress bar: tens of seconds for the sales' tables).
 */
export function setAsideIndexes(sqlite: Sqlite, where: string): (which?: (name: string) => boolean, onBuilt?: (built: number, of: number) => void) => void {
  const indexes = sqlite.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND (${where})`).all() as { name: string; sql: string }[];
  for (const index of indexes) sqlite.exec(`DROP INDEX ${index.name}`);
  const left = new Set(indexes);
  return (which = () => true, onBuilt) => {
    for (const index of left) {
      if (!which(index.name)) continue;
      sqlite.exec(index.sql);
      left.delete(index);
      onBuilt?.(indexes.length - left.size, indexes.length);
    }
  };
}
