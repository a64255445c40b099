import { importKindLabels } from '../../../src-shared/contract/imports';
import { formatInstant } from '../../lib/format';
import { useCall } from '../../lib/hooks';
import { AsyncList } from '../../lib/ListPanel';
import { useClinic } from '../../lib/store';
import { Badge } from '../../lib/ui';
import { BatchActions } from './BatchActions';

/** Data → Past imports: every batch, newest first, with its figures, its report and undo. */
export function PastImports() {
  const { timeZone } = useClinic();
  const batches = useCall('imports.batches', {});
  return (
    <div className="panel" data-testid="import-batches">
      <AsyncList state={batches} empty="No imports yet. Data → Import brings in a file from the old system.">
        {(rows) => (
          <table className="table">
            <thead>
              <tr>
                <th className="num">Batch</th>
                <th>When</th>
                <th>File</th>
                <th>What</th>
                <th className="num">New</th>
                <th className="num">Matched</th>
                <th className="num">Skipped</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {rows.map((b) => (
                <tr key={b.id} className={b.undoneAt ? 'inactive' : ''} data-testid="import-batch">
                  <td className="num">#{b.id}</td>
                  <td>
                    {formatInstant(b.at, timeZone)}
                    <div className="muted small">{b.by}</div>
                  </td>
                  <td>{b.fileName}</td>
                  <td>{importKindLabels[b.kind]}</td>
                  <td className="num">{b.imported}</td>
                  <td className="num">{b.matched}</td>
                  <td className="num">{b.skipped}</td>
                  <td>
                    {b.undoneAt && <Badge kind="muted">Undone {formatInstant(b.undoneAt, timeZone)}</Badge>}
                    <BatchActions batchId={b.id} fileName={b.fileName} undone={!!b.undoneAt} onUndone={batches.reload} small />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </AsyncList>
    </div>
  );
}
