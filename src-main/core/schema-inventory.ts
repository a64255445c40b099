import type { movementKinds, productKinds, stockUnits } from '../../src-shared/contract/inventory';
/** Column types of the inventory tables (the Database map is in schema.ts). */
type Flag = 0 | 1;

export interface ProductTable {
  id: number;
  name: string;
  sku: string | null;
  barcode: string | null;
  kind: (typeof productKinds)[number];
  unit: (typeof stockUnits)[number];
  unitsPerPackage: number;
  /** Sale price of one unit of stock. */
  priceCents: number;
  taxable: Flag;
  reorderLevel: number;
  active: Flag;
  createdAt: string;
  updatedAt: string;
}

export interface StockLotTable {
  id: number;
  productId: number;
  lotNumber: string;
  expiry: string;
  createdAt: string;
}

export interface StockReceiptTable {
  id: number;
  supplier: string;
  reference: string;
  receivedOn: string;
  note: string;
  totalCostCents: number;
  createdAt: string;
  createdBy: number | null;
}

export interface StockCountTable {
  id: number;
  productId: number;
  note: string;
  countedAt: string;
  countedBy: number | null;
}

export interface StockMovementTable {
  id: number;
  productId: number;
  lotId: number | null;
  kind: (typeof movementKinds)[number];
  /** In the product's unit: positive in, negative out. */
  quantity: number;
  unitCostCents: number | null;
  reason: string;
  receiptId: number | null;
  countId: number | null;
  invoiceLineId: number | null;
  chartId: number | null;
  appointmentId: number | null;
  patientId: number | null;
  at: string;
  by: number | null;
}

/** On hand per product and lot (0027_stock_on_hand): the sum of its movements, kept by a trigger. */
export interface StockOnHandTable {
  productId: number;
  /** The lot's id; 0 for stock kept without a lot. */
  lotKey: number;
  onHand: number;
}

export interface UnmatchedLotUseTable {
  id: number;
  chartId: number;
  appointmentId: number;
  patientId: number;
  product: string;
  lotNumber: string;
  expiry: string;
  units: number;
  at: string;
}
