import type { HandlerMap } from '../core/registry';
import type { Job } from '../core/scheduler';
import { conflictHandlers } from './conflicts';
import { exchangeWithSharedFolder } from './exchange';
import { fileHandlers } from './files';
import { workstationHandlers } from './workstations';

export { installCapture, removeCapture } from './capture';
export { becomeNewWorkstation, freeSeriesPrefix } from './workstations';

/** Workstations and sync: identity, change files by hand and through a shared folder, conflicts to review. */
export const syncHandlers: HandlerMap<keyof typeof workstationHandlers | keyof typeof fileHandlers | keyof typeof conflictHandlers> = {
  ...workstationHandlers,
  ...fileHandlers,
  ...conflictHandlers,
};

const EVERY_MINUTE_MS = 60_000;

/**
 * Exchanges change files with the shared folder every minute. It runs in the registry's queue (`exclusive`): an
 * import holds one transaction across its batches, which no call may join.
 */
export function sharedFolderJob(exclusive: <T>(fn: () => Promise<T>) => Promise<T>): Job {
  return {
    name: 'sync',
    label: 'Exchange changes with the shared folder',
    nextRunAfter: (after) => new Date(after.getTime() + EVERY_MINUTE_MS),
    async run(runtime) {
      if (!runtime.workstation?.identity?.sharedFolder) return 'No shared folder is set.';
      const { exported, imported, refused } = await exclusive(() => exchangeWithSharedFolder(runtime));
      const applied = imported.reduce((sum, file) => sum + file.applied, 0);
      const outcome = `Wrote ${exported} changes; applied ${applied} from ${imported.length} files`;
      if (refused.length) throw new Error(`${outcome}; refused ${refused.length}: ${refused.join('; ')}`);
      return outcome;
    },
  };
}
export { canonicalDump } from './dump';
export { clockWarningOf } from './exchange';
export { applyChangeFile, exchangeWithSharedFolder, exportChanges, exportChangesAudited } from './exchange';
