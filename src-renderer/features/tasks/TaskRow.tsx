import type { Task } from '../../../src-shared/contract/tasks';
import { formatDate, formatInstant } from '../../lib/format';
import { navigate } from '../../lib/store';
import { Badge } from '../../lib/ui';
import { kindLabels, outcomeLabels } from './labels';

/** When a task is due: its day, and its hour when it has one. */
export function dueText(task: Task, timeZone: string): string {
  return task.allDay ? formatDate(task.dueOn) : formatInstant(task.dueAt, timeZone);
}

/** One task: due (overdue marked), what, for whom; one click to the profile, a call, a booking, or done. */
export function TaskRow({
  task,
  selected,
  timeZone,
  showAssignee,
  onSelect,
  onComplete,
  onBook,
}: {
  task: Task;
  selected: boolean;
  timeZone: string;
  showAssignee: boolean;
  onSelect: () => void;
  onComplete?: () => void;
  onBook?: () => void;
}) {
  const patient = task.patient;
  return (
    <tr className={`${selected ? 'active' : ''} ${task.overdue ? 'overdue' : ''}`} onClick={onSelect} aria-selected={selected} data-testid="task-row" data-task-id={task.id}>
      <td className="nowrap">
        {dueText(task, timeZone)} {task.overdue && <Badge kind="alert" testId="task-overdue">Overdue</Badge>}
        {task.slaBreached && <Badge kind="warn" testId="task-sla">SLA</Badge>}
      </td>
      <td>
        <div data-testid="task-title">{task.title}</div>
        <div className="muted small">
          {kindLabels[task.kind]}
          {task.note && ` · ${task.note}`}
          {task.outcome && ` · ${outcomeLabels[task.outcome]}${task.outcomeNote ? `: ${task.outcomeNote}` : ''}${task.completedByName ? ` (${task.completedByName})` : ''}`}
        </div>
      </td>
      <td>
        {patient ? (
          <a href={`#/patients/${patient.id}`} onClick={(e) => e.stopPropagation()} data-testid="task-patient">
            {patient.name}
          </a>
        ) : (
          '—'
        )}
      </td>
      {showAssignee && <td>{task.assigneeName}</td>}
      <td className="actions nowrap">
        {patient?.phone && (
          <a className="btn btn-small" href={`tel:${patient.phone}`} onClick={(e) => e.stopPropagation()} title={`Call ${patient.phone}`}>
            Call
          </a>
        )}
        {patient && onBook && (
          <button type="button" className="btn btn-small" onClick={(e) => (e.stopPropagation(), onBook())} data-testid="task-book">
            Book
          </button>
        )}
        {task.invoiceId && (
          <button type="button" className="btn btn-small" onClick={(e) => (e.stopPropagation(), navigate(`/invoices/${task.invoiceId}`))} data-testid="task-invoice">
            Invoice
          </button>
        )}
        {onComplete && !task.completedAt && (
          <button type="button" className="btn btn-small btn-primary" onClick={(e) => (e.stopPropagation(), onComplete())} data-testid="task-complete">
            Complete
          </button>
        )}
      </td>
    </tr>
  );
}
