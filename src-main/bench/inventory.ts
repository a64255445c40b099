import type { Sqlite } from '../core/db';
import type { Registry } from '../core/registry';
import type { Connection } from '../core/session';
import { LOW_STOCK_SQL, ON_HAND_SQL } from '../inventory/index';
import type { Operation } from './measure';

/**
 * Inventory's lists on the demo's ten years of movements, through the registry as the front desk (who sells retail
 * and sees stock), with the same SQL as raw statements for the floor: the low-stock list sums every active product's
 * lots; on hand per lot reads one product's lots at a time (both from stockOnHand, the ledger's sums per lot).
 */
export function inventoryOperations(registry: Registry, conn: Connection, sqlite: Sqlite): Operation[] {
  const products = sqlite.prepare('SELECT id FROM product WHERE active = 1 ORDER BY id').pluck().all() as number[];
  const productAt = (run: number) => products[run % products.length];
  return [
    {
      name: 'stock: low stock',
      targetP95Ms: 50,
      call: () => registry.call('stock.low', {}, conn),
      floor: () => [{ sql: LOW_STOCK_SQL, params: [] }],
    },
    {
      name: 'stock: on hand of one product by lot',
      targetP95Ms: 20,
      call: (run) => registry.call('stock.onHand', { productId: productAt(run) }, conn),
      floor: (run) => [{ sql: ON_HAND_SQL, params: { productId: productAt(run), includeEmpty: 0 } }],
    },
  ];
}
