import type { CrossSellPair } from '../../src-shared/contract/segments';
import { cached } from '../core/db';
import type { HandlerMap } from '../core/registry';
import { CROSS_SELL_SQL } from './queries';

/** "Bought A, never B" presets, largest first: each opens the query builder with categories { any: [A], never: [B] }. */
export const crossSellHandlers: HandlerMap<'segments.crossSell'> = {
  'segments.crossSell': ({ limit }, ctx) => cached(ctx.sqlite, CROSS_SELL_SQL).all({ limit }) as CrossSellPair[],
};
