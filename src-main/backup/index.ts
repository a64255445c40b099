import type { HandlerMap } from '../core/registry';
import { copyHandlers } from './copies';

export { listBackups } from './files';
export { backupJob } from './job';
export { restoreBackup } from './restore';
export { runBackup } from './run';

/** Backups: the nightly job, "Back up now", the list of copies and restoring one. */
export const backupHandlers: HandlerMap<keyof typeof copyHandlers> = { ...copyHandlers };
