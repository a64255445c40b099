import { CONNECTION_PRAGMAS, WRITER_PRAGMAS } from './db';
import { startSqliteWorker } from './sqlite-worker';

/**
 * The worker's whole program: a connection that runs the rebuild against what is committed, with TEMP copies of the
 * tables it writes (and their indexes) and a TEMP `clinic` holding the zone. SQLite looks an unqualified name up in
 * TEMP before the file, so the same SQL writes the copies, and writing TEMP takes no lock on the file. When told to,
 * it replaces the tables' rows in the file with the copies' in one transaction.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.modulePath);
const { file, nativeBinding, sql, tables, timeZone, pragmas } = workerData;

// lumen_local_date as src-main/core/sql-functions.ts defines it, which a worker cannot import (it runs source text):
// the zone's offset in whole minutes from Intl (as @date-fns/tz reads it), looked up once per UTC day unless it
// changes that day.
const DAY_MS = 86400000;
const offsetFormats = new Map();
function offsetMinutes(zone, ms) {
  let format = offsetFormats.get(zone);
  if (!format) offsetFormats.set(zone, (format = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' })));
  // "GMT-05:00", or "GMT" for UTC itself.
  const offset = /GMT([+-])(\\d\\d):(\\d\\d)/.exec(format.format(ms));
  return offset ? (offset[1] === '-' ? -1 : 1) * (Number(offset[2]) * 60 + Number(offset[3])) : 0;
}
const dayOffsets = new Map();
function localDate(instant, zone) {
  const ms = Date.parse(instant);
  const day = Math.floor(ms / DAY_MS);
  const key = zone + '|' + day;
  let offset = dayOffsets.get(key);
  if (offset === undefined) {
    const atStart = offsetMinutes(zone, day * DAY_MS);
    offset = atStart === offsetMinutes(zone, (day + 1) * DAY_MS - 1) ? atStart : null;
    dayOffsets.set(key, offset);
  }
  return new Date(ms + (offset === null ? offsetMinutes(zone, ms) : offset) * 60000).toISOString().slice(0, 10);
}

// SQLite's own words: an Error thrown across threads loses its message.
const fail = (error) => parentPort.postMessage({ failure: String((error && error.message) || error) });

let sqlite;
try {
  sqlite = new Database(file, { fileMustExist: true, nativeBinding });
  for (const pragma of pragmas) sqlite.pragma(pragma);
  sqlite.function('lumen_local_date', { deterministic: true }, (instant, zone) =>
    typeof instant === 'string' ? localDate(instant, typeof zone === 'string' && zone ? zone : 'UTC') : null,
  );
  const schema = sqlite
    .prepare("SELECT type, sql FROM sqlite_master WHERE tbl_name IN (SELECT value FROM json_each(?)) AND type IN ('table', 'index') AND sql IS NOT NULL ORDER BY type DESC")
    .all(JSON.stringify(tables));
  if (schema.filter((entry) => entry.type === 'table').length !== tables.length) throw new Error('a table to rebuild is missing from ' + JSON.stringify(tables));
  // Tables first (ORDER BY type DESC); an index that names no schema goes with its table, the TEMP copy.
  for (const entry of schema) sqlite.exec(entry.type === 'table' ? entry.sql.replace(/^CREATE TABLE/, 'CREATE TEMP TABLE') : entry.sql);
  sqlite.exec('CREATE TEMP TABLE clinic (timeZone TEXT NOT NULL)');
  sqlite.prepare('INSERT INTO temp.clinic (timeZone) VALUES (?)').run(timeZone);
  sqlite.transaction(() => sqlite.exec(sql))();
  parentPort.postMessage({ computed: true });
} catch (error) {
  fail(error);
}

parentPort.once('message', () => {
  try {
    sqlite
      .transaction(() => {
        for (const table of tables) sqlite.exec('DELETE FROM main.' + table + '; INSERT INTO main.' + table + ' SELECT * FROM temp.' + table);
      })
      .immediate();
    sqlite.close();
    parentPort.postMessage({ written: true });
  } catch (error) {
    fail(error);
  }
});
`;

/** SQL that recomputes derived tables (a projection) from the rest of the database, and what it reads. */
export interface DerivedTables {
  sql: string;
  /** Every table the SQL writes: one left out would be written in the file, holding its write lock until the rebuild ends. */
  tables: readonly string[];
  /** The indexes its plans read (EXPLAIN QUERY PLAN): a bulk writer that set indexes aside builds these before starting it. */
  indexes: ReadonlySet<string>;
}

export interface SnapshotRebuild {
  /** Settles when the rows are worked out (rejects with SQLite's message if that failed). */
  computed: Promise<void>;
  /**
   * Once computed, replaces the tables' rows in the file with the rebuild's in one transaction of the thread's
   * connection: this one must not be in a transaction. Rejects with SQLite's message if either failed (nothing is
   * then written). The thread ends either way.
   */
  write(): Promise<void>;
  /** Ends the thread (a rebuild or write under way is rolled back); resolves when its connection is closed. */
  close(): Promise<void>;
}

/**
 * Rebuilds derived tables in a worker thread from what is committed when it starts, while this connection goes on
 * writing other tables: for a bulk writer (the demo clinic) whose projections take tens of seconds of one core after
 * the rows they derive from are written. What this connection commits meanwhile must not change the rebuild's inputs.
 * `(SELECT timeZone FROM clinic)` reads `timeZone`, so a rebuild can run before the clinic row is written.
 */
export function startSnapshotRebuild(file: string, rebuilds: readonly DerivedTables[], timeZone: string): SnapshotRebuild {
  const worker = startSqliteWorker(WORKER_SOURCE, file, {
    sql: rebuilds.map((rebuild) => rebuild.sql).join(';\n'),
    tables: rebuilds.flatMap((rebuild) => rebuild.tables),
    timeZone,
    pragmas: [...WRITER_PRAGMAS, ...CONNECTION_PRAGMAS],
  });
  const nextAnswer = () => {
    const answer = new Promise<void>((resolve, reject) => {
      worker.once('message', (message: { failure?: string }) => (message.failure === undefined ? resolve() : reject(new Error(message.failure))));
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`the rebuild thread stopped (exit ${code})`)));
    });
    // Awaited later, maybe much later: a failure before then is not an unhandled rejection.
    answer.catch(() => {});
    return answer;
  };
  const computed = nextAnswer();
  return {
    computed,
    async write() {
      try {
        await computed;
        const written = nextAnswer();
        worker.postMessage('write');
        await written;
      } finally {
        await worker.terminate();
      }
    },
    async close() {
      await worker.terminate();
    },
  };
}
