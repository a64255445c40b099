import { useState } from 'react';
import { taskScopes } from '../../../src-shared/contract/tasks';
import { useCall, useInterval } from '../../lib/hooks';
import { useCan } from '../../lib/store';
import { Async, Empty } from '../../lib/ui';
import { NewTaskDialog } from './NewTaskDialog';
import { TaskTable } from './TaskTable';

const scopeLabels: Record<(typeof taskScopes)[number], string> = { mineOrRole: 'Mine and my role’s', mine: 'Assigned to me', role: 'My role’s', all: 'Everyone’s' };

/** The task inbox: whose (mine, my role's, everyone's for a manager) and open (overdue first) or done. */
export function InboxTab() {
  const can = useCan();
  const [scope, setScope] = useState<(typeof taskScopes)[number]>('mineOrRole');
  const [status, setStatus] = useState<'open' | 'done'>('open');
  const [adding, setAdding] = useState(false);
  const inbox = useCall('tasks.inbox', { scope, status });
  useInterval(inbox.reload, 60_000, true);
  const scopes = taskScopes.filter((s) => s !== 'all' || can('tasks.manage'));
  return (
    <div className="panel" data-testid="task-inbox">
      <div className="actions actions-start">
        <select value={scope} onChange={(e) => setScope(e.target.value as typeof scope)} aria-label="Whose tasks" data-testid="task-scope">
          {scopes.map((s) => (
            <option key={s} value={s}>
              {scopeLabels[s]}
            </option>
          ))}
        </select>
        <div className="btn-group" role="group" aria-label="Status">
          {(['open', 'done'] as const).map((s) => (
            <button key={s} type="button" className={`btn ${status === s ? 'btn-on' : ''}`} aria-pressed={status === s} onClick={() => setStatus(s)} data-testid={`task-status-${s}`}>
              {s === 'open' ? 'Open' : 'Done'}
            </button>
          ))}
        </div>
        <button type="button" className="btn" onClick={() => setAdding(true)} data-testid="task-add">
          Add task
        </button>
        <span className="muted small">j/k select · Enter opens the patient · C completes</span>
      </div>
      <Async state={inbox} loadingLabel="Loading tasks…">
        {({ tasks, counts }) => (
          <>
            <div className="task-counts" data-testid="task-counts">
              <span>
                Open <strong>{counts.open}</strong>
              </span>
              <span className={counts.overdue ? 'alert' : ''}>
                Overdue <strong data-testid="task-count-overdue">{counts.overdue}</strong>
              </span>
              {can('tasks.manage') && (
                <span className={counts.slaBreached ? 'alert' : ''}>
                  Past SLA <strong>{counts.slaBreached}</strong>
                </span>
              )}
            </div>
            {tasks.length ? <TaskTable tasks={tasks} showAssignee={scope !== 'mine'} keys onChanged={inbox.reload} /> : <Empty>{status === 'open' ? 'Nothing to do. Well done.' : 'No completed tasks yet.'}</Empty>}
          </>
        )}
      </Async>
      {adding && <NewTaskDialog onClose={() => setAdding(false)} onSaved={inbox.reload} />}
    </div>
  );
}
