import { useFieldArray, useForm } from 'react-hook-form';
import type { z } from 'zod';
import { ReceiptInput, type Product } from '../../../src-shared/contract/inventory';
import { client } from '../../lib/client';
import { DialogForm } from '../../lib/DialogForm';
import { contractResolver } from '../../lib/forms';
import { inputToCents } from '../../lib/format';
import { useClinic, useUi } from '../../lib/store';
import { Dialog, Field } from '../../lib/ui';

interface LineValues {
  productId: string;
  lotNumber: string;
  expiry: string;
  packages: string;
  unitCostCents: string;
}
interface ReceiptValues {
  supplier: string;
  reference: string;
  lines: LineValues[];
}

const blank: LineValues = { productId: '', lotNumber: '', expiry: '', packages: '1', unitCostCents: '' };
const whole = (text: string) => (/^\s*\d+\s*$/.test(text) ? Number(text) : NaN);

/** A delivery: supplier and their reference, then a line per product and lot with its expiry, packages and cost. */
export function ReceiveDialog({ products, onClose, onSaved }: { products: Product[]; onClose: () => void; onSaved: () => void }) {
  const { currency } = useClinic();
  const form = useForm<ReceiptValues, unknown, z.output<typeof ReceiptInput>>({
    resolver: contractResolver(ReceiptInput, (v: ReceiptValues) => ({
      supplier: v.supplier,
      reference: v.reference,
      lines: v.lines.map((l) => ({
        productId: Number(l.productId) || NaN,
        lotNumber: l.lotNumber.trim() || undefined,
        expiry: l.expiry || undefined,
        packages: whole(l.packages),
        unitCostCents: inputToCents(l.unitCostCents, currency) ?? NaN,
      })),
    })),
    defaultValues: { supplier: '', reference: '', lines: [blank] },
  });
  const { register, formState, control } = form;
  const lines = useFieldArray({ control, name: 'lines' });
  const e = formState.errors;
  const active = products.filter((p) => p.active);
  return (
    <Dialog title="Receive stock" onClose={onClose} wide testId="receive-dialog">
      <DialogForm
        form={form}
        onSubmit={(input) =>
          client.call('stock.receive', input).then(() => {
            useUi.getState().notify('Stock received.');
            onSaved();
            onClose();
          })
        }
        onCancel={onClose}
        submit={{ label: 'Receive', testId: 'receive-save' }}
      >
        <div className="row">
          <Field label="Supplier" error={e.supplier?.message}>
            <input {...register('supplier')} autoFocus data-testid="receive-supplier" />
          </Field>
          <Field label="Delivery note or invoice" error={e.reference?.message}>
            <input {...register('reference')} className="input-short" data-testid="receive-reference" />
          </Field>
        </div>
        {lines.fields.map((field, i) => {
          const le = e.lines?.[i];
          return (
            <div className="row" key={field.id} data-testid="receive-line">
              <Field label="Product" error={le?.productId?.message}>
                <select {...register(`lines.${i}.productId`)} data-testid="receive-product">
                  <option value="">Choose…</option>
                  {active.map((p) => (
                    <option key={p.id} value={p.id}>
                      {p.name} ({p.unitsPerPackage} {p.unit} per package)
                    </option>
                  ))}
                </select>
              </Field>
              <Field label="Lot" error={le?.lotNumber?.message}>
                <input {...register(`lines.${i}.lotNumber`)} className="input-short" data-testid="receive-lot" />
              </Field>
              <Field label="Expiry" error={le?.expiry?.message}>
                <input type="date" {...register(`lines.${i}.expiry`)} data-testid="receive-expiry" />
              </Field>
              <Field label="Packages" error={le?.packages?.message}>
                <input type="number" min={1} {...register(`lines.${i}.packages`)} className="input-short" data-testid="receive-packages" />
              </Field>
              <Field label={`Cost per package (${currency})`} error={le?.unitCostCents?.message}>
                <input inputMode="decimal" {...register(`lines.${i}.unitCostCents`)} className="input-short" data-testid="receive-cost" />
              </Field>
              {lines.fields.length > 1 && (
                <button type="button" className="btn btn-small" onClick={() => lines.remove(i)} aria-label={`Remove line ${i + 1}`}>
                  Remove
                </button>
              )}
            </div>
          );
        })}
        <div className="actions actions-start">
          <button type="button" className="btn" onClick={() => lines.append(blank)} data-testid="receive-add-line">
            Add line
          </button>
        </div>
      </DialogForm>
    </Dialog>
  );
}
