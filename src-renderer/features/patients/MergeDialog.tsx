import { useState } from 'react';
import type { PatientProfile } from '../../../src-shared/contract/patients';
import { client, errorMessage } from '../../lib/client';
import { formatDate, formatInstant } from '../../lib/format';
import { useAction, useCall } from '../../lib/hooks';
import { navigate, useClinic, useUi } from '../../lib/store';
import { Dialog, ErrorBox, FormError, Spinner } from '../../lib/ui';
import { usePhone } from './PatientBits';
import { PatientPicker } from './PatientPicker';

/** Pick the duplicate, compare both side by side, choose which record stays, then merge. */
export function MergeDialog({ keep, onClose, onMerged }: { keep: PatientProfile; onClose: () => void; onMerged: () => void }) {
  const [otherId, setOtherId] = useState<number | null>(null);
  const [keepCurrent, setKeepCurrent] = useState(true);
  const { busy, error, run } = useAction();
  const other = useCall('patients.get', otherId ? { id: otherId } : null);

  const merge = () =>
    run(async () => {
      if (!other.data) return;
      const [k, m] = keepCurrent ? [keep, other.data] : [other.data, keep];
      const result = await client.call('patients.merge', { keepId: k.id, mergeId: m.id });
      const moved = Object.values(result.moved).reduce((a, b) => a + b, 0);
      useUi.getState().notify(`Merged ${m.number} into ${k.number} (${moved} related record${moved === 1 ? '' : 's'} moved)`);
      onClose();
      if (result.keepId === keep.id) onMerged();
      else navigate(`/patients/${result.keepId}`);
    });

  return (
    <Dialog title="Merge duplicate patients" onClose={onClose} wide testId="merge-dialog">
      {!otherId && (
        <>
          <p>Find the duplicate record of {keep.firstName} {keep.lastName}.</p>
          <PatientPicker onPick={(p) => setOtherId(p.id)} excludeId={keep.id} testId="merge-search" autoFocus />
        </>
      )}
      {otherId && other.loading && !other.data && <Spinner />}
      {otherId && other.error !== undefined && <ErrorBox error={other.error} />}
      {other.data && (
        <>
          <div className="merge-compare">
            <MergeColumn p={keep} kept={keepCurrent} onKeep={() => setKeepCurrent(true)} />
            <MergeColumn p={other.data} kept={!keepCurrent} onKeep={() => setKeepCurrent(false)} />
          </div>
          <p className="muted">
            Appointments, consents, tags and history of the merged record move to the one you keep. The merged record stays archived and points to it. This cannot be undone.
          </p>
          {error !== undefined && <FormError message={errorMessage(error)} />}
          <div className="actions">
            <button type="button" className="btn" onClick={() => setOtherId(null)}>
              Pick another
            </button>
            <button type="button" className="btn btn-danger" onClick={merge} disabled={busy} data-testid="merge-confirm">
              {busy ? 'Merging…' : 'Merge records'}
            </button>
          </div>
        </>
      )}
    </Dialog>
  );
}

function MergeColumn({ p, kept, onKeep }: { p: PatientProfile; kept: boolean; onKeep: () => void }) {
  const phone = usePhone();
  const { timeZone } = useClinic();
  return (
    <div className={`merge-col ${kept ? 'merge-keep' : ''}`}>
      <label className="inline checkbox">
        <input type="radio" name="keep" checked={kept} onChange={onKeep} data-testid={`merge-keep-${p.id}`} />
        <strong>{kept ? 'Keep this record' : 'Merge into the other'}</strong>
      </label>
      <dl className="details">
        <dt>Number</dt>
        <dd>{p.number}</dd>
        <dt>Name</dt>
        <dd>
          {p.firstName} {p.lastName}
        </dd>
        <dt>Born</dt>
        <dd>{formatDate(p.dateOfBirth)}</dd>
        <dt>Phone</dt>
        <dd>{phone(p.phone) || '—'}</dd>
        <dt>Email</dt>
        <dd>{p.email ?? '—'}</dd>
        <dt>Created</dt>
        <dd>{formatInstant(p.createdAt, timeZone, false)}</dd>
      </dl>
    </div>
  );
}
