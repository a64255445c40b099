import { useState } from 'react';
import { type Coupon, type DealStatus, dealStatuses } from '../../../src-shared/contract/promotions';
import { client, errorMessage } from '../../lib/client';
import { Dialog, Field, FormError } from '../../lib/ui';
import { dealStatusLabels } from './StandingBadges';

interface Handed {
  name: string;
  number: string;
  code: string;
}

/**
 * Hands out e-coupons to a segment of patients by deal status (win back those who never bought, thank repeat
 * customers): one unique code each, usable once and only by them; the list prints for the mailing.
 */
export function ECouponsDialog({ coupon, onClose, onSaved }: { coupon: Coupon; onClose: () => void; onSaved: () => void }) {
  const [status, setStatus] = useState<DealStatus>('repeat');
  const [limit, setLimit] = useState('50');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [handed, setHanded] = useState<Handed[] | null>(null);
  const count = Number(limit);
  const valid = Number.isInteger(count) && count >= 1 && count <= 500;

  const handOut = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const patients = await client.call('deals.patients', { status, limit: count });
      if (!patients.length) {
        setError(`No patients are “${dealStatusLabels[status]}” right now.`);
        return;
      }
      const codes = await client.call('coupons.issueCodes', { couponId: coupon.id, patientIds: patients.map((p) => p.id) });
      const byId = new Map(patients.map((p) => [p.id, p]));
      setHanded(codes.map((c) => ({ name: byId.get(c.patientId)!.name, number: byId.get(c.patientId)!.number, code: c.code })));
      onSaved();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog title={`E-coupons of ${coupon.name}`} onClose={onClose} wide testId="ecoupons-dialog">
      {handed ? (
        <div className="ecoupon-list" data-testid="ecoupon-list">
          <table className="table table-compact">
            <thead>
              <tr>
                <th>Patient</th>
                <th>Number</th>
                <th>Code</th>
              </tr>
            </thead>
            <tbody>
              {handed.map((h) => (
                <tr key={h.code}>
                  <td>{h.name}</td>
                  <td>{h.number}</td>
                  <td className="mono">{h.code}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="actions">
            <button type="button" className="btn" onClick={() => window.print()}>
              Print list
            </button>
            <button type="button" className="btn btn-primary" onClick={onClose} autoFocus>
              Done
            </button>
          </div>
        </div>
      ) : (
        <div className="form">
          <Field label="Patients who are">
            <select value={status} onChange={(e) => setStatus(e.target.value as DealStatus)} autoFocus data-testid="ecoupon-status">
              {dealStatuses.map((s) => (
                <option key={s} value={s}>
                  {dealStatusLabels[s]}
                </option>
              ))}
            </select>
          </Field>
          <Field label="How many at most" error={valid ? undefined : 'A whole number from 1 to 500'}>
            <input value={limit} onChange={(e) => setLimit(e.target.value)} inputMode="numeric" className="input-short" data-testid="ecoupon-limit" />
          </Field>
          <FormError message={error} />
          <div className="actions">
            <button type="button" className="btn" onClick={onClose}>
              Cancel
            </button>
            <button type="button" className="btn btn-primary" disabled={!valid || busy} onClick={() => void handOut()} data-testid="ecoupon-issue">
              {busy ? 'Handing out…' : 'Hand out codes'}
            </button>
          </div>
        </div>
      )}
    </Dialog>
  );
}
