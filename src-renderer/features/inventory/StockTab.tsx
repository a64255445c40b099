import { useState } from 'react';
import type { Product } from '../../../src-shared/contract/inventory';
import { money } from '../../lib/format';
import { useCall } from '../../lib/hooks';
import { ListPanel, RowsTable } from '../../lib/ListPanel';
import { useCan, useClinic } from '../../lib/store';
import { Badge } from '../../lib/ui';
import { CountDialog } from './CountDialog';
import { kindLabels } from './labels';
import { ProductDialog } from './ProductDialog';
import { ReceiveDialog } from './ReceiveDialog';

type Open = { kind: 'product'; product: Product | null } | { kind: 'receive' } | { kind: 'count'; product: Product } | null;

/** Every product with what is on hand; those at or below their reorder level are marked and listed first. */
export function StockTab() {
  const can = useCan();
  const { currency } = useClinic();
  const manage = can('inventory.manage');
  const state = useCall('products.list', { includeInactive: manage });
  const [open, setOpen] = useState<Open>(null);
  const low = (p: Product) => p.active && p.onHand <= p.reorderLevel;
  const sorted = state.data && { ...state, data: [...state.data].sort((a, b) => Number(low(b)) - Number(low(a)) || a.name.localeCompare(b.name)) };
  const close = () => setOpen(null);
  const dialog =
    open?.kind === 'product' ? (
      <ProductDialog product={open.product} onClose={close} onSaved={state.reload} />
    ) : open?.kind === 'receive' ? (
      <ReceiveDialog products={state.data ?? []} onClose={close} onSaved={state.reload} />
    ) : open?.kind === 'count' ? (
      <CountDialog product={open.product} onClose={close} onSaved={state.reload} />
    ) : null;
  return (
    <ListPanel testId="stock" state={sorted || state} empty="No products yet. Add the products you sell and inject." dialog={dialog}>
      {(rows) => (
        <>
          {manage && (
            <div className="actions actions-start">
              <button type="button" className="btn btn-primary" onClick={() => setOpen({ kind: 'receive' })} data-testid="stock-receive">
                Receive stock
              </button>
              <button type="button" className="btn" onClick={() => setOpen({ kind: 'product', product: null })} data-testid="product-add">
                Add product
              </button>
            </div>
          )}
          <RowsTable
            rows={rows}
            rowTestId="stock-row"
            inactive={(p) => !p.active}
            head={
              <>
                <th>Product</th>
                <th>Kind</th>
                <th className="num">On hand</th>
                <th className="num">Reorder at</th>
                <th className="num">Price</th>
                <th />
                {manage && <th />}
              </>
            }
          >
            {(p) => (
              <>
                <td>
                  {p.name} {p.sku && <span className="muted">· {p.sku}</span>}
                </td>
                <td>{kindLabels[p.kind]}</td>
                <td className="num" data-testid="stock-on-hand">
                  {p.onHand} {p.unit}
                </td>
                <td className="num">{p.reorderLevel}</td>
                <td className="num">{money(p.priceCents, currency)}</td>
                <td>{low(p) ? <Badge kind="alert" testId="stock-low">Low</Badge> : !p.active && <Badge kind="muted">Inactive</Badge>}</td>
                {manage && (
                  <td className="actions">
                    <button type="button" className="btn btn-small" onClick={() => setOpen({ kind: 'count', product: p })} data-testid="stock-count">
                      Count
                    </button>
                    <button type="button" className="btn btn-small" onClick={() => setOpen({ kind: 'product', product: p })}>
                      Edit
                    </button>
                  </td>
                )}
              </>
            )}
          </RowsTable>
        </>
      )}
    </ListPanel>
  );
}
