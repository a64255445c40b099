import { useState } from 'react';
import { reportLabels, type ReportSchedule } from '../../../src-shared/contract/reports-output';
import { periodPresetLabels } from '../../../src-shared/reports/period';
import { client } from '../../lib/client';
import { formatInstant } from '../../lib/format';
import { useAction, useCall } from '../../lib/hooks';
import { EditButton, ListPanel, RowsTable } from '../../lib/ListPanel';
import { useClinic } from '../../lib/store';
import { ConfirmDialog, ErrorBox } from '../../lib/ui';
import { GeneratedFiles } from './GeneratedFiles';
import { scheduleOptionsText, weekdayNames } from './labels';
import { ScheduleDialog } from './ScheduleDialog';

/**
 * Scheduled reports (route #/report-schedules, linked from the Reports page): the weekly PDFs a manager has Lumen
 * make, each one's next time and last run, "Run now", and the list of generated files.
 */
export function ReportSchedules() {
  const schedules = useCall('reports.schedules', {});
  const { timeZone } = useClinic();
  const [open, setOpen] = useState<{ schedule: ReportSchedule | null } | null>(null);
  const [removing, setRemoving] = useState<ReportSchedule | null>(null);
  const [filesKey, setFilesKey] = useState(0);
  const [ran, setRan] = useState<string | null>(null);
  const action = useAction();
  const reload = () => {
    schedules.reload();
    setFilesKey((k) => k + 1);
  };
  const runNow = () =>
    action.run(async () => {
      const { runs } = await client.call('reports.runSchedules', {});
      const failed = runs.filter((r) => r.status === 'failed').length;
      setRan(runs.length === 0 ? 'Nothing was due: every schedule’s latest report is already made.' : `${runs.length - failed} made${failed ? `, ${failed} failed` : ''}.`);
      reload();
    });
  return (
    <section className="page" data-testid="report-schedules">
      <div className="page-head">
        <h1>Scheduled reports</h1>
        <button type="button" className="btn" onClick={() => void runNow()} disabled={action.busy} data-testid="schedules-run-now">
          {action.busy ? 'Running…' : 'Run now'}
        </button>
      </div>
      {ran && (
        <p className="muted" role="status" data-testid="schedules-ran">
          {ran}
        </p>
      )}
      {action.error !== undefined && <ErrorBox error={action.error} />}
      <ListPanel
        testId="schedule-list"
        add={{ label: 'Schedule a report', testId: 'schedule-add', onClick: () => setOpen({ schedule: null }) }}
        state={schedules}
        empty="No scheduled reports. Schedule the Monday projected sales or delinquency report to find its PDF ready each week."
        dialog={
          <>
            {open && <ScheduleDialog schedule={open.schedule} onClose={() => setOpen(null)} onSaved={reload} />}
            {removing && (
              <ConfirmDialog
                title="Remove this scheduled report?"
                confirmLabel="Remove"
                danger
                onClose={() => setRemoving(null)}
                onConfirm={() => client.call('reports.deleteSchedule', { id: removing.id }).then(reload).then(() => setRemoving(null))}
              >
                The files it made stay in their folder and in the list below.
              </ConfirmDialog>
            )}
          </>
        }
      >
        {(rows) => (
          <RowsTable
            rows={rows}
            rowTestId="schedule-row"
            inactive={(s) => !s.active}
            head={
              <>
                <th>Report</th>
                <th>When</th>
                <th>Folder</th>
                <th>Next</th>
                <th>Last run</th>
                <th />
              </>
            }
          >
            {(s) => (
              <>
                <td>
                  <div data-testid="schedule-report-name">{reportLabels[s.report]}</div>
                  <div className="muted small">{s.report === 'delinquency' ? 'As of the day it runs' : periodPresetLabels[s.period]}</div>
                  <ScheduleOptions schedule={s} />
                </td>
                <td>
                  {weekdayNames[s.weekday]}s at {s.time}
                </td>
                <td className="small">{s.folderPath}</td>
                <td>{s.nextDueAt ? formatInstant(s.nextDueAt, timeZone) : 'Paused'}</td>
                <td className="small">{s.lastRun ? `${s.lastRun.status === 'ok' ? 'Made' : 'Failed'} ${formatInstant(s.lastRun.ranAt, timeZone)}` : 'Not yet'}</td>
                <td className="actions">
                  <EditButton onClick={() => setOpen({ schedule: s })} />
                  <button type="button" className="btn btn-small" onClick={() => setRemoving(s)} data-testid="schedule-remove">
                    Remove
                  </button>
                </td>
              </>
            )}
          </RowsTable>
        )}
      </ListPanel>
      <GeneratedFiles key={filesKey} />
    </section>
  );
}

function ScheduleOptions({ schedule }: { schedule: ReportSchedule }) {
  const text = scheduleOptionsText(schedule);
  return text ? (
    <div className="muted small" data-testid="schedule-options">
      {text}
    </div>
  ) : null;
}
