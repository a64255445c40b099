import { useState } from 'react';
import type { ClinicArchive } from '../../../src-shared/contract/exports';
import { client, errorMessage } from '../../lib/client';
import { formatBytes } from '../../lib/format';
import { useAction, useProgress } from '../../lib/hooks';
import { FormError, ProgressBar } from '../../lib/ui';

/**
 * "Export whole clinic": every table as CSV with a manifest and the photos, in one .zip written into the data
 * folder (too large to hand to the browser: the answer is where it is). Progress is read twice a second meanwhile.
 */
export function ClinicExport() {
  const [archive, setArchive] = useState<ClinicArchive | null>(null);
  const exporting = useAction();
  const progress = useProgress('exports.progress', exporting.busy, 500);
  const run = () =>
    exporting.run(async () => {
      setArchive(null);
      setArchive(await client.call('exports.clinic', {}));
    });

  return (
    <div className="panel stack-page" data-testid="export-clinic">
      <h2>Whole clinic</h2>
      <p>
        One .zip file another system can read: every table as a CSV file (UTF-8, money in minor units, times in UTC), a manifest with row counts and checksums, and the photos. Passwords and other secrets are left out.
      </p>
      <div className="actions actions-start">
        <button type="button" className="btn btn-primary" disabled={exporting.busy} onClick={() => void run()} data-testid="export-clinic-run">
          Export whole clinic
        </button>
      </div>
      {exporting.busy && (
        <ProgressBar
          value={progress?.running ? progress.tablesDone : 0}
          max={progress?.running ? Math.max(progress.tablesTotal, 1) : 1}
          label={progress?.running && progress.step ? `Writing ${progress.step} (${progress.rows.toLocaleString()} rows so far)` : 'Starting'}
          testId="export-clinic-progress"
        />
      )}
      <FormError message={exporting.error !== undefined ? errorMessage(exporting.error) : undefined} />
      {archive && (
        <div className="banner banner-ok" data-testid="export-clinic-done">
          <span>
            Saved <strong>{archive.fileName}</strong> ({formatBytes(archive.bytes)}): {archive.tables.length} tables, {archive.rows.toLocaleString()} rows, {archive.photos} photos, {archive.seconds < 1 ? 'in under a second' : `in ${Math.round(archive.seconds)} s`}.
          </span>
          <span className="muted small" data-testid="export-clinic-path">
            {archive.path}
          </span>
          <button type="button" className="btn btn-small" onClick={() => void navigator.clipboard?.writeText(archive.path)}>
            Copy the path
          </button>
        </div>
      )}
      {archive && archive.omitted.length > 0 && (
        <details>
          <summary>Left out of the archive ({archive.omitted.length})</summary>
          <ul className="plain-list">
            {archive.omitted.map((o) => (
              <li key={`${o.table}.${o.column ?? ''}`}>
                {o.column ? `${o.table}.${o.column}` : o.table}: {o.reason}
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
