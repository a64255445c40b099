import type { inventory } from '../../src-shared/contract/inventory';
import type { HandlerMap } from '../core/registry';
import { listHandlers } from './lists';
import { productHandlers } from './products';
import { stockHandlers } from './stock';

export { lotsInStock, recordChartUse, type SignedChart } from './charts';
export { productForLine, restockCredited, returnStockOfInvoice, takeStockForInvoice } from './sales';

/** Inventory: products, lots and expiry, stock as a ledger of movements, receipts, counts, low stock and lot recall. */
export const inventoryHandlers: HandlerMap<keyof typeof inventory> = {
  ...productHandlers,
  ...stockHandlers,
  ...listHandlers,
};
export { LOW_STOCK_SQL, ON_HAND_SQL, STOCK_LINES_SQL } from './queries';
