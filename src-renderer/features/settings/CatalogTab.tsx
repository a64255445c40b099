import { useState } from 'react';
import type { Category, Service } from '../../../src-shared/contract/catalog';
import { money } from '../../lib/format';
import { AsyncList, EditButton, EditCell, RowsTable } from '../../lib/ListPanel';
import { useCall } from '../../lib/hooks';
import { useCan, useClinic } from '../../lib/store';
import { Badge, TagChip } from '../../lib/ui';
import { CategoryDialog, kindLabels, ServiceDialog } from './CatalogDialogs';

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
