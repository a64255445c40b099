import { useState } from 'react';
import type { Task } from '../../../src-shared/contract/tasks';
import { usePageKeys } from '../../lib/hooks';
import { navigate, useClinic } from '../../lib/store';
import { clinicToday } from '../scheduling/time';
import { BookingDialog } from '../scheduling/BookingDialog';
import { CompleteDialog } from './CompleteDialog';
import { TaskRow } from './TaskRow';
import './tasks.css';

/**
 * A list of tasks driven from the keyboard when `keys` is on: j/k or ↑↓ select, Enter opens the patient, c completes.
 * Completing and booking open their dialogs here; `onChanged` reloads the list.
 */
export function TaskTable({ tasks, showAssignee, keys, onChanged, testId = 'task-list' }: { tasks: Task[]; showAssignee: boolean; keys: boolean; onChanged: () => void; testId?: string }) {
  const { timeZone } = useClinic();
  const [active, setActive] = useState(0);
  const [completing, setCompleting] = useState<Task | null>(null);
  const [booking, setBooking] = useState<Task | null>(null);
  const selected = Math.max(0, Math.min(active, tasks.length - 1));

  usePageKeys((e) => {
    if (e.key === 'Enter' && e.target instanceof HTMLElement && e.target.closest('button, a, select')) return false;
    const task = tasks[selected];
    if (e.key === 'j' || e.key === 'ArrowDown') setActive(Math.min(selected + 1, tasks.length - 1));
    else if (e.key === 'k' || e.key === 'ArrowUp') setActive(Math.max(selected - 1, 0));
    else if (e.key === 'Enter' && task?.patient) navigate(`/patients/${task.patient.id}`);
    else if (e.key === 'c' && task && !task.completedAt) setCompleting(task);
    else return false;
    return true;
  }, keys);

  return (
    <>
      <table className="table task-table" aria-label="Tasks" data-testid={testId}>
        <thead>
          <tr>
            <th>Due</th>
            <th>Task</th>
            <th>Patient</th>
            {showAssignee && <th>For</th>}
            <th aria-label="Actions" />
          </tr>
        </thead>
        <tbody>
          {tasks.map((task, i) => (
            <TaskRow
              key={task.id}
              task={task}
              selected={keys && i === selected}
              timeZone={timeZone}
              showAssignee={showAssignee}
              onSelect={() => setActive(i)}
              onComplete={() => setCompleting(task)}
              onBook={() => setBooking(task)}
            />
          ))}
        </tbody>
      </table>
      {completing && <CompleteDialog task={completing} onClose={() => setCompleting(null)} onDone={onChanged} />}
      {booking?.patient && (
        <BookingDialog prefill={{ date: clinicToday(timeZone), patient: { id: booking.patient.id, name: booking.patient.name } }} onClose={() => setBooking(null)} onBooked={() => setBooking(null)} />
      )}
    </>
  );
}
