import { reportLabels } from '../../../src-shared/contract/reports-output';
import { formatDate, formatInstant } from '../../lib/format';
import { useCall } from '../../lib/hooks';
import { useClinic } from '../../lib/store';
import { Async, Badge, Empty } from '../../lib/ui';

/** The PDFs the schedules generated, newest first: the report, its period, when, where the file is, or why it failed. */
export function GeneratedFiles() {
  const runs = useCall('reports.runs', { limit: 100 });
  const { timeZone } = useClinic();
  return (
    <section className="panel" data-testid="generated-files">
      <h2>Generated files</h2>
      <Async state={runs}>
        {({ rows, total }) =>
          rows.length === 0 ? (
            <Empty>No report has been generated yet. The first one appears here after its weekday and time.</Empty>
          ) : (
            <table className="table">
              <thead>
                <tr>
                  <th>Report</th>
                  <th>Period</th>
                  <th>Made</th>
                  <th>File</th>
                  <th>Status</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((run) => (
                  <tr key={run.id} data-testid="generated-file">
                    <td>{reportLabels[run.report]}</td>
                    <td>{run.from === run.to ? formatDate(run.from) : `${formatDate(run.from)} – ${formatDate(run.to)}`}</td>
                    <td>{formatInstant(run.ranAt, timeZone)}</td>
                    <td className="small" data-testid="generated-file-path">
                      {run.path ?? '—'}
                    </td>
                    <td>
                      {run.status === 'ok' ? (
                        <Badge kind="ok">Made</Badge>
                      ) : (
                        <span title={run.error ?? ''}>
                          <Badge kind="alert">Failed ({run.attempts}×)</Badge> <span className="small muted">{run.error}</span>
                        </span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
              {total > rows.length && (
                <tfoot>
                  <tr>
                    <td colSpan={5} className="muted small">
                      The newest {rows.length} of {total}.
                    </td>
                  </tr>
                </tfoot>
              )}
            </table>
          )
        }
      </Async>
    </section>
  );
}
