import { CONNECTION_PRAGMAS, WRITER_PRAGMAS } from './db';
import { startSqliteWorker } from './sqlite-worker';

/**
 * The worker's whole program: a read-write connection set up like the main one, the statements it is given, and the
 * rows of each batch run in one transaction, committed with its last part. Rows come as flat arrays (statement, count
 * of values, the values…), which cross threads far cheaper than an array per row. Every message is answered.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.modulePath);
const statements = [];
let sqlite;
let failed = false;
parentPort.on('message', (message) => {
  // After a failure nothing more is written: rows sent meanwhile belong to the transaction that was rolled back.
  if (failed) return;
  try {
    if (!sqlite) {
      sqlite = new Database(workerData.file, { fileMustExist: true, nativeBinding: workerData.nativeBinding });
      for (const pragma of workerData.pragmas) sqlite.pragma(pragma);
    }
    if (message.prepare !== undefined) statements.push(sqlite.prepare(message.prepare));
    else {
      if (!sqlite.inTransaction) sqlite.exec('BEGIN');
      const rows = message.rows;
      for (let i = 0; i < rows.length; ) {
        const count = rows[i + 1];
        statements[rows[i]].run(rows.slice(i + 2, i + 2 + count));
        i += 2 + count;
      }
      if (message.commit) sqlite.exec('COMMIT');
    }
    parentPort.postMessage({ done: true });
  } catch (error) {
    failed = true;
    if (sqlite && sqlite.inTransaction) sqlite.exec('ROLLBACK');
    // SQLite's own words: an Error thrown across threads loses its message.
    parentPort.postMessage({ failure: String((error && error.message) || error) });
  }
});
`;

type SqlValue = string | number | bigint | Buffer | null;

/** A statement whose runs are queued for the writer thread: nothing is returned (no row id, no changes). */
export interface BulkStatement {
  run(...values: SqlValue[]): void;
}

export interface BulkWriter {
  prepare(sql: string): BulkStatement;
  /**
   * Sends the rows queued since the last commit, to be written in one transaction. Resolves once the writer is at most
   * a couple of batches behind, so the sender cannot run ahead with gigabytes of rows in memory.
   */
  commit(): Promise<void>;
  /** Resolves once everything sent is written; rejects with the writer's error (SQLite's message) if any failed. */
  drained(): Promise<void>;
  /** Ends the thread (a batch being written is rolled back); resolves when its connection is closed. */
  close(): Promise<void>;
}

/** Batches the writer may be behind before `commit` waits. */
const BATCHES_AHEAD = 2;
/**
 * Values queued before they are sent on, ahead of the batch's commit: a batch's rows held until its end outlive the
 * young generation's collections and cost the sender full ones (a 30-day batch of the demo is megabytes of charts).
 */
const PART_VALUES = 16_384;

/**
 * Rows written by a second thread with its own connection to `file`, in the order they are sent: for a bulk writer
 * (the demo clinic) whose JavaScript and SQLite's inserts then each take a core. better-sqlite3 blocks the thread it
 * runs on, and SQLite has one writer, so while this one writes, the main connection only reads (WAL: what is
 * committed) and must not write.
 */
export function startBulkWriter(file: string): BulkWriter {
  const worker = startSqliteWorker(WORKER_SOURCE, file, { pragmas: [...WRITER_PRAGMAS, ...CONNECTION_PRAGMAS] });
  let rows: unknown[] = [];
  let statements = 0;
  /** Whether each message sent and not yet answered ends a batch (answers come in order). */
  const unanswered: boolean[] = [];
  let failure: Error | null = null;
  let waiters: { behind: number; resolve(): void; reject(error: Error): void }[] = [];
  /** Everything answered (behind = 0), or at most `behind` batches unanswered. */
  const isCaughtUp = (behind: number) => (behind === 0 ? unanswered.length === 0 : unanswered.filter(Boolean).length <= behind);
  const settle = () => {
    waiters = waiters.filter((waiter) => {
      if (failure) waiter.reject(failure);
      else if (isCaughtUp(waiter.behind)) waiter.resolve();
      else return true;
      return false;
    });
  };
  const fail = (error: Error) => {
    failure ??= error;
    settle();
  };
  worker.on('message', (message: { done: true } | { failure: string }) => {
    unanswered.shift();
    if ('failure' in message) fail(new Error(message.failure));
    else settle();
  });
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`the writer thread stopped (exit ${code})`)));
  const send = (message: object, endsBatch = false) => {
    if (failure) throw failure;
    unanswered.push(endsBatch);
    worker.postMessage(message);
  };
  const caughtUp = (behind: number) =>
    failure ? Promise.reject(failure) : isCaughtUp(behind) ? Promise.resolve() : new Promise<void>((resolve, reject) => waiters.push({ behind, resolve, reject }));
  return {
    prepare(sql) {
      send({ prepare: sql });
      const index = statements++;
      return {
        run(...values) {
          rows.push(index, values.length, ...values);
          if (rows.length >= PART_VALUES) {
            send({ rows });
            rows = [];
          }
        },
      };
    },
    async commit() {
      send({ rows, commit: true }, true);
      rows = [];
      return caughtUp(BATCHES_AHEAD);
    },
    drained: () => caughtUp(0),
    async close() {
      await worker.terminate();
    },
  };
}
