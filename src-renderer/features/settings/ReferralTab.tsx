import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { referralChannels, ReferralSourceInput, type ReferralSource } from '../../../src-shared/contract/catalog';
import { client } from '../../lib/client';
import { DialogForm } from '../../lib/DialogForm';
import { contractResolver } from '../../lib/forms';
import { centsToInput, inputToCents, money } from '../../lib/format';
import { EditCell, ListPanel, RowsTable } from '../../lib/ListPanel';
import { useCall } from '../../lib/hooks';
import { useCan, useClinic } from '../../lib/store';
import { Badge, Check, Dialog, Field } from '../../lib/ui';
import { readFromText } from './readFromText';

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

interface ReferralValues {
  name: string;
  channel: (typeof referralChannels)[number];
  monthlyCostCents: string;
  active: boolean;
}

const ReferralSchema = ReferralSourceInput.extend({ monthlyCostCents: readFromText(ReferralSourceInput.shape.monthlyCostCents.unwrap(), 'An amount like 250.00') });

function ReferralDialog({ source, onClose, onSaved }: { source: ReferralSource | null; onClose: () => void; onSaved: () => void }) {
  const { currency } = useClinic();
  const form = useForm<ReferralValues, unknown, z.output<typeof ReferralSchema>>({
    resolver: contractResolver(ReferralSchema, (v: ReferralValues) => ({
      id: source?.id,
      ...v,
      monthlyCostCents: inputToCents(v.monthlyCostCents, currency),
    })),
    defaultValues: {
      name: source?.name ?? '',
      channel: source?.channel ?? 'online',
      monthlyCostCents: source ? centsToInput(source.monthlyCostCents, currency) : '',
      active: source?.active ?? true,
    },
  });
  const { register, formState } = form;
  const e = formState.errors;
  return (
    <Dialog title={source ? 'Edit referral source' : 'New referral source'} onClose={onClose} testId="referral-dialog">
      <DialogForm form={form} onSubmit={(input) => client.call('catalog.saveReferralSource', input).then(onSaved).then(onClose)} onCancel={onClose} submit={{ label: 'Save', testId: 'referral-save' }}>
        <Field label="Name" error={e.name?.message}>
          <input {...register('name')} autoFocus data-testid="referral-name" />
        </Field>
        <Field label="Channel" error={e.channel?.message}>
          <select {...register('channel')} data-testid="referral-channel">
            {referralChannels.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </Field>
        <Field label={`Monthly cost (${currency})`} error={e.monthlyCostCents?.message}>
          <input inputMode="decimal" {...register('monthlyCostCents')} className="input-short" data-testid="referral-cost" />
        </Field>
        <Check label="Active" field={register('active')} />
      </DialogForm>
    </Dialog>
  );
}
