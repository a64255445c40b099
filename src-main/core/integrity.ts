import { problemsOf } from './db';
import { startSqliteWorker } from './sqlite-worker';

/** The worker's whole program: its own read-only connection, `PRAGMA quick_check`, the result lines posted back. */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.modulePath);
try {
  const sqlite = new Database(workerData.file, { readonly: true, fileMustExist: true, nativeBinding: workerData.nativeBinding });
  try {
    parentPort.postMessage({ results: sqlite.pragma('quick_check').map((row) => row.quick_check) });
  } finally {
    sqlite.close();
  }
} catch (error) {
  // SQLite's own words ("database disk image is malformed"): an Error thrown across threads loses its message.
  parentPort.postMessage({ failure: String(error && error.message || error) });
}
`;

export interface IntegrityCheck {
  /** What SQLite found (null when healthy); rejects with SQLite's message when it cannot read the file, or when stopped. */
  result: Promise<string | null>;
  /** Ends the check; resolves when its connection is closed (a running `quick_check` finishes first). */
  stop(): Promise<void>;
}

/**
 * `PRAGMA quick_check` of a database file in a worker thread: better-sqlite3 blocks the thread it runs on, and a
 * whole 1 GB file takes seconds to read, so the check gets its own thread and connection while calls keep flowing.
 */
export function startIntegrityCheck(file: string): IntegrityCheck {
  const worker = startSqliteWorker(WORKER_SOURCE, file);
  // Settled when the worker has exited, so its connection is closed by then and the main one can close last.
  const result = new Promise<string | null>((resolve, reject) => {
    let answer: { results: string[] } | { failure: string } | undefined;
    worker.once('message', (message: typeof answer) => (answer = message));
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (!answer) reject(new Error(`the check stopped before it finished (exit ${code})`));
      else if ('results' in answer) resolve(problemsOf(answer.results));
      else reject(new Error(answer.failure));
    });
  });
  return {
    result,
    stop: async () => {
      await worker.terminate();
    },
  };
}
