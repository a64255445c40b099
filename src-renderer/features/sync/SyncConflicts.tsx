import { useState } from 'react';
import type { ConflictRow } from '../../../src-shared/contract/sync';
import { client, errorMessage } from '../../lib/client';
import { formatInstant } from '../../lib/format';
import { useAction, useCall } from '../../lib/hooks';
import { useClinic } from '../../lib/store';
import { Async, Badge, Empty, FormError } from '../../lib/ui';

const kindLabels: Record<ConflictRow['kind'], string> = {
  clinicalEdit: 'Clinical record edited on two workstations',
  mergedPatientEdited: 'Merged patient edited elsewhere',
  doubleBooking: 'Double booking',
  sealedEdit: 'Edit to a signed chart or issued invoice',
  duplicateName: 'Same name made twice',
};

/**
 * What merges decided by rule, for a manager to check and mark reviewed; nothing in it was lost. `open` is the
 * status's count of conflicts to review: when a sync brings new ones, the list is read again.
 */
export function SyncConflicts({ open, onReviewed }: { open: number; onReviewed: () => void }) {
  const [includeReviewed, setIncludeReviewed] = useState(false);
  return (
    <div className="panel" data-testid="sync-conflicts">
      <div className="panel-head">
        <h2>Conflicts to review{open > 0 && <Badge kind="warn">{open}</Badge>}</h2>
        <label className="inline checkbox">
          <input type="checkbox" checked={includeReviewed} onChange={(e) => setIncludeReviewed(e.target.checked)} data-testid="conflicts-show-reviewed" /> Show reviewed
        </label>
      </div>
      <p className="muted small">Where two workstations changed the same thing, Lumen kept one by a clear rule and set the other aside here.</p>
      <ConflictList key={open} includeReviewed={includeReviewed} onReviewed={onReviewed} />
    </div>
  );
}

function ConflictList({ includeReviewed, onReviewed }: { includeReviewed: boolean; onReviewed: () => void }) {
  const { timeZone } = useClinic();
  const list = useCall('sync.conflicts', { includeReviewed });
  const review = useAction();
  const markReviewed = (id: number) =>
    review.run(async () => {
      await client.call('sync.reviewConflict', { id });
      list.reload();
      onReviewed();
    });

  return (
    <>
      <Async state={list}>
        {(rows) =>
          rows.length ? (
            <table className="table">
              <thead>
                <tr>
                  <th>Kind</th>
                  <th>What happened</th>
                  <th>Detected</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {rows.map((c) => (
                  <tr key={c.id} data-testid="sync-conflict">
                    <td>{kindLabels[c.kind]}</td>
                    <td>
                      {c.summary}
                      {c.details != null && (
                        <details className="before-after">
                          <summary>Kept and set aside</summary>
                          <pre>{JSON.stringify(c.details, null, 2)}</pre>
                        </details>
                      )}
                    </td>
                    <td>{formatInstant(c.detectedAt, timeZone)}</td>
                    <td>
                      {c.reviewedAt ? (
                        <Badge kind="ok">Reviewed</Badge>
                      ) : (
                        <button type="button" className="btn btn-small" disabled={review.busy} onClick={() => markReviewed(c.id)} data-testid="conflict-review">
                          Mark reviewed
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <Empty>{includeReviewed ? 'No conflicts so far.' : 'No conflicts to review.'}</Empty>
          )
        }
      </Async>
      <FormError message={review.error === undefined ? undefined : errorMessage(review.error)} />
    </>
  );
}
