import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type BulkWriter, startBulkWriter } from '../../../src-main/core/bulk-writer';

let folder: string;
let reader: BetterSqlite3.Database;
let writer: BulkWriter;

beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'lumen-bulk-'));
  reader = new BetterSqlite3(join(folder, 'test.sqlite3'));
  reader.pragma('journal_mode = WAL');
  reader.exec(`CREATE TABLE visit (id INTEGER PRIMARY KEY, patient TEXT NOT NULL, cents INTEGER NOT NULL CHECK (cents >= 0));
    CREATE TABLE note (visitId INTEGER NOT NULL REFERENCES visit(id), text TEXT NOT NULL)`);
  writer = startBulkWriter(join(folder, 'test.sqlite3'));
});

afterEach(async () => {
  await writer.close();
  reader.close();
  rmSync(folder, { recursive: true, force: true });
});

const visits = () => reader.prepare('SELECT id, patient, cents FROM visit ORDER BY id').raw().all();

describe('bulk writer thread', () => {
  it('writes the rows in the order they were run, one transaction per commit, readable once drained', async () => {
    const insertVisit = writer.prepare('INSERT INTO visit (id, patient, cents) VALUES (?, ?, ?)');
    const insertNote = writer.prepare('INSERT INTO note (visitId, text) VALUES (?, ?)');
    insertVisit.run(1, 'Ada', 12_000);
    insertNote.run(1, 'Numbing cream first');
    await writer.commit();
    insertVisit.run(2, 'Grace', 0);
    const addCents = writer.prepare('UPDATE visit SET cents = cents + ? WHERE id = ?');
    addCents.run(500, 1);
    await writer.commit();
    await writer.drained();
    expect(visits()).toEqual([[1, 'Ada', 12_500], [2, 'Grace', 0]]);
    expect(reader.prepare('SELECT visitId, text FROM note').raw().all()).toEqual([[1, 'Numbing cream first']]);
  });

  it('leaves out the whole batch SQLite refuses a row of (however large), says why, and takes nothing more', async () => {
    const insertVisit = writer.prepare('INSERT INTO visit (id, patient, cents) VALUES (?, ?, ?)');
    insertVisit.run(1, 'Ada', 100);
    await writer.commit();
    // Sent on in parts as it grows (tens of thousands of values), and still one transaction.
    for (let id = 2; id <= 10_000; id++) insertVisit.run(id, `Patient ${id}`, id);
    insertVisit.run(10_001, 'Edith', -1);
    await writer.commit().catch(() => {});
    await expect(writer.drained()).rejects.toThrow(/CHECK constraint failed/);
    expect(visits()).toEqual([[1, 'Ada', 100]]);
    insertVisit.run(4, 'Mary', 300);
    await expect(writer.commit()).rejects.toThrow(/CHECK constraint failed/);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(visits()).toEqual([[1, 'Ada', 100]]);
  });

  it('checks foreign keys as the app connection does', async () => {
    writer.prepare('INSERT INTO note (visitId, text) VALUES (?, ?)').run(99, 'no such visit');
    await writer.commit().catch(() => {});
    await expect(writer.drained()).rejects.toThrow(/FOREIGN KEY constraint failed/);
    expect(reader.prepare('SELECT count(*) FROM note').pluck().get()).toBe(0);
  });
});
