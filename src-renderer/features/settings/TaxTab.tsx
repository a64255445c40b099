import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { TaxRateInput, type TaxRate } from '../../../src-shared/contract/settings';
import { client } from '../../lib/client';
import { DialogForm } from '../../lib/DialogForm';
import { contractResolver } from '../../lib/forms';
import { millipercentToPercent, percentToMillipercent } from '../../lib/format';
import { EditCell, ListPanel, RowsTable } from '../../lib/ListPanel';
import { useCall } from '../../lib/hooks';
import { useCan } from '../../lib/store';
import { Badge, Check, Dialog, Field } from '../../lib/ui';
import { readFromText } from './readFromText';

export function TaxTab() {
  const can = useCan();
  const state = useCall('settings.taxRates', {});
  const [editing, setEditing] = useState<TaxRate | 'new' | null>(null);
  const manage = can('settings.manage');
  return (
    <ListPanel
      testId="tax-rates"
      add={manage ? { label: 'Add tax rate', testId: 'tax-add', onClick: () => setEditing('new') } : undefined}
      state={state}
      empty="No tax rates yet."
      dialog={editing && <TaxDialog rate={editing === 'new' ? null : editing} onClose={() => setEditing(null)} onSaved={state.reload} />}
    >
      {(rows) => (
        <RowsTable
          rows={rows}
          rowTestId="tax-row"
          inactive={(t) => !t.active}
          head={
            <>
              <th>Name</th>
              <th>Rate</th>
              <th />
              {manage && <th />}
            </>
          }
        >
          {(t) => (
            <>
              <td>{t.name}</td>
              <td>{millipercentToPercent(t.rateMillipercent)}%</td>
              <td>
                {t.isDefault && <Badge kind="ok">Default</Badge>} {!t.active && <Badge kind="muted">Inactive</Badge>}
              </td>
              {manage && <EditCell onClick={() => setEditing(t)} />}
            </>
          )}
        </RowsTable>
      )}
    </ListPanel>
  );
}

interface TaxValues {
  name: string;
  rateMillipercent: string;
  isDefault: boolean;
  active: boolean;
}

const TaxSchema = TaxRateInput.extend({
  rateMillipercent: readFromText(TaxRateInput.shape.rateMillipercent, 'A percentage like 8.875 (up to three decimals)'),
});

function TaxDialog({ rate, onClose, onSaved }: { rate: TaxRate | null; onClose: () => void; onSaved: () => void }) {
  const form = useForm<TaxValues, unknown, z.output<typeof TaxSchema>>({
    resolver: contractResolver(TaxSchema, (v: TaxValues) => ({ id: rate?.id, ...v, rateMillipercent: percentToMillipercent(v.rateMillipercent) })),
    defaultValues: { name: rate?.name ?? '', rateMillipercent: rate ? millipercentToPercent(rate.rateMillipercent) : '', isDefault: rate?.isDefault ?? false, active: rate?.active ?? true },
  });
  const { register, formState } = form;
  const e = formState.errors;
  return (
    <Dialog title={rate ? 'Edit tax rate' : 'New tax rate'} onClose={onClose} testId="tax-dialog">
      <DialogForm form={form} onSubmit={(input) => client.call('settings.saveTaxRate', input).then(onSaved).then(onClose)} onCancel={onClose} submit={{ label: 'Save', testId: 'tax-save' }} error={e.active?.message}>
        <Field label="Name" error={e.name?.message}>
          <input {...register('name')} autoFocus data-testid="tax-name" />
        </Field>
        <Field label="Rate (%)" error={e.rateMillipercent?.message} hint="e.g. 8.875">
          <input {...register('rateMillipercent')} inputMode="decimal" className="input-short" data-testid="tax-percent" />
        </Field>
        <Check label="Default rate" field={register('isDefault')} />
        <Check label="Active" field={register('active')} />
      </DialogForm>
    </Dialog>
  );
}
