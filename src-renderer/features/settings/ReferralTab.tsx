import { useState } from 'react';
import { referralChannels, type ReferralSource } from '../../../src-shared/contract/catalog';
import { parseMoney } from '../../../src-shared/money';
import { client } from '../../lib/client';
import { centsToInput, money } from '../../lib/format';
import { useCall } from '../../lib/hooks';
import { useSave } from '../../lib/useSave';
import { useCan, useClinic } from '../../lib/store';
import { Async, Badge, Dialog, Empty, Field, FormError } from '../../lib/ui';

export function ReferralTab() {
  const can = useCan();
  const { currency } = useClinic();
  const manage = can('catalog.manage');
  const state = useCall('catalog.referralSources', { includeInactive: true });
  const [editing, setEditing] = useState<ReferralSource | 'new' | null>(null);
  return (
    <div className="panel" data-testid="referral-sources">
      {manage && (
        <div className="actions actions-start">
          <button type="button" className="btn btn-primary" onClick={() => setEditing('new')} data-testid="referral-add">
            Add referral source
          </button>
        </div>
      )}
      <Async state={state}>
        {(rows) =>
          rows.length ? (
            <table className="table">
              <thead>
                <tr>
                  <th>Source</th>
                  <th>Channel</th>
                  <th className="num">Monthly cost</th>
                  <th />
                  {manage && <th />}
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.id} className={r.active ? '' : 'inactive'} data-testid="referral-row">
                    <td>{r.name}</td>
                    <td>{r.channel}</td>
                    <td className="num">{money(r.monthlyCostCents, currency)}</td>
                    <td>{!r.active && <Badge kind="muted">Inactive</Badge>}</td>
                    {manage && (
                      <td>
                        <button type="button" className="btn btn-small" onClick={() => setEditing(r)}>
                          Edit
                        </button>
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <Empty>No referral sources yet.</Empty>
          )
        }
      </Async>
      {editing && <ReferralDialog source={editing === 'new' ? null : editing} onClose={() => setEditing(null)} onSaved={state.reload} />}
    </div>
  );
}

function ReferralDialog({ source, onClose, onSaved }: { source: ReferralSource | null; onClose: () => void; onSaved: () => void }) {
  const { currency } = useClinic();
  const [v, setV] = useState({
    name: source?.name ?? '',
    channel: source?.channel ?? ('online' as (typeof referralChannels)[number]),
    cost: source ? centsToInput(source.monthlyCostCents, currency) : '',
    active: source?.active ?? true,
  });
  const save = useSave();
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const monthlyCostCents = v.cost.trim() ? parseMoney(v.cost, currency) : 0;
    if (monthlyCostCents === null) return save.setFieldErrors({ monthlyCostCents: 'An amount like 250.00' });
    const ok = await save.run(() => client.call('catalog.saveReferralSource', { id: source?.id, name: v.name, channel: v.channel, monthlyCostCents, active: v.active }));
    if (ok) {
      onSaved();
      onClose();
    }
  };
  const f = save.fieldErrors;
  return (
    <Dialog title={source ? 'Edit referral source' : 'New referral source'} onClose={onClose} testId="referral-dialog">
      <form className="form" onSubmit={submit} noValidate>
        <Field label="Name" error={f.name}>
          <input value={v.name} onChange={(e) => setV({ ...v, name: e.target.value })} autoFocus data-testid="referral-name" />
        </Field>
        <Field label="Channel" error={f.channel}>
          <select value={v.channel} onChange={(e) => setV({ ...v, channel: e.target.value as typeof v.channel })} data-testid="referral-channel">
            {referralChannels.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </Field>
        <Field label={`Monthly cost (${currency})`} error={f.monthlyCostCents}>
          <input inputMode="decimal" value={v.cost} onChange={(e) => setV({ ...v, cost: e.target.value })} className="input-short" data-testid="referral-cost" />
        </Field>
        <label className="inline checkbox">
          <input type="checkbox" checked={v.active} onChange={(e) => setV({ ...v, active: e.target.checked })} /> Active
        </label>
        <FormError message={save.formError} />
        <div className="actions">
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary" disabled={save.busy} data-testid="referral-save">
            Save
          </button>
        </div>
      </form>
    </Dialog>
  );
}
