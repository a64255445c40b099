import { useState } from 'react';
import type { SavedSegment } from '../../../src-shared/contract/segments';
import { client } from '../../lib/client';
import { formatInstant } from '../../lib/format';
import { useCall } from '../../lib/hooks';
import { useCan, useClinic } from '../../lib/store';
import { Async, ConfirmDialog, Empty } from '../../lib/ui';
import { useListKeys } from '../../lib/useListKeys';

/** Saved segments with their live counts: open one to see and work its call list. */
export function SavedTab({ onOpen }: { onOpen: (segment: SavedSegment) => void }) {
  const state = useCall('segments.list', {});
  return <Async state={state}>{(list) => <SavedList list={list} onOpen={onOpen} reload={state.reload} />}</Async>;
}

function SavedList({ list, onOpen, reload }: { list: SavedSegment[]; onOpen: (segment: SavedSegment) => void; reload: () => void }) {
  const can = useCan();
  const { timeZone } = useClinic();
  const [deleting, setDeleting] = useState<SavedSegment | null>(null);
  const { active, onKeyDown } = useListKeys(list.length, (i) => onOpen(list[i]));
  if (!list.length) return <Empty>No saved segment yet. Build one in Search and save it.</Empty>;
  return (
    <div className="panel">
      <table className="table" tabIndex={0} onKeyDown={onKeyDown} data-testid="saved-segments">
        <thead>
          <tr>
            <th>Segment</th>
            <th className="num">Patients now</th>
            <th>Changed</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {list.map((s, i) => (
            <tr key={s.id} className={i === active ? 'row-active' : ''} data-testid="saved-segment">
              <td>
                <button type="button" className="link" onClick={() => onOpen(s)}>
                  {s.name}
                </button>
              </td>
              <td className="num">{s.count.toLocaleString()}</td>
              <td>{formatInstant(s.updatedAt, timeZone)}</td>
              <td>
                {can('segments.manage') && (
                  <button type="button" className="btn btn-small" onClick={() => setDeleting(s)}>
                    Delete
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {deleting && (
        <ConfirmDialog title="Delete this segment?" confirmLabel="Delete" danger onClose={() => setDeleting(null)} onConfirm={() => client.call('segments.delete', { id: deleting.id }).then(reload)}>
          <p>“{deleting.name}” is deleted; its patients are not changed.</p>
        </ConfirmDialog>
      )}
    </div>
  );
}
