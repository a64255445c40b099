import { useEffect, useRef, useState } from 'react';
import type { BackupFile } from '../../../src-shared/contract/backup';
import { client, errorMessage } from '../../lib/client';
import { formatBytes, formatInstant } from '../../lib/format';
import { useCall, useInterval } from '../../lib/hooks';
import { useCan, useClinic } from '../../lib/store';
import { Async, Badge, ConfirmDialog, Empty, FormError, ProgressBar } from '../../lib/ui';

/** Back up now with progress, the backups on disk, and Restore for those allowed. Also shown in recovery mode. */
export function BackupPanel() {
  const can = useCan();
  const { timeZone } = useClinic();
  const status = useCall('backup.status', {});
  const list = useCall('backup.list', {});
  const [restoring, setRestoring] = useState<BackupFile | null>(null);
  const [error, setError] = useState<string>();
  const running = status.data?.running ?? false;

  useInterval(status.reload, 700, running);
  // Refresh the list whenever a backup has finished, even one too quick for the progress poll to see running.
  const lastBackupAt = status.data?.lastBackupAt ?? null;
  const seen = useRef(lastBackupAt);
  const reloadList = list.reload;
  useEffect(() => {
    if (!running && lastBackupAt !== seen.current) reloadList();
    if (!running) seen.current = lastBackupAt;
  }, [running, lastBackupAt, reloadList]);

  const run = async () => {
    setError(undefined);
    try {
      await client.call('backup.run', {});
    } catch (e) {
      setError(errorMessage(e));
    }
    status.reload();
    reloadList();
  };

  return (
    <div className="panel" data-testid="backup">
      <Async state={status}>
        {(s) => (
          <div className="backup-status">
            <p>
              Last backup: <strong>{s.lastBackupAt ? formatInstant(s.lastBackupAt, timeZone) : 'never'}</strong>
              <span className="muted"> · to {s.folder}</span>
            </p>
            {s.lastError && <div className="banner banner-alert">Last backup failed: {s.lastError}</div>}
            {s.running ? (
              <ProgressBar value={s.percent} max={100} label="Backing up" testId="backup-progress" />
            ) : (
              <button type="button" className="btn btn-primary" onClick={run} data-testid="backup-run">
                Back up now
              </button>
            )}
          </div>
        )}
      </Async>
      <FormError message={error} />
      <h2>Backups</h2>
      <Async state={list}>
        {(files) =>
          files.length ? (
            <table className="table" data-testid="backup-list">
              <thead>
                <tr>
                  <th>When</th>
                  <th>Kind</th>
                  <th className="num">Size</th>
                  <th>File</th>
                  {can('backup.restore') && <th />}
                </tr>
              </thead>
              <tbody>
                {files.map((f) => (
                  <tr key={f.file} data-testid="backup-row">
                    <td>{formatInstant(f.createdAt, timeZone)}</td>
                    <td>
                      <Badge kind={f.kind === 'safety' ? 'warn' : 'neutral'}>{f.kind}</Badge>
                    </td>
                    <td className="num">{formatBytes(f.sizeBytes)}</td>
                    <td className="muted small">{f.file}</td>
                    {can('backup.restore') && (
                      <td>
                        <button type="button" className="btn btn-small" onClick={() => setRestoring(f)} disabled={running} data-testid="backup-restore">
                          Restore…
                        </button>
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <Empty>No backups yet.</Empty>
          )
        }
      </Async>
      {restoring && (
        <ConfirmDialog
          title="Restore this backup?"
          confirmLabel="Restore"
          danger
          testId="restore-dialog"
          onClose={() => setRestoring(null)}
          onConfirm={async () => {
            await client.call('backup.restore', { file: restoring.file });
            // Everything on screen came from the replaced database: start over.
            window.location.reload();
          }}
        >
          <p>
            The clinic’s data will be replaced by the backup from <strong>{formatInstant(restoring.createdAt, timeZone)}</strong>. Changes made since then are lost, but Lumen keeps the current data as a safety copy first.
          </p>
        </ConfirmDialog>
      )}
    </div>
  );
}
