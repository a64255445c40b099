import { useState } from 'react';
import type { TaxRate } from '../../../src-shared/contract/settings';
import { client } from '../../lib/client';
import { millipercentToPercent, percentToMillipercent } from '../../lib/format';
import { Check, EditCell, FormDialog, ListPanel, RowsTable, useDialogSave } from '../../lib/ListPanel';
import { useCall } from '../../lib/hooks';
import { useCan } from '../../lib/store';
import { Badge, Field } from '../../lib/ui';

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

function TaxDialog({ rate, onClose, onSaved }: { rate: TaxRate | null; onClose: () => void; onSaved: () => void }) {
  const [name, setName] = useState(rate?.name ?? '');
  const [percent, setPercent] = useState(rate ? millipercentToPercent(rate.rateMillipercent) : '');
  const [isDefault, setIsDefault] = useState(rate?.isDefault ?? false);
  const [active, setActive] = useState(rate?.active ?? true);
  const save = useDialogSave(() => {
    onSaved();
    onClose();
  });
  const submit = () => {
    const rateMillipercent = percentToMillipercent(percent);
    if (rateMillipercent === null) return save.setFieldErrors({ rateMillipercent: 'A percentage like 8.875 (up to three decimals)' });
    return save.submit(() => client.call('settings.saveTaxRate', { id: rate?.id, name, rateMillipercent, isDefault, active }));
  };
  return (
    <FormDialog title={rate ? 'Edit tax rate' : 'New tax rate'} onClose={onClose} testId="tax-dialog" onSubmit={submit} busy={save.busy} formError={save.formError} saveTestId="tax-save">
      <Field label="Name" error={save.fieldErrors.name}>
        <input value={name} onChange={(e) => setName(e.target.value)} autoFocus data-testid="tax-name" />
      </Field>
      <Field label="Rate (%)" error={save.fieldErrors.rateMillipercent} hint="e.g. 8.875">
        <input value={percent} onChange={(e) => setPercent(e.target.value)} inputMode="decimal" className="input-short" data-testid="tax-percent" />
      </Field>
      <Check label="Default rate" checked={isDefault} onChange={setIsDefault} />
      <Check label="Active" checked={active} onChange={setActive} />
    </FormDialog>
  );
}
