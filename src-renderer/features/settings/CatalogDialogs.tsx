import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { CategoryInput, ServiceInput, serviceKinds, type Category, type Service } from '../../../src-shared/contract/catalog';
import { client } from '../../lib/client';
import { DialogForm } from '../../lib/DialogForm';
import { contractResolver } from '../../lib/forms';
import { centsToInput, inputToCents } from '../../lib/format';
import { useClinic } from '../../lib/store';
import { Check, Dialog, Field } from '../../lib/ui';
import { readFromText } from './readFromText';

export const kindLabels: Record<(typeof serviceKinds)[number], string> = { consult: 'Consultation', treatment: 'Treatment', product: 'Product', package: 'Package' };

interface CategoryValues {
  name: string;
  color: string;
  maintenanceIntervalDays: string;
  averageSaleCents: string;
  active: boolean;
}

const CategorySchema = CategoryInput.extend({ averageSaleCents: readFromText(CategoryInput.shape.averageSaleCents.unwrap(), 'An amount like 350.00') });

export function CategoryDialog({ category, onClose, onSaved }: { category: Category | null; onClose: () => void; onSaved: () => void }) {
  const { currency } = useClinic();
  const form = useForm<CategoryValues, unknown, z.output<typeof CategorySchema>>({
    resolver: contractResolver(CategorySchema, (v: CategoryValues) => ({
      id: category?.id,
      // Not shown here, so kept: left out, the contract's default would turn every edited category's notes "general".
      chartTemplate: category?.chartTemplate,
      ...v,
      maintenanceIntervalDays: v.maintenanceIntervalDays.trim() ? Number(v.maintenanceIntervalDays) : null,
      averageSaleCents: inputToCents(v.averageSaleCents, currency),
    })),
    defaultValues: {
      name: category?.name ?? '',
      color: category?.color ?? '#5b7fa6',
      maintenanceIntervalDays: category?.maintenanceIntervalDays ? String(category.maintenanceIntervalDays) : '',
      averageSaleCents: category ? centsToInput(category.averageSaleCents, currency) : '',
      active: category?.active ?? true,
    },
  });
  const { register, formState } = form;
  const e = formState.errors;
  return (
    <Dialog title={category ? 'Edit category' : 'New category'} onClose={onClose} testId="category-dialog">
      <DialogForm form={form} onSubmit={(input) => client.call('catalog.saveCategory', input).then(onSaved).then(onClose)} onCancel={onClose} submit={{ label: 'Save', testId: 'category-save' }}>
        <Field label="Name" error={e.name?.message}>
          <input {...register('name')} autoFocus data-testid="category-name" />
        </Field>
        <Field label="Colour" error={e.color?.message}>
          <input type="color" {...register('color')} />
        </Field>
        <Field label="Maintenance interval (days)" error={e.maintenanceIntervalDays?.message} hint="When patients are due again, e.g. 90 for neurotoxin. Blank = none.">
          <input type="number" min={1} {...register('maintenanceIntervalDays')} className="input-short" data-testid="category-interval" />
        </Field>
        <Field label={`Average sale (${currency})`} error={e.averageSaleCents?.message}>
          <input inputMode="decimal" {...register('averageSaleCents')} className="input-short" />
        </Field>
        <Check label="Active" field={register('active')} />
      </DialogForm>
    </Dialog>
  );
}

interface ServiceValues {
  categoryId: string;
  name: string;
  kind: (typeof serviceKinds)[number];
  priceCents: string;
  durationMinutes: string;
  intervalOverrideDays: string;
  taxable: boolean;
  active: boolean;
}

const ServiceSchema = ServiceInput.extend({ priceCents: readFromText(ServiceInput.shape.priceCents, 'An amount like 350.00') });

export function ServiceDialog({ service, categories, defaultCategoryId, onClose, onSaved }: { service: Service | null; categories: Category[]; defaultCategoryId: number | null; onClose: () => void; onSaved: () => void }) {
  const { currency } = useClinic();
  const form = useForm<ServiceValues, unknown, z.output<typeof ServiceSchema>>({
    resolver: contractResolver(ServiceSchema, (v: ServiceValues) => ({
      id: service?.id,
      ...v,
      categoryId: Number(v.categoryId),
      priceCents: inputToCents(v.priceCents, currency),
      durationMinutes: Number(v.durationMinutes),
      intervalOverrideDays: v.intervalOverrideDays.trim() ? Number(v.intervalOverrideDays) : null,
    })),
    defaultValues: {
      categoryId: String(service?.categoryId ?? defaultCategoryId ?? categories[0]?.id ?? ''),
      name: service?.name ?? '',
      kind: service?.kind ?? 'treatment',
      priceCents: service ? centsToInput(service.priceCents, currency) : '',
      durationMinutes: String(service?.durationMinutes ?? 30),
      intervalOverrideDays: service?.intervalOverrideDays ? String(service.intervalOverrideDays) : '',
      taxable: service?.taxable ?? true,
      active: service?.active ?? true,
    },
  });
  const { register, formState } = form;
  const e = formState.errors;
  return (
    <Dialog title={service ? 'Edit service' : 'New service'} onClose={onClose} testId="service-dialog">
      <DialogForm form={form} onSubmit={(input) => client.call('catalog.saveService', input).then(onSaved).then(onClose)} onCancel={onClose} submit={{ label: 'Save', testId: 'service-save' }}>
        <Field label="Name" error={e.name?.message}>
          <input {...register('name')} autoFocus data-testid="service-name" />
        </Field>
        <div className="row">
          <Field label="Category" error={e.categoryId?.message}>
            <select {...register('categoryId')} data-testid="service-category">
              {categories.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </Field>
          <Field label="Kind" error={e.kind?.message}>
            <select {...register('kind')} data-testid="service-kind">
              {serviceKinds.map((k) => (
                <option key={k} value={k}>
                  {kindLabels[k]}
                </option>
              ))}
            </select>
          </Field>
        </div>
        <div className="row">
          <Field label={`Price (${currency})`} error={e.priceCents?.message}>
            <input inputMode="decimal" {...register('priceCents')} className="input-short" data-testid="service-price" />
          </Field>
          <Field label="Duration (minutes)" error={e.durationMinutes?.message}>
            <input type="number" min={0} {...register('durationMinutes')} className="input-short" />
          </Field>
          <Field label="Own interval (days)" error={e.intervalOverrideDays?.message} hint="Blank = the category's">
            <input type="number" min={1} {...register('intervalOverrideDays')} className="input-short" />
          </Field>
        </div>
        <Check label="Taxable" field={register('taxable')} />
        <Check label="Active" field={register('active')} />
      </DialogForm>
    </Dialog>
  );
}
