import type { CrossSellPair } from '../../src-shared/contract/segments';
import { cached } from '../core/db';
import type { HandlerMap } from '../core/registry';
import { CROSS_SELL_CATEGORIES_SQL, CROSS_SELL_ROWS_SQL } from './queries';

interface Category {
  id: number;
  name: string;
  active: 0 | 1;
}

/**
 * "Bought A, never B" per ordered pair of categories: A's buyers less those who bought both, largest first, towards
 * active categories only. Each preset opens the query builder with categories { any: [A], never: [B] }.
 */
export function crossSellPairs(rows: readonly { patientId: number; categoryId: number }[], categories: readonly Category[], limit: number): CrossSellPair[] {
  // Categories by dense index, so the pair counts are one flat array.
  const indexOf = new Map(categories.map((c, i) => [c.id, i]));
  const n = categories.length;
  const buyers = new Int32Array(n);
  const both = new Int32Array(n * n);
  const mine: number[] = [];
  // Rows come in key order, so one patient's categories are consecutive.
  for (let start = 0; start < rows.length; ) {
    mine.length = 0;
    let end = start;
    for (; end < rows.length && rows[end].patientId === rows[start].patientId; end++) {
      const k = indexOf.get(rows[end].categoryId);
      if (k !== undefined) mine.push(k);
    }
    for (const a of mine) {
      buyers[a]++;
      for (const b of mine) if (b !== a) both[a * n + b]++;
    }
    start = end;
  }
  const pairs: CrossSellPair[] = [];
  categories.forEach((a, i) => {
    categories.forEach((b, j) => {
      const count = i === j || !b.active ? 0 : buyers[i] - both[i * n + j];
      if (count > 0) pairs.push({ boughtCategoryId: a.id, boughtCategory: a.name, neverCategoryId: b.id, neverCategory: b.name, count });
    });
  });
  // Largest audience first; ties keep the catalog's order (categories come sorted, and the sort is stable).
  return pairs.sort((x, y) => y.count - x.count).slice(0, limit);
}

export const crossSellHandlers: HandlerMap<'segments.crossSell'> = {
  'segments.crossSell': ({ limit }, ctx) =>
    crossSellPairs(cached(ctx.sqlite, CROSS_SELL_ROWS_SQL).all() as { patientId: number; categoryId: number }[], cached(ctx.sqlite, CROSS_SELL_CATEGORIES_SQL).all() as Category[], limit),
};
