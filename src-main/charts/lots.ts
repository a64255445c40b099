import type { ChartContent } from '../../src-shared/contract/charts';
import type { HandlerContext, HandlerMap } from '../core/registry';
import { lotsInStock, recordChartUse } from '../inventory/index';

/**
 * What a signed note (or amendment) used: the lots it names leave stock (inventory), and the pick-list of lots
 * used before is kept for notes written before inventory.
 */
export async function recordLots(ctx: HandlerContext, chart: { id: number; originalId: number; appointmentId: number; patientId: number }, content: ChartContent): Promise<void> {
  for (const injection of content.injections) {
    await ctx.db
      .insertInto('productLot')
      .values({ product: injection.product, lot: injection.lot, expiry: injection.expiry, lastUsedAt: ctx.now.toISOString() })
      .onConflict((oc) =>
        oc.columns(['product', 'lot']).doUpdateSet((eb) => ({
          expiry: eb.ref('excluded.expiry'),
          lastUsedAt: eb.fn<string>('max', ['productLot.lastUsedAt', 'excluded.lastUsedAt']),
        })),
      )
      .execute();
  }
  await recordChartUse(ctx, { ...chart, injections: content.injections });
}

export const lotHandlers: HandlerMap<'charts.lots'> = {
  /** The lots in stock, first-expiring first: the one the practitioner should open next heads the list. */
  'charts.lots': ({ product }, ctx) => lotsInStock(ctx, product ?? ''),
};
