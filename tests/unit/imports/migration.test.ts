import type BetterSqlite3 from 'better-sqlite3';
import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../src-main/core/db';
import { migratedUpTo } from '../../support/migrations';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

const importSchema = (sqlite: BetterSqlite3.Database) =>
  sqlite.prepare("SELECT type, name, sql FROM sqlite_schema WHERE tbl_name IN ('importBatch', 'importMapping') AND type IN ('index', 'trigger') ORDER BY type, name").all();

describe('the import tables rebuilt for the sales kind', () => {
  it('keeps the batches, their rows, journals and mappings, and every index, and accepts sales batches', async () => {
    const { sqlite, db } = await migratedUpTo('0026_import_sales', folders);
    sqlite.exec(`
      INSERT INTO importBatch VALUES (7, 'patients', 'clients.csv', 'abc', '[]', '{}', 1, 0, 0, 0, '2026-01-01T00:00:00.000Z', NULL, NULL, NULL);
      INSERT INTO importRow VALUES (1, 7, 2, 'patients:id:C1', 'C1', 'create', NULL, NULL, '[]', '[]');
      INSERT INTO importChange VALUES (1, 7, 'tag', '{"id":1}', NULL);
      INSERT INTO importMapping VALUES (3, 'Mindbody', 'patients', '{"Client ID":"legacyId"}', '2026-01-01T00:00:00.000Z', NULL);`);
    const schemaBefore = importSchema(sqlite);

    await migrate(sqlite, db);
    expect(sqlite.prepare('SELECT id, kind, fileName FROM importBatch').all()).toEqual([{ id: 7, kind: 'patients', fileName: 'clients.csv' }]);
    expect(sqlite.prepare('SELECT count(*) AS n FROM importRow JOIN importChange USING (batchId)').get()).toEqual({ n: 1 });
    expect(sqlite.prepare('SELECT name FROM importMapping').pluck().all()).toEqual(['Mindbody']);
    expect(importSchema(sqlite)).toEqual(schemaBefore);
    expect(sqlite.pragma('foreign_key_check')).toEqual([]);
    sqlite.exec("INSERT INTO importBatch VALUES (8, 'sales', 'sales.csv', 'def', '[]', '{}', 0, 1, 0, 0, '2026-01-02T00:00:00.000Z', NULL, NULL, NULL)");
    expect(() => sqlite.exec("INSERT INTO importMapping VALUES (4, 'Old', 'invoices', '{}', '2026-01-01T00:00:00.000Z', NULL)")).toThrow(/CHECK/);
    sqlite.close();
  });
});
