import { LumenError } from '../../src-shared/errors';
import { cached } from '../core/db';
import type { HandlerContext } from '../core/registry';
import { STOCK_LINES_SQL } from './queries';
import { appendMovements, clinicToday, lotBalances, type NewMovement } from './ledger';


interface Shortage {
  line: number;
  productName: string;
  wanted: number;
  onHand: number;
}

interface StockLine {
  id: number;
  position: number;
  productId: number;
  lotId: number | null;
  quantity: number;
  name: string;
  patientId: number | null;
  appointmentId: number | null;
  number: string | null;
}

/** The product (and lot) an invoice line sells, checked when the draft is saved. */
type LineProduct = { product: { id: number; name: string; priceCents: number; taxable: 0 | 1 } } | { error: string; field: 'productId' | 'lotId' };

export async function productForLine(ctx: HandlerContext, productId: number, lotId: number | undefined): Promise<LineProduct> {
  const product = await ctx.db.selectFrom('product').select(['id', 'name', 'priceCents', 'taxable', 'active']).where('id', '=', productId).executeTakeFirst();
  if (!product) return { error: 'That product does not exist.', field: 'productId' };
  if (!product.active) return { error: `${product.name} is no longer sold.`, field: 'productId' };
  if (lotId !== undefined) {
    const lot = await ctx.db.selectFrom('stockLot').select(['id', 'expiry', 'lotNumber']).where('id', '=', lotId).where('productId', '=', productId).executeTakeFirst();
    if (!lot) return { error: `That lot is not a lot of ${product.name}.`, field: 'lotId' };
    if (lot.expiry < clinicToday(ctx)) return { error: `Lot ${lot.lotNumber} expired on ${lot.expiry}; it cannot be sold.`, field: 'lotId' };
  }
  return { product };
}

/**
 * Takes the stock of an issued invoice's product lines: the named lot, else first-expiring lots first (expired lots
 * are never sold), then stock kept without a lot. Selling more than is on hand is refused with what is short, unless
 * the seller confirms (`sellBeyondStock`: the shelf is right and the records are behind); the rest is then recorded
 * without a lot, shows as negative stock, and the next receipt or count puts it right.
 */
export async function takeStockForInvoice(ctx: HandlerContext, invoiceId: number, sellBeyondStock: boolean): Promise<void> {
  const lines = cached(ctx.sqlite, STOCK_LINES_SQL).all(invoiceId) as StockLine[];
  const today = clinicToday(ctx);
  const movements: NewMovement[] = [];
  const shortages: Shortage[] = [];
  // What earlier lines of this invoice already took, so two lines of one product do not count the same units.
  const taken = new Map<number | null, number>();
  for (const line of lines) {
    const balances = (await lotBalances(ctx, line.productId))
      .map((b) => ({ ...b, onHand: b.onHand - (taken.get(b.lotId) ?? 0) }))
      .filter((b) => (line.lotId !== null ? b.lotId === line.lotId : b.expiry === null || b.expiry >= today));
    let left = line.quantity;
    const take = (lotId: number | null, quantity: number) => {
      movements.push({ productId: line.productId, lotId, kind: 'sold', quantity: -quantity, invoiceLineId: line.id, patientId: line.patientId, appointmentId: line.appointmentId, reason: `Invoice ${line.number}` });
      taken.set(lotId, (taken.get(lotId) ?? 0) + quantity);
      left -= quantity;
    };
    for (const balance of balances) {
      if (left > 0 && balance.onHand > 0) take(balance.lotId, Math.min(left, balance.onHand));
    }
    if (left > 0) {
      shortages.push({ line: line.position, productName: line.name, wanted: line.quantity, onHand: line.quantity - left });
      if (sellBeyondStock) take(line.lotId, left);
    }
  }
  if (shortages.length && !sellBeyondStock) {
    const list = shortages.map((s) => `${s.productName}: ${s.onHand} on hand, ${s.wanted} sold`).join('; ');
    throw new LumenError('conflict', `Not enough in stock (${list}). Check the shelf; if the goods are there, issue anyway.`, { shortages });
  }
  await appendMovements(ctx, movements);
  if (shortages.length) {
    ctx.audit({ action: 'update', entity: 'invoice', entityId: invoiceId, summary: `Sold beyond recorded stock on ${lines[0].number}`, details: { shortages } });
  }
}

/** Puts back everything an invoice took (it went back to draft, or was voided), lot by lot. */
export async function returnStockOfInvoice(ctx: HandlerContext, invoiceId: number, reason: string): Promise<void> {
  const out = await ctx.db
    .selectFrom('stockMovement as m')
    .innerJoin('invoiceLine as l', 'l.id', 'm.invoiceLineId')
    .select(['m.productId', 'm.lotId', 'm.invoiceLineId', 'm.patientId', 'm.appointmentId'])
    .select((eb) => eb.fn.sum<number>('m.quantity').as('net'))
    .where('l.invoiceId', '=', invoiceId)
    .groupBy(['m.invoiceLineId', 'm.productId', 'm.lotId'])
    .execute();
  await appendMovements(
    ctx,
    out.filter((row) => row.net < 0).map((row) => ({ productId: row.productId, lotId: row.lotId, kind: 'returned' as const, quantity: -row.net, invoiceLineId: row.invoiceLineId, patientId: row.patientId, appointmentId: row.appointmentId, reason })),
  );
}

/**
 * A credit note that restocks puts the returned units of each line back into the lots they were sold from (the
 * latest-expiring first); one that does not (damaged, opened) leaves stock as it is.
 */
export async function restockCredited(ctx: HandlerContext, lines: readonly { invoiceLineId: number; quantity: number }[], reason: string): Promise<void> {
  const movements: NewMovement[] = [];
  for (const line of lines) {
    const sold = await ctx.db
      .selectFrom('stockMovement as m')
      .leftJoin('stockLot as s', 's.id', 'm.lotId')
      .select(['m.productId', 'm.lotId', 'm.patientId', 'm.appointmentId'])
      .select((eb) => eb.fn.sum<number>('m.quantity').as('net'))
      .where('m.invoiceLineId', '=', line.invoiceLineId)
      .groupBy(['m.productId', 'm.lotId'])
      .orderBy('s.expiry', 'desc')
      .execute();
    let left = line.quantity;
    for (const lot of sold) {
      const quantity = Math.min(left, -lot.net);
      if (quantity <= 0) continue;
      movements.push({ productId: lot.productId, lotId: lot.lotId, kind: 'returned', quantity, invoiceLineId: line.invoiceLineId, patientId: lot.patientId, appointmentId: lot.appointmentId, reason });
      left -= quantity;
    }
  }
  await appendMovements(ctx, movements);
}
