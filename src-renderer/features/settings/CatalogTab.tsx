import { useState } from 'react';
import { serviceKinds, type Category, type Service } from '../../../src-shared/contract/catalog';
import { parseMoney } from '../../../src-shared/money';
import { client } from '../../lib/client';
import { centsToInput, money } from '../../lib/format';
import { AsyncList, Check, EditButton, EditCell, FormDialog, RowsTable, useDialogSave } from '../../lib/ListPanel';
import { useCall } from '../../lib/hooks';
import { useCan, useClinic } from '../../lib/store';
import { Badge, Field, TagChip } from '../../lib/ui';

const kindLabels: Record<(typeof serviceKinds)[number], string> = { consult: 'Consultation', treatment: 'Treatment', product: 'Product', package: 'Package' };

export function CatalogTab() {
  const can = useCan();
  const { currency } = useClinic();
  const manage = can('catalog.manage');
  const categories = useCall('catalog.categories', { includeInactive: true });
  const [categoryId, setCategoryId] = useState<number | null>(null);
  const services = useCall('catalog.services', { includeInactive: true, categoryId: categoryId ?? undefined });
  const [editCategory, setEditCategory] = useState<Category | 'new' | null>(null);
  const [editService, setEditService] = useState<Service | 'new' | null>(null);

  return (
    <div className="grid-2 grid-catalog" data-testid="catalog">
      <div className="panel">
        <div className="panel-head">
          <h2>Categories</h2>
          {manage && (
            <button type="button" className="btn btn-small btn-primary" onClick={() => setEditCategory('new')} data-testid="category-add">
              Add category
            </button>
          )}
        </div>
        <AsyncList state={categories} empty="No categories yet.">
          {(rows) => (
            <ul className="select-list">
              <li>
                <button type="button" className={categoryId === null ? 'active' : ''} onClick={() => setCategoryId(null)}>
                  All services
                </button>
              </li>
              {rows.map((c) => (
                <li key={c.id} className={c.active ? '' : 'inactive'} data-testid="category-row">
                  <button type="button" className={categoryId === c.id ? 'active' : ''} onClick={() => setCategoryId(c.id)}>
                    <TagChip name={c.name} color={c.color} />
                    <span className="muted small">
                      {c.serviceCount} services{c.maintenanceIntervalDays ? ` · due again after ${c.maintenanceIntervalDays} days` : ''}
                    </span>
                  </button>
                  {manage && <EditButton onClick={() => setEditCategory(c)} />}
                </li>
              ))}
            </ul>
          )}
        </AsyncList>
      </div>
      <div className="panel">
        <div className="panel-head">
          <h2>Services</h2>
          {manage && (
            <button type="button" className="btn btn-small btn-primary" onClick={() => setEditService('new')} disabled={!categories.data?.length} data-testid="service-add">
              Add service
            </button>
          )}
        </div>
        <AsyncList state={services} empty={<>No services{categoryId ? ' in this category' : ''} yet.</>}>
          {(rows) => (
            <RowsTable
              rows={rows}
              rowTestId="service-row"
              inactive={(s) => !s.active}
              head={
                <>
                  <th>Service</th>
                  <th>Kind</th>
                  <th className="num">Price</th>
                  <th className="num">Minutes</th>
                  <th>Interval</th>
                  {manage && <th />}
                </>
              }
            >
              {(s) => (
                <>
                  <td>
                    {s.name} <span className="muted small">{s.categoryName}</span> {!s.taxable && <Badge kind="muted">no tax</Badge>}
                  </td>
                  <td>{kindLabels[s.kind]}</td>
                  <td className="num">{money(s.priceCents, currency)}</td>
                  <td className="num">{s.durationMinutes}</td>
                  <td>{s.maintenanceIntervalDays ? `${s.maintenanceIntervalDays} d${s.intervalOverrideDays ? ' (own)' : ''}` : '—'}</td>
                  {manage && <EditCell onClick={() => setEditService(s)} />}
                </>
              )}
            </RowsTable>
          )}
        </AsyncList>
      </div>
      {editCategory && (
        <CategoryDialog
          category={editCategory === 'new' ? null : editCategory}
          onClose={() => setEditCategory(null)}
          onSaved={() => {
            categories.reload();
            services.reload();
          }}
        />
      )}
      {editService && categories.data && (
        <ServiceDialog service={editService === 'new' ? null : editService} categories={categories.data} defaultCategoryId={categoryId} onClose={() => setEditService(null)} onSaved={services.reload} />
      )}
    </div>
  );
}

