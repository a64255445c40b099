import { startSqliteWorker } from '../core/sqlite-worker';

/** One table to write: the SELECT that gives each row's CSV line, the header line, and the file to write it to. */
export interface TableJob {
  table: string;
  sql: string;
  header: string;
  path: string;
}

export interface TableFile {
  table: string;
  rows: number;
  bytes: number;
  sha256: string;
}

/**
 * The worker's whole program: a read-only connection in one read transaction, then for each job its rows' CSV lines
 * into the file in 256 KB writes, hashed as they go, with the rows counted back for the progress bar.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const { closeSync, openSync, writeSync } = require('node:fs');
const Database = require(workerData.modulePath);
const CHUNK_CHARS = 256 * 1024;
let sqlite;
const failed = (error) => parentPort.postMessage({ failure: String((error && error.message) || error) });
try {
  sqlite = new Database(workerData.file, { readonly: true, fileMustExist: true, nativeBinding: workerData.nativeBinding });
  sqlite.exec('BEGIN');
} catch (error) {
  failed(error);
}
parentPort.on('message', (job) => {
  let fd;
  try {
    fd = openSync(job.path, 'wx');
    const hash = createHash('sha256');
    let bytes = 0;
    let rows = 0;
    let reported = 0;
    const flush = (text) => {
      const chunk = Buffer.from(text, 'utf8');
      hash.update(chunk);
      for (let offset = 0; offset < chunk.length; ) offset += writeSync(fd, chunk, offset);
      bytes += chunk.length;
      parentPort.postMessage({ rows: rows - reported });
      reported = rows;
    };
    let text = job.header;
    for (const line of sqlite.prepare(job.sql).pluck().iterate()) {
      text += line + '\\r\\n';
      rows++;
      if (text.length >= CHUNK_CHARS) {
        flush(text);
        text = '';
      }
    }
    flush(text);
    parentPort.postMessage({ done: { table: job.table, rows, bytes, sha256: hash.digest('hex') } });
  } catch (error) {
    failed(error);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
});
`;

type WorkerMessage = { rows: number } | { done: TableFile } | { failure: string };

/** What the writers tell as they go, for the progress bar and for the files to be taken on at once. */
export interface TableEvents {
  started(table: string): void;
  rows(count: number): void;
  finished(file: TableFile): void;
}

export interface TableWriters {
  /** Writes the jobs in their order, each to the first free worker; resolves once every file is written. */
  writeAll(jobs: TableJob[], events: TableEvents): Promise<void>;
  /** Ends the workers (a job being written is stopped); resolves when their connections are closed. */
  close(): Promise<void>;
}

/**
 * `count` worker threads, each with a read-only connection of its own: reading the demo clinic's 8.6 million rows as
 * CSV is about 35 s of one core, so the tables are shared out.
 * Each worker's connection reads in its own transaction; they see one state because the caller holds the clinic's
 * write lock for the whole export (the export call is a write call; `export-clinic` takes it too).
 */
export function startTableWriters(file: string, count: number): TableWriters {
  const workers = Array.from({ length: count }, () => startSqliteWorker(WORKER_SOURCE, file));
  return {
    writeAll: (jobs, events) =>
      new Promise<void>((resolve, reject) => {
        const queue = [...jobs];
        let unfinished = jobs.length;
        let stopped = false;
        const fail = (error: Error) => {
          stopped = true;
          reject(error);
        };
        if (unfinished === 0) return resolve();
        for (const worker of workers) {
          const next = () => {
            const job = queue.shift();
            if (!job) return;
            worker.postMessage(job);
            events.started(job.table);
          };
          worker.on('message', (message: WorkerMessage) => {
            if (stopped) return;
            if ('failure' in message) return fail(new Error(message.failure));
            if ('rows' in message) return events.rows(message.rows);
            events.finished(message.done);
            if (--unfinished === 0) return resolve();
            next();
          });
          worker.on('error', fail);
          worker.on('exit', (code) => {
            if (!stopped && unfinished > 0) fail(new Error(`a table writer stopped before it finished (exit ${code})`));
          });
          next();
        }
      }),
    close: async () => {
      await Promise.all(workers.map((worker) => worker.terminate()));
    },
  };
}
