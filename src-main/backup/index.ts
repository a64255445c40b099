export { backupHandlers } from './handlers';
export { backupJob } from './job';
export { listBackups } from './files';
export { restoreBackup } from './restore';
export { runBackup } from './run';
