import { useState } from 'react';
import type { SyncProgress } from '../../../src-shared/contract/sync';
import { client } from '../../lib/client';
import { useInterval } from '../../lib/hooks';
import { ProgressBar, Spinner } from '../../lib/ui';

const phaseLabels: Record<SyncProgress['phase'], string> = {
  idle: 'Starting',
  reading: 'Reading the file',
  applying: 'Applying changes',
  writing: 'Writing the file',
};

/** Shown while an export, import or exchange runs: polls sync.progress every 300 ms. Mount it only while running. */
export function SyncProgressBar() {
  const [progress, setProgress] = useState<SyncProgress | null>(null);
  useInterval(() => void client.call('sync.progress', {}).then(setProgress, () => undefined), 300, true);
  if (!progress?.running || progress.total === 0) return <Spinner label={progress?.running ? phaseLabels[progress.phase] : 'Working…'} />;
  return (
    <ProgressBar
      value={progress.done}
      max={progress.total}
      label={`${phaseLabels[progress.phase]} (${progress.done.toLocaleString()} of ${progress.total.toLocaleString()})`}
      testId="sync-progress"
    />
  );
}
