import type { Insertable } from 'kysely';
import { NO_LOT } from '../../db/migrations/0027_stock_on_hand';
import { LumenError } from '../../src-shared/errors';
import { localDate } from '../../src-shared/time';
import type { HandlerContext } from '../core/registry';
import type { ProductTable, StockMovementTable } from '../core/schema-inventory';
import { withNewIds } from '../core/save-row';

export type NewMovement = Omit<Insertable<StockMovementTable>, 'id' | 'at' | 'by' | 'reason' | 'unitCostCents' | 'receiptId' | 'countId' | 'invoiceLineId' | 'chartId' | 'appointmentId' | 'patientId'> &
  Partial<Pick<StockMovementTable, 'reason' | 'unitCostCents' | 'receiptId' | 'countId' | 'invoiceLineId' | 'chartId' | 'appointmentId' | 'patientId'>>;

/** Appends movements to the ledger, stamped with this call's time and person. Zero quantities are skipped. */
export async function appendMovements(ctx: HandlerContext, movements: readonly NewMovement[]): Promise<void> {
  const rows = movements
    .filter((m) => m.quantity !== 0)
    .map((m) => ({
      reason: '',
      unitCostCents: null,
      receiptId: null,
      countId: null,
      invoiceLineId: null,
      chartId: null,
      appointmentId: null,
      patientId: null,
      ...m,
      at: ctx.now.toISOString(),
      by: ctx.session?.staffId ?? null,
    }));
  if (rows.length) await ctx.db.insertInto('stockMovement').values(withNewIds(ctx, 'stockMovement', rows)).execute();
}

export async function requireProduct(ctx: HandlerContext, productId: number): Promise<ProductTable> {
  const product = await ctx.db.selectFrom('product').selectAll().where('id', '=', productId).executeTakeFirst();
  if (!product) throw new LumenError('not_found', 'There is no such product.');
  return product;
}

/** What is on hand of each lot of a product (lotId null: stock kept without a lot), with the lot's expiry. */
export async function lotBalances(ctx: HandlerContext, productId: number): Promise<{ lotId: number | null; lotNumber: string | null; expiry: string | null; onHand: number }[]> {
  const lots = await ctx.db
    .selectFrom('stockLot as l')
    .leftJoin('stockOnHand as o', (join) => join.onRef('o.productId', '=', 'l.productId').onRef('o.lotKey', '=', 'l.id'))
    .select(['l.id as lotId', 'l.lotNumber', 'l.expiry'])
    .select((eb) => eb.fn.coalesce('o.onHand', eb.val(0)).as('onHand'))
    .where('l.productId', '=', productId)
    .orderBy('l.expiry')
    .orderBy('l.id')
    .execute();
  const loose = await ctx.db.selectFrom('stockOnHand').select('onHand').where('productId', '=', productId).where('lotKey', '=', NO_LOT).executeTakeFirst();
  return [...lots, ...(loose ? [{ lotId: null, lotNumber: null, expiry: null, onHand: loose.onHand }] : [])];
}

/** Today in the clinic's zone, which is what "expired" is measured against. */
export const clinicToday = (ctx: HandlerContext): string => localDate(ctx.now.toISOString(), ctx.clinic().timeZone);
