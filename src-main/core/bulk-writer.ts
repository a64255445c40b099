import { CONNECTION_PRAGMAS, WRITER_PRAGMAS } from './db';
import { startSqliteWorker } from './sqlite-worker';

/**
 * The worker's whole program: a read-write connection set up like the main one, the statements it is given, and each
 * batch of rows run in one transaction. A batch is one flat array (statement, count of values, the values…), which
 * crosses threads far cheaper than an array per row. Every message is answered, so the sender knows what is written.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.modulePath);
const statements = [];
let sqlite;
parentPort.on('message', (message) => {
  try {
    if (!sqlite) {
      sqlite = new Database(workerData.file, { fileMustExist: true, nativeBinding: workerData.nativeBinding });
      for (const pragma of workerData.pragmas) sqlite.pragma(pragma);
    }
    if (message.prepare !== undefined) statements.push(sqlite.prepare(message.prepare));
    else if (message.exec !== undefined) sqlite.exec(message.exec);
    else {
      const rows = message.rows;
      sqlite.transaction(() => {
        for (let i = 0; i < rows.length; ) {
          const count = rows[i + 1];
          statements[rows[i]].run(rows.slice(i + 2, i + 2 + count));
          i += 2 + count;
        }
      })();
    }
    parentPort.postMessage({ done: true });
  } catch (error) {
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
  /** Runs SQL in the writer thread (after everything sent before it), as when indexes are built on finished tables. */
  exec(sql: string): void;
  /** Resolves once everything sent is written; rejects with the writer's error (SQLite's message) if any failed. */
  drained(): Promise<void>;
  /** Ends the thread (a batch being written is rolled back); resolves when its connection is closed. */
  close(): Promise<void>;
}

/** Batches the writer may be behind before `commit` waits. */
const BATCHES_AHEAD = 2;

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
  /** Messages sent and not yet answered. */
  let unanswered = 0;
  let failure: Error | null = null;
  let waiters: { behind: number; resolve(): void; reject(error: Error): void }[] = [];
  const settle = () => {
    waiters = waiters.filter((waiter) => {
      if (failure) waiter.reject(failure);
      else if (unanswered <= waiter.behind) waiter.resolve();
      else return true;
      return false;
    });
  };
  const fail = (error: Error) => {
    failure ??= error;
    settle();
  };
  worker.on('message', (message: { done: true } | { failure: string }) => {
    unanswered--;
    if ('failure' in message) fail(new Error(message.failure));
    else settle();
  });
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`the writer thread stopped (exit ${code})`)));
  const send = (message: object) => {
    if (failure) throw failure;
    unanswered++;
    worker.postMessage(message);
  };
  const caughtUp = (behind: number) =>
    failure ? Promise.reject(failure) : unanswered <= behind ? Promise.resolve() : new Promise<void>((resolve, reject) => waiters.push({ behind, resolve, reject }));
  return {
    prepare(sql) {
      send({ prepare: sql });
      const index = statements++;
      return {
        run(...values) {
          rows.push(index, values.length, ...values);
        },
      };
    },
    async commit() {
      if (rows.length) send({ rows });
      rows = [];
      return caughtUp(BATCHES_AHEAD);
    },
    exec: (sql) => send({ exec: sql }),
    drained: () => caughtUp(0),
    async close() {
      await worker.terminate();
    },
  };
}
