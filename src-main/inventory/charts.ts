import { sql } from 'kysely';
import type { Injection } from '../../src-shared/contract/charts';
import { escapeLike } from '../../src-shared/text';
import type { HandlerContext } from '../core/registry';
import { withNewIds } from '../core/save-row';
import { appendMovements, clinicToday, type NewMovement } from './ledger';

export interface SignedChart {
  id: number;
  /** The original entry of the note (itself when this is not an amendment). */
  originalId: number;
  appointmentId: number;
  patientId: number;
  injections: readonly Injection[];
}

/**
 * The stock lot a chart's injection names: the lot of that number of the product of that name. When no product has
 * the typed name (another spelling, a brand name), a lot number that belongs to exactly one injectable.
 */
async function matchLot(ctx: HandlerContext, injection: Injection): Promise<{ id: number; productId: number } | null> {
  const product = await ctx.db.selectFrom('product').select('id').where('name', '=', injection.product).executeTakeFirst();
  if (product) {
    const lot = await ctx.db.selectFrom('stockLot').select(['id', 'productId']).where('productId', '=', product.id).where('lotNumber', '=', injection.lot).executeTakeFirst();
    return lot ?? null;
  }
  const byLot = await ctx.db
    .selectFrom('stockLot as l')
    .innerJoin('product as p', 'p.id', 'l.productId')
    .select(['l.id', 'l.productId'])
    .where('l.lotNumber', '=', injection.lot)
    .where('p.kind', '=', 'injectable')
    .limit(2)
    .execute();
  return byLot.length === 1 ? byLot[0] : null;
}

/**
 * Stock used by a signed visit note: what it injected from each lot leaves that lot. An amendment corrects by the
 * difference to what the note's earlier entries took (a new movement, never an edit), so a lot changed from A to B
 * gives A back and takes B. A chart records what happened: a lot short of stock goes negative rather than refusing
 * the signature. An injection whose lot matches no stock lot is kept as an unmatched use, for recall and review.
 */
export async function recordChartUse(ctx: HandlerContext, chart: SignedChart): Promise<void> {
  const wanted = new Map<number, { productId: number; units: number }>();
  const unmatched: Injection[] = [];
  for (const injection of chart.injections) {
    const lot = await matchLot(ctx, injection);
    if (!lot) {
      unmatched.push(injection);
      continue;
    }
    const entry = wanted.get(lot.id) ?? { productId: lot.productId, units: 0 };
    entry.units += injection.units;
    wanted.set(lot.id, entry);
  }
  const earlier = await ctx.db
    .selectFrom('stockMovement')
    .select(['lotId', 'productId'])
    .select((eb) => eb.fn.sum<number>('quantity').as('net'))
    .where('chartId', 'in', (eb) => eb.selectFrom('chart').select('id').where((c) => c.or([c('id', '=', chart.originalId), c('amendsChartId', '=', chart.originalId)])))
    .groupBy(['lotId', 'productId'])
    .execute();
  const movements: NewMovement[] = [];
  const common = { kind: 'used' as const, chartId: chart.id, appointmentId: chart.appointmentId, patientId: chart.patientId };
  for (const [lotId, use] of wanted) {
    const before = -(earlier.find((e) => e.lotId === lotId)?.net ?? 0);
    movements.push({ ...common, productId: use.productId, lotId, quantity: before - use.units, reason: before ? 'Visit note amended' : 'Visit note signed' });
  }
  for (const e of earlier) {
    if (e.lotId !== null && !wanted.has(e.lotId) && e.net !== 0) movements.push({ ...common, productId: e.productId, lotId: e.lotId, quantity: -e.net, reason: 'Visit note amended: lot no longer used' });
  }
  await appendMovements(ctx, movements);
  if (unmatched.length) {
    const rows = unmatched.map((injection) => ({
      chartId: chart.id,
      appointmentId: chart.appointmentId,
      patientId: chart.patientId,
      product: injection.product,
      lotNumber: injection.lot,
      expiry: injection.expiry,
      units: injection.units,
      at: ctx.now.toISOString(),
    }));
    await ctx.db.insertInto('unmatchedLotUse').values(withNewIds(ctx, 'unmatchedLotUse', rows)).execute();
  }
}

/** The lots a chart form offers: unexpired lots in stock of products whose name starts with the typed text, first-expiring first. */
export async function lotsInStock(ctx: HandlerContext, productPrefix: string) {
  const rows = await ctx.db
    .selectFrom('stockLot as l')
    .innerJoin('product as p', 'p.id', 'l.productId')
    .select(['p.name as product', 'l.lotNumber as lot', 'l.expiry', 'p.unit'])
    .select(sql<number>`coalesce((SELECT o.onHand FROM stockOnHand o WHERE o.productId = l.productId AND o.lotKey = l.id), 0)`.as('onHand'))
    .where(sql<boolean>`p.name LIKE ${`${escapeLike(productPrefix)}%`} ESCAPE '\\'`)
    .where('p.active', '=', 1)
    .where('l.expiry', '>=', clinicToday(ctx))
    .orderBy('l.expiry')
    .orderBy('p.name')
    .orderBy('l.lotNumber')
    .limit(400)
    .execute();
  return rows.filter((row) => row.onHand > 0).slice(0, 200);
}
