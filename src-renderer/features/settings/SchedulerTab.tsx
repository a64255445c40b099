import { useState } from 'react';
import { client, errorMessage } from '../../lib/client';
import { formatInstant } from '../../lib/format';
import { useCall } from '../../lib/hooks';
import { useCan, useClinic } from '../../lib/store';
import { Async, Badge, Empty, FormError } from '../../lib/ui';

export function SchedulerTab() {
  const can = useCan();
  const { timeZone } = useClinic();
  const manage = can('settings.manage');
  const state = useCall('scheduler.jobs', {});
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string>();

  const act = async (name: string, fn: () => Promise<unknown>) => {
    setBusy(name);
    setError(undefined);
    try {
      await fn();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(null);
      state.reload();
    }
  };

  return (
    <div className="panel" data-testid="scheduler">
      <Async state={state}>
        {(jobs) =>
          jobs.length ? (
            <table className="table">
              <thead>
                <tr>
                  <th>Job</th>
                  <th>Last run</th>
                  <th>Outcome</th>
                  <th>Next run</th>
                  <th>Enabled</th>
                  {manage && <th />}
                </tr>
              </thead>
              <tbody>
                {jobs.map((j) => (
                  <tr key={j.name} data-testid={`job-${j.name}`}>
                    <td>{j.label}</td>
                    <td>{formatInstant(j.lastRunAt, timeZone)}</td>
                    <td>
                      {j.running ? <Badge kind="warn">Running</Badge> : j.lastOutcome === 'ok' ? <Badge kind="ok">OK</Badge> : j.lastOutcome === 'failed' ? <Badge kind="alert">Failed</Badge> : <span className="muted">—</span>}
                      {j.lastMessage && <div className="muted small">{j.lastMessage}</div>}
                    </td>
                    <td>{j.enabled ? formatInstant(j.nextRunAt, timeZone) : <span className="muted">off</span>}</td>
                    <td>
                      <input
                        type="checkbox"
                        checked={j.enabled}
                        disabled={!manage || busy !== null}
                        aria-label={`Enable ${j.label}`}
                        data-testid={`job-enabled-${j.name}`}
                        onChange={(e) => act(j.name, () => client.call('scheduler.setEnabled', { name: j.name, enabled: e.target.checked }))}
                      />
                    </td>
                    {manage && (
                      <td>
                        <button type="button" className="btn btn-small" disabled={busy !== null || j.running} onClick={() => act(j.name, () => client.call('scheduler.runNow', { name: j.name }))} data-testid={`job-run-${j.name}`}>
                          {busy === j.name ? 'Running…' : 'Run now'}
                        </button>
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <Empty>No background jobs.</Empty>
          )
        }
      </Async>
      <FormError message={error} />
    </div>
  );
}
