import { z } from 'zod';
import { method } from './method';
import { CalendarDate, Cents, Id, Instant, Name, NonNegativeCents, OneLineText, ShortText } from './common';

export const productKinds = ['retail', 'injectable', 'consumable'] as const;
/** Units of stock: units of toxin, tenths of a millilitre of filler, or pieces. */
export const stockUnits = ['U', 'ml×0.1', 'each'] as const;
export const movementKinds = ['received', 'sold', 'returned', 'used', 'counted', 'writtenOff'] as const;

const Quantity = z.number().int().min(1).max(1_000_000);
const LotNumber = OneLineText.min(1).max(60);

export const ProductInput = z.strictObject({
  id: Id.optional(),
  name: Name.max(120),
  sku: OneLineText.max(40).nullable().default(null),
  barcode: OneLineText.max(40).nullable().default(null),
  kind: z.enum(productKinds),
  unit: z.enum(stockUnits),
  /** How many units of stock one package holds (a 100 U vial, a box of 10): receipts count packages. */
  unitsPerPackage: Quantity.default(1),
  /** Sale price of one unit of stock. */
  priceCents: NonNegativeCents,
  taxable: z.boolean().default(true),
  reorderLevel: z.number().int().min(0).max(1_000_000).default(0),
  active: z.boolean().default(true),
});
export type ProductInput = z.input<typeof ProductInput>;

export const Product = z.object({
  id: Id,
  name: z.string(),
  sku: z.string().nullable(),
  barcode: z.string().nullable(),
  kind: z.enum(productKinds),
  unit: z.enum(stockUnits),
  unitsPerPackage: z.number().int(),
  priceCents: Cents,
  taxable: z.boolean(),
  reorderLevel: z.number().int(),
  active: z.boolean(),
  onHand: z.number().int(),
});
export type Product = z.infer<typeof Product>;

export const ReceiptInput = z.strictObject({
  supplier: Name.max(120),
  /** The supplier's invoice or delivery note number. */
  reference: OneLineText.max(60).default(''),
  receivedOn: CalendarDate.optional(),
  note: ShortText.default(''),
  lines: z
    .array(
      z.strictObject({
        productId: Id,
        /** Required for injectables; a retail product may be stocked without lots. */
        lotNumber: LotNumber.optional(),
        expiry: CalendarDate.optional(),
        packages: Quantity,
        /** Cost of one package. */
        unitCostCents: NonNegativeCents,
      }),
    )
    .min(1)
    .max(100),
});
export type ReceiptInput = z.input<typeof ReceiptInput>;

export const CountInput = z.strictObject({
  productId: Id,
  /** What is on the shelf, per lot (lotId null: stock not tracked by lot). Lots left out are not counted. */
  lots: z.array(z.strictObject({ lotId: Id.nullable(), counted: z.number().int().min(0).max(1_000_000) })).min(1).max(200),
  note: ShortText.default(''),
});
export type CountInput = z.input<typeof CountInput>;

export const StockRow = z.object({
  productId: Id,
  productName: z.string(),
  unit: z.enum(stockUnits),
  lotId: Id.nullable(),
  lotNumber: z.string().nullable(),
  expiry: CalendarDate.nullable(),
  onHand: z.number().int(),
});
export type StockRow = z.infer<typeof StockRow>;

export const Movement = z.object({
  id: Id,
  lotNumber: z.string().nullable(),
  kind: z.enum(movementKinds),
  quantity: z.number().int(),
  reason: z.string(),
  at: Instant,
  by: z.string().nullable(),
  /** What it came from, as a person reads it: "Receipt from Allergan (INV-88)", "Invoice INV-P0000012", "Visit note". */
  source: z.string(),
});

