import { fieldError } from '../../src-shared/errors';
import type { HandlerContext, HandlerMap } from '../core/registry';
import { appendMovements, clinicToday, lotBalances, type NewMovement, requireProduct } from './ledger';

/** The lot of a product with this number: found, or added with its expiry. A known lot keeps the expiry it has. */
async function lotOf(ctx: HandlerContext, productId: number, lotNumber: string, expiry: string, field: string): Promise<number> {
  const lot = await ctx.db.selectFrom('stockLot').select(['id', 'expiry']).where('productId', '=', productId).where('lotNumber', '=', lotNumber).executeTakeFirst();
  if (lot) {
    if (lot.expiry !== expiry) throw fieldError('conflict', `Lot ${lotNumber} was received before with expiry ${lot.expiry}; check the box.`, field);
    return lot.id;
  }
  const id = ctx.newId('stockLot');
  await ctx.db.insertInto('stockLot').values({ id, productId, lotNumber, expiry, createdAt: ctx.now.toISOString() }).execute();
  return id;
}

export const stockHandlers: HandlerMap<'stock.receive' | 'stock.count' | 'stock.writeOff'> = {
  'stock.receive': async ({ supplier, reference, receivedOn, note, lines }, ctx) => {
    const id = ctx.newId('stockReceipt');
    const movements: NewMovement[] = [];
    let totalCostCents = 0;
    const today = clinicToday(ctx);
    for (const [i, line] of lines.entries()) {
      const product = await ctx.db.selectFrom('product').selectAll().where('id', '=', line.productId).executeTakeFirst();
      if (!product) throw fieldError('not_found', 'There is no such product.', `lines.${i}.productId`);
      if (product.kind === 'injectable' && !line.lotNumber) throw fieldError('invalid_input', `${product.name} is an injectable: give its lot number, for recalls.`, `lines.${i}.lotNumber`);
      if (line.lotNumber && !line.expiry) throw fieldError('invalid_input', 'A lot needs its expiry date.', `lines.${i}.expiry`);
      if (line.expiry && line.expiry < today) throw fieldError('invalid_input', `This lot expired on ${line.expiry}; expired stock is not received.`, `lines.${i}.expiry`);
      const lotId = line.lotNumber ? await lotOf(ctx, product.id, line.lotNumber, line.expiry!, `lines.${i}.expiry`) : null;
      totalCostCents += line.packages * line.unitCostCents;
      movements.push({
        productId: product.id,
        lotId,
        kind: 'received',
        quantity: line.packages * product.unitsPerPackage,
        // Cost of one unit of stock, rounded down to the cent; the receipt keeps the exact total.
        unitCostCents: Math.floor(line.unitCostCents / product.unitsPerPackage),
        receiptId: id,
        reason: `${line.packages} × ${product.unitsPerPackage} ${product.unit}`,
      });
    }
    await ctx.db
      .insertInto('stockReceipt')
      .values({ id, supplier, reference, receivedOn: receivedOn ?? today, note, totalCostCents, createdAt: ctx.now.toISOString(), createdBy: ctx.session?.staffId ?? null })
      .execute();
    await appendMovements(ctx, movements);
    ctx.audit({ action: 'create', entity: 'stockReceipt', entityId: id, summary: `Received stock from ${supplier}${reference ? ` (${reference})` : ''}: ${lines.length} line(s), cost ${totalCostCents} (minor units)`, details: { lines } });
    return { id, totalCostCents };
  },

  'stock.count': async ({ productId, lots, note }, ctx) => {
    const product = await requireProduct(ctx, productId);
    const balances = await lotBalances(ctx, productId);
    const seen = new Set<number | null>();
    const differences = lots.map((counted, i) => {
      if (seen.has(counted.lotId)) throw fieldError('invalid_input', 'This lot is counted twice.', `lots.${i}.lotId`);
      seen.add(counted.lotId);
      const balance = balances.find((b) => b.lotId === counted.lotId);
      if (!balance && counted.lotId !== null) throw fieldError('not_found', `That lot is not a lot of ${product.name}.`, `lots.${i}.lotId`);
      return { lotId: counted.lotId, expected: balance?.onHand ?? 0, counted: counted.counted };
    });
    const id = ctx.newId('stockCount');
    await ctx.db.insertInto('stockCount').values({ id, productId, note, countedAt: ctx.now.toISOString(), countedBy: ctx.session?.staffId ?? null }).execute();
    await appendMovements(
      ctx,
      differences.map((d) => ({ productId, lotId: d.lotId, kind: 'counted' as const, quantity: d.counted - d.expected, countId: id, reason: `Counted ${d.counted}, expected ${d.expected}` })),
    );
    const changed = differences.filter((d) => d.counted !== d.expected);
    ctx.audit({
      action: 'create',
      entity: 'stockCount',
      entityId: id,
      summary: `Counted ${product.name}: ${changed.length ? `${changed.length} lot(s) differed` : 'as expected'}`,
      details: { productId, differences, note },
    });
    return { id, differences };
  },

  'stock.writeOff': async ({ productId, lotId, quantity, reason }, ctx) => {
    const product = await requireProduct(ctx, productId);
    const balance = (await lotBalances(ctx, productId)).find((b) => b.lotId === lotId);
    if (!balance) throw fieldError('not_found', `That lot is not a lot of ${product.name}.`, 'lotId');
    if (quantity > balance.onHand) throw fieldError('conflict', `Only ${Math.max(0, balance.onHand)} ${product.unit} of this lot are on hand.`, 'quantity');
    await appendMovements(ctx, [{ productId, lotId, kind: 'writtenOff', quantity: -quantity, reason }]);
    ctx.audit({ action: 'create', entity: 'stockMovement', entityId: productId, summary: `Wrote off ${quantity} ${product.unit} of ${product.name}${balance.lotNumber ? ` lot ${balance.lotNumber}` : ''}: ${reason}`, details: { productId, lotId, quantity, reason } });
    return { onHand: balance.onHand - quantity };
  },
};
