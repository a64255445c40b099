import { client } from '../../lib/client';
import { useAction, useCall } from '../../lib/hooks';
import { formatInstant } from '../../lib/format';
import { useClinic } from '../../lib/store';
import { ErrorBox } from '../../lib/ui';

/** Which workstation creates the rule tasks (one, so no task is made twice), its last run, and "run now". */
export function RunPanel({ onRan }: { onRan: () => void }) {
  const { timeZone } = useClinic();
  const settings = useCall('tasks.settings', {});
  const act = useAction();
  const s = settings.data;
  if (!s) return settings.error !== undefined ? <ErrorBox error={settings.error} onRetry={settings.reload} /> : null;
  const here = s.runsOn?.id === s.thisWorkstationId;
  return (
    <div className="panel" data-testid="task-run-panel">
      <p>
        Tasks are created every hour on{' '}
        <select
          value={s.runsOn?.id ?? ''}
          aria-label="Workstation that creates the tasks"
          disabled={act.busy}
          onChange={(e) => void act.run(() => client.call('tasks.saveSettings', { runsOnWorkstationId: e.target.value }).then(settings.reload))}
        >
          {s.workstations.map((w) => (
            <option key={w.id} value={w.id}>
              {w.name}
              {w.id === s.thisWorkstationId ? ' (this one)' : ''}
            </option>
          ))}
        </select>
        {s.lastRun ? ` · last run ${formatInstant(s.lastRun.ranAt, timeZone)} on ${s.lastRun.workstationName}, ${s.lastRun.created} new` : ' · not run yet'}
        {here && (
          <button type="button" className="btn btn-small" disabled={act.busy} onClick={() => void act.run(() => client.call('tasks.runRules', {}).then(settings.reload).then(onRan))} data-testid="task-run-now">
            Run now
          </button>
        )}
      </p>
      {act.error !== undefined && <ErrorBox error={act.error} />}
    </div>
  );
}
