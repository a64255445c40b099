import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { ProductInput, productKinds, stockUnits, type Product } from '../../../src-shared/contract/inventory';
import { client } from '../../lib/client';
import { DialogForm } from '../../lib/DialogForm';
import { contractResolver } from '../../lib/forms';
import { centsToInput, inputToCents } from '../../lib/format';
import { useClinic } from '../../lib/store';
import { Check, Dialog, Field } from '../../lib/ui';
import { readFromText } from '../settings/readFromText';
import { kindLabels, unitLabels } from './labels';

interface ProductValues {
  name: string;
  sku: string;
  barcode: string;
  kind: (typeof productKinds)[number];
  unit: (typeof stockUnits)[number];
  unitsPerPackage: string;
  priceCents: string;
  reorderLevel: string;
  taxable: boolean;
  active: boolean;
}

const ProductSchema = ProductInput.extend({ priceCents: readFromText(ProductInput.shape.priceCents, 'An amount like 29.00') });
const whole = (text: string) => (/^\s*\d+\s*$/.test(text) ? Number(text) : NaN);

export function ProductDialog({ product, onClose, onSaved }: { product: Product | null; onClose: () => void; onSaved: () => void }) {
  const { currency } = useClinic();
  const form = useForm<ProductValues, unknown, z.output<typeof ProductSchema>>({
    resolver: contractResolver(ProductSchema, (v: ProductValues) => ({
      id: product?.id,
      ...v,
      sku: v.sku.trim() || null,
      barcode: v.barcode.trim() || null,
      unitsPerPackage: whole(v.unitsPerPackage),
      reorderLevel: whole(v.reorderLevel),
      priceCents: inputToCents(v.priceCents, currency),
    })),
    defaultValues: {
      name: product?.name ?? '',
      sku: product?.sku ?? '',
      barcode: product?.barcode ?? '',
      kind: product?.kind ?? 'retail',
      unit: product?.unit ?? 'each',
      unitsPerPackage: String(product?.unitsPerPackage ?? 1),
      priceCents: product ? centsToInput(product.priceCents, currency) : '',
      reorderLevel: String(product?.reorderLevel ?? 0),
      taxable: product?.taxable ?? true,
      active: product?.active ?? true,
    },
  });
  const { register, formState } = form;
  const e = formState.errors;
  return (
    <Dialog title={product ? `Edit ${product.name}` : 'New product'} onClose={onClose} testId="product-dialog">
      <DialogForm form={form} onSubmit={(input) => client.call('products.save', input).then(onSaved).then(onClose)} onCancel={onClose} submit={{ label: 'Save', testId: 'product-save' }}>
        <Field label="Name" error={e.name?.message}>
          <input {...register('name')} autoFocus data-testid="product-name" />
        </Field>
        <div className="row">
          <Field label="SKU" error={e.sku?.message}>
            <input {...register('sku')} className="input-short" data-testid="product-sku" />
          </Field>
          <Field label="Barcode" error={e.barcode?.message}>
            <input {...register('barcode')} className="input-short" />
          </Field>
        </div>
        <div className="row">
          <Field label="Kind" error={e.kind?.message} hint="Injectables leave stock when the visit note is signed; the rest when sold.">
            <select {...register('kind')} data-testid="product-kind">
              {productKinds.map((k) => (
                <option key={k} value={k}>
                  {kindLabels[k]}
                </option>
              ))}
            </select>
          </Field>
          <Field label="Stock is counted in" error={e.unit?.message}>
            <select {...register('unit')} data-testid="product-unit">
              {stockUnits.map((u) => (
                <option key={u} value={u}>
                  {unitLabels[u]}
                </option>
              ))}
            </select>
          </Field>
        </div>
        <div className="row">
          <Field label="Units per package" error={e.unitsPerPackage?.message} hint="A 100 U vial: 100. A single item: 1.">
            <input type="number" min={1} {...register('unitsPerPackage')} className="input-short" data-testid="product-per-package" />
          </Field>
          <Field label={`Price per unit (${currency})`} error={e.priceCents?.message}>
            <input inputMode="decimal" {...register('priceCents')} className="input-short" data-testid="product-price" />
          </Field>
          <Field label="Reorder at" error={e.reorderLevel?.message} hint="Listed as low stock at or below this.">
            <input type="number" min={0} {...register('reorderLevel')} className="input-short" data-testid="product-reorder" />
          </Field>
        </div>
        <Check label="Taxable" field={register('taxable')} />
        <Check label="Active (offered for sale and on charts)" field={register('active')} />
      </DialogForm>
    </Dialog>
  );
}
