import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * A worker thread running `source` (CommonJS text) with `workerData.file`, `workerData.modulePath` (better-sqlite3 to
 * `require`), `workerData.nativeBinding` (pass it to the Database constructor) and what `data` adds. better-sqlite3 blocks the thread it
 * runs on, so long reads get a thread and a connection of their own. Passed as source text, so it runs the same under
 * tsx, vitest and Electron's bundle (none of which need a separate worker file to exist).
 */
export function startSqliteWorker(source: string, file: string, data: Record<string, unknown> = {}): Worker {
  return new Worker(source, {
    eval: true,
    workerData: {
      ...data,
      file,
      modulePath: createRequire(import.meta.url).resolve('better-sqlite3'),
      // Electron loads a copy of the native module built for its own ABI (see core/db.ts).
      nativeBinding: process.env.LUMEN_SQLITE_BINDING || undefined,
    },
  });
}
