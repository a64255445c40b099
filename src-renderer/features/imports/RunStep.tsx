import { useEffect, useRef, useState } from 'react';
import type { ImportProgress, Report } from '../../../src-shared/contract/imports';
import { client, errorMessage } from '../../lib/client';
import { useAction, useProgress } from '../../lib/hooks';
import { FormError, ProgressBar } from '../../lib/ui';
import { selection, type ImportChoices } from './choices';
import { ReportSummary } from './ReportSummary';

const phaseLabels: Record<ImportProgress['phase'], string> = { idle: 'Starting', reading: 'Reading the file', importing: 'Importing', rollingBack: 'Undoing the trial', committing: 'Saving' };

/**
 * Step 5: the dry run does the whole import and takes it back, so its report is exactly what the import will do;
 * then the import itself, one batch, with its progress read every quarter second while it runs.
 */
export function RunStep({ choices, onImported }: { choices: ImportChoices; onImported: (report: Report) => void }) {
  const [trial, setTrial] = useState<Report | null>(null);
  const running = useAction();
  const importButton = useRef<HTMLButtonElement>(null);
  // After the dry run, Enter imports.
  useEffect(() => {
    if (trial) importButton.current?.focus();
  }, [trial]);
  const input = (dryRun: boolean) => ({ ...selection(choices), dryRun, onMatch: choices.onMatch, decisions: choices.decisions });

  // The run waits in the registry's queue; progress is answered beside it.
  const progress = useProgress('imports.progress', running.busy, 250);
  const go = (dryRun: boolean) =>
    running.run(async () => {
      const report = await client.call('imports.run', input(dryRun));
      if (dryRun) setTrial(report);
      else onImported(report);
    });

  return (
    <div className="panel stack-page" data-testid="import-run-step">
      <p>
        The dry run imports everything and then takes it back: nothing is kept, and its report is exactly what the import will do. The import is one unit: all its rows or none, and it can be undone later.
      </p>
      <div className="actions actions-start">
        <button type="button" className="btn" disabled={running.busy} onClick={() => void go(true)} autoFocus data-testid="import-dry-run">
          Dry run
        </button>
        <button ref={importButton} type="button" className="btn btn-primary" disabled={running.busy || !trial} title={trial ? undefined : 'Do a dry run first'} onClick={() => void go(false)} data-testid="import-run">
          Import{trial ? ` ${trial.totals.create + trial.totals.match} rows` : ''}
        </button>
      </div>
      {running.busy && (
        <ProgressBar
          value={progress?.running ? progress.done : 0}
          max={progress?.running ? Math.max(progress.total, 1) : 1}
          label={progress?.running ? `${phaseLabels[progress.phase]} — ${progress.done.toLocaleString()} of ${progress.total.toLocaleString()} rows` : 'Starting'}
          testId="import-progress"
        />
      )}
      <FormError message={running.error !== undefined ? errorMessage(running.error) : undefined} />
      {trial && !running.busy && (
        <>
          <h2>Dry run</h2>
          <ReportSummary report={trial} testId="import-dry-report" />
        </>
      )}
    </div>
  );
}
