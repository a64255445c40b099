import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type DerivedTables, startSnapshotRebuild } from '../../../src-main/core/snapshot-rebuild';
import { localDate } from '../../../src-shared/time';

let folder: string;
let file: string;
let sqlite: BetterSqlite3.Database;

beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'lumen-snapshot-'));
  file = join(folder, 'test.sqlite3');
  sqlite = new BetterSqlite3(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.exec(`CREATE TABLE visit (id INTEGER PRIMARY KEY, startsAt TEXT NOT NULL, zone TEXT NOT NULL, cents INTEGER NOT NULL);
    CREATE TABLE visitDay (visitId INTEGER PRIMARY KEY, localDate TEXT NOT NULL, clinicDate TEXT NOT NULL) STRICT;
    CREATE INDEX visitDay_clinicDate ON visitDay(clinicDate);
    CREATE TABLE dayTotal (clinicDate TEXT PRIMARY KEY, cents INTEGER NOT NULL) STRICT, WITHOUT ROWID;
    CREATE TABLE note (text TEXT NOT NULL);`);
});

afterEach(() => {
  sqlite.close();
  rmSync(folder, { recursive: true, force: true });
});

/** Each visit's local date in its own zone and in the clinic's; the clinic's day totals, read from those rows. */
const visitDays: DerivedTables = {
  tables: ['visitDay', 'dayTotal'],
  indexes: new Set(),
  sql: `
  DELETE FROM visitDay;
  DROP INDEX IF EXISTS visitDay_clinicDate;
  INSERT INTO visitDay SELECT id, lumen_local_date(startsAt, zone), lumen_local_date(startsAt, (SELECT timeZone FROM clinic)) FROM visit;
  CREATE INDEX visitDay_clinicDate ON visitDay(clinicDate);
  DELETE FROM dayTotal;
  INSERT INTO dayTotal SELECT d.clinicDate, sum(v.cents) FROM visitDay d JOIN visit v ON v.id = d.visitId GROUP BY d.clinicDate;`,
};

// Whole, half and three-quarter hour offsets; DST changes of an hour and of half an hour, north and south.
const ZONES = ['America/New_York', 'Europe/London', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'America/St_Johns', 'Pacific/Chatham', 'UTC'];

/** Every half hour (and the millisecond before it) of the months with DST changes in 2026, in every zone. */
function addVisits(): void {
  const insert = sqlite.prepare('INSERT INTO visit (startsAt, zone, cents) VALUES (?, ?, ?)');
  sqlite.transaction(() => {
    for (const zone of ZONES)
      for (const year of [2026])
        for (const month of [2, 3, 8, 9, 10])
          for (let at = Date.UTC(year, month, 1); at < Date.UTC(year, month + 1, 1); at += 1_800_000) {
            insert.run(new Date(at).toISOString(), zone, 100);
            insert.run(new Date(at - 1).toISOString(), zone, 1);
          }
  })();
}

describe('snapshot rebuild thread', () => {
  it('works the rows out from what was committed, while this connection writes, then puts them in at once', async () => {
    addVisits();
    sqlite.exec("INSERT INTO visitDay VALUES (999999, 'stale', 'stale')");
    const rebuild = startSnapshotRebuild(file, [visitDays], 'America/New_York');
    // This connection holds the write lock until the rows are worked out: the rebuild needs none, and does not see
    // what is written meanwhile.
    sqlite.exec('BEGIN IMMEDIATE');
    sqlite.exec("INSERT INTO note (text) VALUES ('written meanwhile')");
    const late = sqlite.prepare("INSERT INTO visit (startsAt, zone, cents) VALUES ('2026-03-08T12:00:00.000Z', 'UTC', 5000)").run().lastInsertRowid;
    await rebuild.computed;
    sqlite.exec('COMMIT');
    await rebuild.write();

    const visits = sqlite.prepare('SELECT id, startsAt, zone, cents FROM visit WHERE id <> ?').all(late) as { id: number; startsAt: string; zone: string; cents: number }[];
    const expected = visits.map((v) => [v.id, localDate(v.startsAt, v.zone), localDate(v.startsAt, 'America/New_York')]);
    expect(sqlite.prepare('SELECT visitId, localDate, clinicDate FROM visitDay ORDER BY visitId').raw().all()).toEqual(expected);
    const totals = new Map<string, number>();
    for (const v of visits) totals.set(localDate(v.startsAt, 'America/New_York'), (totals.get(localDate(v.startsAt, 'America/New_York')) ?? 0) + v.cents);
    expect(sqlite.prepare('SELECT clinicDate, cents FROM dayTotal ORDER BY clinicDate').raw().all()).toEqual([...totals].sort(([a], [b]) => a.localeCompare(b)));
    // The file's own index is still there (the SQL dropped and made the copy's), and so is what was written meanwhile.
    expect(sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'visitDay'").pluck().all()).toEqual(['visitDay_clinicDate']);
    expect(sqlite.prepare('SELECT text FROM note').pluck().all()).toEqual(['written meanwhile']);
  });

  it('writes nothing when the rebuild fails, and says why in SQLite’s words', async () => {
    sqlite.exec("INSERT INTO visit (startsAt, zone, cents) VALUES ('2026-03-08T12:00:00.000Z', 'UTC', 100); INSERT INTO visitDay VALUES (1, 'kept', 'kept')");
    const broken = startSnapshotRebuild(file, [visitDays, { ...visitDays, sql: 'UPDATE dayTotal SET cents = missingColumn', tables: [] }], 'UTC');
    await expect(broken.computed).rejects.toThrow('no such column: missingColumn');
    await expect(broken.write()).rejects.toThrow('no such column: missingColumn');
    const unlisted = startSnapshotRebuild(file, [{ ...visitDays, tables: ['visitDay', 'dayTotals'] }], 'UTC');
    await expect(unlisted.write()).rejects.toThrow('a table to rebuild is missing from ["visitDay","dayTotals"]');
    expect(sqlite.prepare('SELECT * FROM visitDay').raw().all()).toEqual([[1, 'kept', 'kept']]);
    expect(sqlite.prepare('SELECT count(*) FROM dayTotal').pluck().get()).toBe(0);
  });
});
