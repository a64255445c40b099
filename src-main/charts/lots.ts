import { sql } from 'kysely';
import type { ChartContent } from '../../src-shared/contract/charts';
import { escapeLike } from '../../src-shared/text';
import type { HandlerContext, HandlerMap } from '../core/registry';

/** Remembers the product lots a signed note used, so the next note can pick them instead of typing. */
export async function recordLots(ctx: HandlerContext, content: ChartContent): Promise<void> {
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
}

export const lotHandlers: HandlerMap<'charts.lots'> = {
  'charts.lots': ({ product }, ctx) =>
    ctx.db
      .selectFrom('productLot')
      .select(['product', 'lot', 'expiry', 'lastUsedAt'])
      .where(sql<boolean>`product LIKE ${`${escapeLike(product ?? '')}%`} ESCAPE '\\'`)
      .orderBy('lastUsedAt', 'desc')
      .orderBy('product')
      .orderBy('lot')
      .limit(200)
      .execute(),
};