export const RecallRow = z.object({
  patientId: Id,
  patientName: z.string(),
  patientNumber: z.string(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  doNotContact: z.boolean(),
  /** Channels the patient agreed to be contacted on. */
  consents: z.array(z.string()),
  via: z.enum(['chart', 'invoice']),
  date: CalendarDate,
  appointmentId: Id.nullable(),
  invoiceNumber: z.string().nullable(),
  productName: z.string(),
  lotNumber: z.string(),
  units: z.number().int(),
  /** A chart's lot that matches no lot received into stock (typed by hand). */
  unmatched: z.boolean(),
});
export type RecallRow = z.infer<typeof RecallRow>;

export const inventory = {
  'products.list': method({
    summary: 'Products with what is on hand, by name; inactive ones too when asked.',
    input: z.strictObject({ includeInactive: z.boolean().default(false), kind: z.enum(productKinds).optional() }),
    output: z.array(Product),
    permission: 'inventory.read',
    transaction: 'read',
    errors: ['invalid_input'],
  }),
  'products.save': method({
    summary: 'Add or edit a product (name, SKU/barcode, kind, unit of stock, price, tax, reorder level).',
    input: ProductInput,
    output: z.object({ id: Id }),
    permission: 'inventory.manage',
    transaction: 'write',
    errors: ['invalid_input', 'not_found', 'conflict'],
  }),
  'stock.receive': method({
    summary: 'Receive a delivery: lines of product, lot, expiry, packages and cost; stock comes in per lot.',
    input: ReceiptInput,
    output: z.object({ id: Id, totalCostCents: Cents }),
    permission: 'inventory.manage',
    transaction: 'write',
    errors: ['invalid_input', 'not_found', 'conflict'],
  }),
  'stock.count': method({
    summary: 'Count a product’s lots: each difference to the expected stock is recorded as a movement of the count.',
    input: CountInput,
    output: z.object({ id: Id, differences: z.array(z.object({ lotId: Id.nullable(), expected: z.number().int(), counted: z.number().int() })) }),
    permission: 'inventory.manage',
    transaction: 'write',
    errors: ['invalid_input', 'not_found'],
  }),
  'stock.writeOff': method({
    summary: 'Write stock off (expired, damaged, lost) with a reason.',
    input: z.strictObject({ productId: Id, lotId: Id.nullable(), quantity: Quantity, reason: OneLineText.min(2).max(200) }),
    output: z.object({ onHand: z.number().int() }),
    permission: 'inventory.manage',
    transaction: 'write',
    errors: ['invalid_input', 'not_found', 'conflict'],
  }),
  'stock.onHand': method({
    summary: 'Stock on hand per product and lot (lots that ran out are left out unless asked).',
    input: z.strictObject({ productId: Id.optional(), includeEmpty: z.boolean().default(false) }),
    output: z.array(StockRow),
    permission: 'inventory.read',
    transaction: 'read',
    errors: ['invalid_input'],
  }),
  'stock.movements': method({
    summary: 'The ledger of one product (or one of its lots), newest first.',
    input: z.strictObject({ productId: Id, lotId: Id.optional(), limit: z.number().int().min(1).max(500).default(200) }),
    output: z.array(Movement),
    permission: 'inventory.read',
    transaction: 'read',
    errors: ['invalid_input', 'not_found'],
  }),
  'stock.low': method({
    summary: 'Active products at or below their reorder level.',
    input: z.strictObject({}),
    output: z.array(Product),
    permission: 'inventory.read',
    transaction: 'read',
    errors: ['invalid_input'],
  }),
  'stock.expiring': method({
    summary: 'Lots with stock that expire within the next N days (default 60), and those already expired.',
    input: z.strictObject({ withinDays: z.number().int().min(0).max(3650).default(60) }),
    output: z.array(StockRow.extend({ expired: z.boolean(), daysLeft: z.number().int() })),
    permission: 'inventory.read',
    transaction: 'read',
    errors: ['invalid_input'],
  }),
  'stock.recall': method({
    summary: 'Lot recall: every patient and visit that received a lot number (charts) or bought it (invoices), with contact details.',
    input: z.strictObject({ lotNumber: LotNumber }),
    output: z.array(RecallRow),
    permission: 'inventory.manage',
    transaction: 'write',
    errors: ['invalid_input'],
  }),
} as const;
