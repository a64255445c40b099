import { useState } from 'react';
import { referralChannels, type ReferralSource } from '../../../src-shared/contract/catalog';
import { parseMoney } from '../../../src-shared/money';
import { client } from '../../lib/client';
import { centsToInput, money } from '../../lib/format';
import { Check, EditCell, FormDialog, ListPanel, RowsTable, useDialogSave } from '../../lib/ListPanel';
import { useCall } from '../../lib/hooks';
import { useCan, useClinic } from '../../lib/store';
import { Badge, Field } from '../../lib/ui';

export function ReferralTab() {
  const can = useCan();
  const { currency } = useClinic();
  const manage = can('catalog.manage');
  const state = useCall('catalog.referralSources', { includeInactive: true });
  const [editing, setEditing] = useState<ReferralSource | 'new' | null>(null);
  return (
    <ListPanel
      testId="referral-sources"
      add={manage ? { label: 'Add referral source', testId: 'referral-add', onClick: () => setEditing('new') } : undefined}
      state={state}
      empty="No referral sources yet."
      dialog={editing && <ReferralDialog source={editing === 'new' ? null : editing} onClose={() => setEditing(null)} onSaved={state.reload} />}
    >
      {(rows) => (
        <RowsTable
          rows={rows}
          rowTestId="referral-row"
          inactive={(r) => !r.active}
          head={
            <>
              <th>Source</th>
              <th>Channel</th>
              <th className="num">Monthly cost</th>
              <th />
              {manage && <th />}
            </>
          }
        >
          {(r) => (
            <>
              <td>{r.name}</td>
              <td>{r.channel}</td>
              <td className="num">{money(r.monthlyCostCents, currency)}</td>
              <td>{!r.active && <Badge kind="muted">Inactive</Badge>}</td>
              {manage && <EditCell onClick={() => setEditing(r)} />}
            </>
          )}
        </RowsTable>
      )}
    </ListPanel>
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
  const save = useDialogSave(() => {
    onSaved();
    onClose();
  });
  const submit = () => {
    const monthlyCostCents = v.cost.trim() ? parseMoney(v.cost, currency) : 0;
    if (monthlyCostCents === null) return save.setFieldErrors({ monthlyCostCents: 'An amount like 250.00' });
    return save.submit(() => client.call('catalog.saveReferralSource', { id: source?.id, name: v.name, channel: v.channel, monthlyCostCents, active: v.active }));
  };
  const f = save.fieldErrors;
  return (
    <FormDialog title={source ? 'Edit referral source' : 'New referral source'} onClose={onClose} testId="referral-dialog" onSubmit={submit} busy={save.busy} formError={save.formError} saveTestId="referral-save">
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
      <Check label="Active" checked={v.active} onChange={(active) => setV({ ...v, active })} />
    </FormDialog>
  );
}