function CategoryDialog({ category, onClose, onSaved }: { category: Category | null; onClose: () => void; onSaved: () => void }) {
  const { currency } = useClinic();
  const [v, setV] = useState({
    name: category?.name ?? '',
    color: category?.color ?? '#5b7fa6',
    interval: category?.maintenanceIntervalDays ? String(category.maintenanceIntervalDays) : '',
    average: category ? centsToInput(category.averageSaleCents, currency) : '',
    active: category?.active ?? true,
  });
  const save = useDialogSave(() => {
    onSaved();
    onClose();
  });
  const submit = () => {
    const averageSaleCents = v.average.trim() ? parseMoney(v.average, currency) : 0;
    if (averageSaleCents === null) return save.setFieldErrors({ averageSaleCents: 'An amount like 350.00' });
    return save.submit(() =>
      client.call('catalog.saveCategory', {
        id: category?.id,
        name: v.name,
        color: v.color,
        maintenanceIntervalDays: v.interval.trim() ? Number(v.interval) : null,
        averageSaleCents,
        active: v.active,
      }),
    );
  };
  const f = save.fieldErrors;
  return (
    <FormDialog title={category ? 'Edit category' : 'New category'} onClose={onClose} testId="category-dialog" onSubmit={submit} busy={save.busy} formError={save.formError} saveTestId="category-save">
      <Field label="Name" error={f.name}>
        <input value={v.name} onChange={(e) => setV({ ...v, name: e.target.value })} autoFocus data-testid="category-name" />
      </Field>
      <Field label="Colour" error={f.color}>
        <input type="color" value={v.color} onChange={(e) => setV({ ...v, color: e.target.value })} />
      </Field>
      <Field label="Maintenance interval (days)" error={f.maintenanceIntervalDays} hint="When patients are due again, e.g. 90 for neurotoxin. Blank = none.">
        <input type="number" min={1} value={v.interval} onChange={(e) => setV({ ...v, interval: e.target.value })} className="input-short" data-testid="category-interval" />
      </Field>
      <Field label={`Average sale (${currency})`} error={f.averageSaleCents}>
        <input inputMode="decimal" value={v.average} onChange={(e) => setV({ ...v, average: e.target.value })} className="input-short" />
      </Field>
      <Check label="Active" checked={v.active} onChange={(active) => setV({ ...v, active })} />
    </FormDialog>
  );
}

function ServiceDialog({ service, categories, defaultCategoryId, onClose, onSaved }: { service: Service | null; categories: Category[]; defaultCategoryId: number | null; onClose: () => void; onSaved: () => void }) {
  const { currency } = useClinic();
  const [v, setV] = useState({
    categoryId: String(service?.categoryId ?? defaultCategoryId ?? categories[0]?.id ?? ''),
    name: service?.name ?? '',
    kind: service?.kind ?? ('treatment' as (typeof serviceKinds)[number]),
    price: service ? centsToInput(service.priceCents, currency) : '',
    duration: String(service?.durationMinutes ?? 30),
    taxable: service?.taxable ?? true,
    active: service?.active ?? true,
    override: service?.intervalOverrideDays ? String(service.intervalOverrideDays) : '',
  });
  const save = useDialogSave(() => {
    onSaved();
    onClose();
  });
  const submit = () => {
    const priceCents = parseMoney(v.price || '0', currency);
    if (priceCents === null) return save.setFieldErrors({ priceCents: 'An amount like 350.00' });
    return save.submit(() =>
      client.call('catalog.saveService', {
        id: service?.id,
        categoryId: Number(v.categoryId),
        name: v.name,
        kind: v.kind,
        priceCents,
        durationMinutes: Number(v.duration),
        taxable: v.taxable,
        active: v.active,
        intervalOverrideDays: v.override.trim() ? Number(v.override) : null,
      }),
    );
  };
  const f = save.fieldErrors;
  return (
    <FormDialog title={service ? 'Edit service' : 'New service'} onClose={onClose} testId="service-dialog" onSubmit={submit} busy={save.busy} formError={save.formError} saveTestId="service-save">
      <Field label="Name" error={f.name}>
        <input value={v.name} onChange={(e) => setV({ ...v, name: e.target.value })} autoFocus data-testid="service-name" />
      </Field>
      <div className="row">
        <Field label="Category" error={f.categoryId}>
          <select value={v.categoryId} onChange={(e) => setV({ ...v, categoryId: e.target.value })} data-testid="service-category">
            {categories.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Kind" error={f.kind}>
          <select value={v.kind} onChange={(e) => setV({ ...v, kind: e.target.value as typeof v.kind })} data-testid="service-kind">
            {serviceKinds.map((k) => (
              <option key={k} value={k}>
                {kindLabels[k]}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <div className="row">
        <Field label={`Price (${currency})`} error={f.priceCents}>
          <input inputMode="decimal" value={v.price} onChange={(e) => setV({ ...v, price: e.target.value })} className="input-short" data-testid="service-price" />
        </Field>
        <Field label="Duration (minutes)" error={f.durationMinutes}>
          <input type="number" min={0} value={v.duration} onChange={(e) => setV({ ...v, duration: e.target.value })} className="input-short" />
        </Field>
        <Field label="Own interval (days)" error={f.intervalOverrideDays} hint="Blank = the category's">
          <input type="number" min={1} value={v.override} onChange={(e) => setV({ ...v, override: e.target.value })} className="input-short" />
        </Field>
      </div>
      <Check label="Taxable" checked={v.taxable} onChange={(taxable) => setV({ ...v, taxable })} />
      <Check label="Active" checked={v.active} onChange={(active) => setV({ ...v, active })} />
    </FormDialog>
  );
}
