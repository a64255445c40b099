import { useState } from 'react';
import { addCalendarDays } from '../../../src-shared/time';
import { useCall } from '../../lib/hooks';
import { useClinic } from '../../lib/store';
import { Async, Empty } from '../../lib/ui';
import { clinicToday, dayLabel } from '../scheduling/time';
import { TaskTable } from './TaskTable';

/** SLA breaches for managers: tasks due in a period that were done late or are still open past their SLA; printable. */
export function SlaTab() {
  const { timeZone } = useClinic();
  const today = clinicToday(timeZone);
  const [from, setFrom] = useState(addCalendarDays(today, -29));
  const [to, setTo] = useState(today);
  const report = useCall('tasks.slaBreaches', from <= to ? { from, to } : null);
  return (
    <div className="panel" data-testid="task-sla">
      <div className="actions actions-start no-print">
        <label>
          From <input type="date" value={from} onChange={(e) => e.target.value && setFrom(e.target.value)} />
        </label>
        <label>
          to <input type="date" value={to} onChange={(e) => e.target.value && setTo(e.target.value)} />
        </label>
        <button type="button" className="btn" onClick={() => window.print()}>
          Print
        </button>
      </div>
      <h2 className="print-only">
        SLA breaches, {dayLabel(from)} – {dayLabel(to)}
      </h2>
      <Async state={report}>
        {(r) => (
          <>
            <table className="table" data-testid="sla-by-assignee">
              <thead>
                <tr>
                  <th>For</th>
                  <th className="num">Tasks due</th>
                  <th className="num">Past SLA</th>
                  <th className="num">Of which still open</th>
                </tr>
              </thead>
              <tbody>
                {r.byAssignee.map((a) => (
                  <tr key={a.assigneeName}>
                    <td>{a.assigneeName}</td>
                    <td className="num">{a.due}</td>
                    <td className="num">{a.breached}</td>
                    <td className="num">{a.stillOpen}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {r.tasks.length ? <TaskTable tasks={r.tasks} showAssignee keys={false} onChanged={report.reload} testId="sla-tasks" /> : <Empty>No SLA breaches in this period.</Empty>}
          </>
        )}
      </Async>
    </div>
  );
}
