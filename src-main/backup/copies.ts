import type { BackupStatus } from '../../src-shared/contract/backup';
import { LumenError } from '../../src-shared/errors';
import { actorOf, type HandlerMap } from '../core/registry';
import type { Runtime } from '../core/runtime';
import { backupFolder, listBackups } from './files';
import { restoreBackup } from './restore';
import { runBackup } from './run';

function statusOf(runtime: Runtime): BackupStatus {
  const newest = listBackups(runtime).find((b) => b.kind !== 'safety');
  return { ...runtime.backup, lastBackupAt: newest?.createdAt ?? null, folder: backupFolder(runtime) };
}

export const copyHandlers: HandlerMap<'backup.status' | 'backup.run' | 'backup.list' | 'backup.restore'> = {
  'backup.status': (_input, { runtime }) => statusOf(runtime),

  // Returns at once: the copy runs in the background (outside the registry's queue) and backup.status shows progress.
  'backup.run': (_input, ctx) => {
    runBackup(ctx.runtime, { kind: 'manual', actor: actorOf(ctx.requireSession()) }).catch(() => {
      // Already recorded in runtime.backup.lastError (shown by backup.status) and in the log.
    });
    return statusOf(ctx.runtime);
  },

  'backup.list': (_input, { runtime }) => listBackups(runtime),

  // Only a file from the list, by name: a path from the client could point anywhere on disk.
  'backup.restore': async ({ file }, ctx) => {
    const backup = listBackups(ctx.runtime).find((b) => b.file === file);
    if (!backup) throw new LumenError('not_found', `There is no backup called ${file} in the backup folder.`);
    return restoreBackup(ctx.runtime, backup.path, actorOf(ctx.requireSession()));
  },
};
