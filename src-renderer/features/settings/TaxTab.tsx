import { useState } from 'react';
import type { TaxRate } from '../../../src-shared/contract/settings';
import { client } from '../../lib/client';
import { millipercentToPercent, percentToMillipercent } from '../../lib/format';
import { useCall } from '../../lib/hooks';
import { useSave } from '../../lib/useSave';
import { useCan } from '../../lib/store';
import { Async, Badge, Dialog, Empty, Field, FormError } from '../../lib/ui';

export function TaxTab() {
  const can = useCan();
  const state = useCall('settings.taxRates', {});
  const [editing, setEditing] = useState<TaxRate | 'new' | null>(null);
  const manage = can('settings.manage');
  return (
    <div className="panel" data-testid="tax-rates">
      {manage && (
        <div className="actions actions-start">
          <button type="button" className="btn btn-primary" onClick={() => setEditing('new')} data-testid="tax-add">
            Add tax rate
          </button>
        </div>
      )}
      <Async state={state}>
        {(rows) =>
          rows.length ? (
            <table className="table">
              <thead>
                <tr>
                  <th>Name</th>
                  <th>Rate</th>
                  <th />
                  {manage && <th />}
                </tr>
              </thead>
              <tbody>
                {rows.map((t) => (
                  <tr key={t.id} className={t.active ? '' : 'inactive'} data-testid="tax-row">
                    <td>{t.name}</td>
                    <td>{millipercentToPercent(t.rateMillipercent)}%</td>
                    <td>
                      {t.isDefault && <Badge kind="ok">Default</Badge>} {!t.active && <Badge kind="muted">Inactive</Badge>}
                    </td>
                    {manage && (
                      <td>
                        <button type="button" className="btn btn-small" onClick={() => setEditing(t)}>
                          Edit
                        </button>
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <Empty>No tax rates yet.</Empty>
          )
        }
      </Async>
      {editing && <TaxDialog rate={editing === 'new' ? null : editing} onClose={() => setEditing(null)} onSaved={state.reload} />}
    </div>
  );
}

function TaxDialog({ rate, onClose, onSaved }: { rate: TaxRate | null; onClose: () => void; onSaved: () => void }) {
  const [name, setName] = useState(rate?.name ?? '');
  const [percent, setPercent] = useState(rate ? millipercentToPercent(rate.rateMillipercent) : '');
  const [isDefault, setIsDefault] = useState(rate?.isDefault ?? false);
  const [active, setActive] = useState(rate?.active ?? true);
  const save = useSave();
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const rateMillipercent = percentToMillipercent(percent);
    if (rateMillipercent === null) return save.setFieldErrors({ rateMillipercent: 'A percentage like 8.875 (up to three decimals)' });
    const ok = await save.run(() => client.call('settings.saveTaxRate', { id: rate?.id, name, rateMillipercent, isDefault, active }));
    if (ok) {
      onSaved();
      onClose();
    }
  };
  return (
    <Dialog title={rate ? 'Edit tax rate' : 'New tax rate'} onClose={onClose} testId="tax-dialog">
      <form className="form" onSubmit={submit} noValidate>
        <Field label="Name" error={save.fieldErrors.name}>
          <input value={name} onChange={(e) => setName(e.target.value)} autoFocus data-testid="tax-name" />
        </Field>
        <Field label="Rate (%)" error={save.fieldErrors.rateMillipercent} hint="e.g. 8.875">
          <input value={percent} onChange={(e) => setPercent(e.target.value)} inputMode="decimal" className="input-short" data-testid="tax-percent" />
        </Field>
        <label className="inline checkbox">
          <input type="checkbox" checked={isDefault} onChange={(e) => setIsDefault(e.target.checked)} /> Default rate
        </label>
        <label className="inline checkbox">
          <input type="checkbox" checked={active} onChange={(e) => setActive(e.target.checked)} /> Active
        </label>
        <FormError message={save.formError} />
        <div className="actions">
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary" disabled={save.busy} data-testid="tax-save">
            Save
          </button>
        </div>
      </form>
    </Dialog>
  );
}
