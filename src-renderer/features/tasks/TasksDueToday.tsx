import { useCall, useInterval } from '../../lib/hooks';
import { navigate, useCan, useClinic } from '../../lib/store';
import { ErrorBox } from '../../lib/ui';
import { clinicToday } from '../scheduling/time';
import { TaskTable } from './TaskTable';

/** Today's "Tasks due today": mine and my role's, due today or overdue, completed inline. */
export function TasksDueToday() {
  const can = useCan();
  const { timeZone } = useClinic();
  const tasks = useCall('tasks.inbox', can('tasks.work') ? { scope: 'mineOrRole', status: 'open', dueBy: clinicToday(timeZone), limit: 50 } : null);
  useInterval(tasks.reload, 60_000, can('tasks.work'));
  if (!can('tasks.work')) return null;
  if (tasks.error !== undefined && !tasks.data) return <ErrorBox error={tasks.error} onRetry={tasks.reload} testId="today-tasks-error" />;
  const rows = tasks.data?.tasks ?? [];
  return (
    <section className="today-section" data-testid="today-tasks">
      <h2>
        Tasks due today{' '}
        {tasks.data && tasks.data.counts.overdue > 0 && <span className="owed">({tasks.data.counts.overdue} overdue)</span>}{' '}
        <button type="button" className="btn btn-small" onClick={() => navigate('/tasks')}>
          All tasks
        </button>
      </h2>
      {!tasks.data ? <p className="muted">Loading tasks…</p> : rows.length ? <TaskTable tasks={rows} showAssignee={false} keys={false} onChanged={tasks.reload} testId="today-task-list" /> : <p className="muted">No tasks due today.</p>}
    </section>
  );
}
