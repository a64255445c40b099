import { useState } from 'react';
import type { PatientPackage } from '../../../src-shared/contract/prepaid';
import type { PatientSummary } from '../../../src-shared/contract/patients';
import { client, errorMessage } from '../../lib/client';
import { useAction } from '../../lib/hooks';
import { useUi } from '../../lib/store';
import { Dialog, Field, FormError } from '../../lib/ui';
import { usePatientSearch } from '../patients/usePatientSearch';

/** A manager moves what is left of a transferable package to another patient, with the reason the audit keeps. */
export function TransferDialog({ held, onClose, onDone }: { held: PatientPackage; onClose: () => void; onDone: () => void }) {
  const [q, setQ] = useState('');
  const [to, setTo] = useState<PatientSummary | null>(null);
  const [reason, setReason] = useState('');
  const search = usePatientSearch(q, { limit: 8 });
  const action = useAction();
  const submit = () =>
    action.run(async () => {
      if (!to) return;
      await client.call('packages.transfer', { patientPackageId: held.id, toPatientId: to.id, reason });
      useUi.getState().notify(`${held.left} of ${held.name} transferred to ${to.name}`);
      onDone();
    });
  return (
    <Dialog title={`Transfer ${held.name}`} onClose={onClose} testId="transfer-dialog">
      <p>
        {held.left} left, valid until {held.expiresOn}. Everything left moves; the expiry stays.
      </p>
      <Field label="To patient">
        <input value={to ? to.name : q} onChange={(e) => { setTo(null); setQ(e.target.value); }} autoFocus placeholder="Name, phone or number" data-testid="transfer-search" />
      </Field>
      {!to && search.rows.filter((p) => p.id !== held.patientId).map((p) => (
        <button key={p.id} type="button" className="btn btn-link" onClick={() => setTo(p)} data-testid="transfer-pick">
          {p.name} <span className="muted">{p.number}</span>
        </button>
      ))}
      <Field label="Reason">
        <input value={reason} onChange={(e) => setReason(e.target.value)} maxLength={300} data-testid="transfer-reason" />
      </Field>
      <FormError message={action.error === undefined ? undefined : errorMessage(action.error)} />
      <div className="actions">
        <button type="button" className="btn" onClick={onClose}>
          Cancel
        </button>
        <button type="button" className="btn btn-primary" disabled={!to || reason.trim().length < 2 || action.busy} onClick={submit} data-testid="transfer-submit">
          Transfer
        </button>
      </div>
    </Dialog>
  );
}
