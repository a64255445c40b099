import type { ImportProgress } from '../../src-shared/contract/imports';
import type { Runtime } from '../core/runtime';

/** Progress of the import running on each open clinic, read by `imports.progress` beside the running call. */
const progressOf = new WeakMap<Runtime, ImportProgress>();
const IDLE: ImportProgress = { running: false, phase: 'idle', fileName: null, done: 0, total: 0 };

export function importProgress(runtime: Runtime): ImportProgress {
  return { ...(progressOf.get(runtime) ?? IDLE) };
}

export function setImportProgress(runtime: Runtime, progress: Partial<ImportProgress>): void {
  progressOf.set(runtime, { ...(progressOf.get(runtime) ?? IDLE), ...progress });
}

export function endImportProgress(runtime: Runtime): void {
  progressOf.set(runtime, IDLE);
}

/** How many rows pass between two turns of the event loop, so a progress call is answered while an import runs. */
export const ROWS_PER_TURN = 1_000;

export const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));
