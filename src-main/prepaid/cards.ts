import type { GiftCard } from '../../src-shared/contract/prepaid';
import { fieldError, LumenError } from '../../src-shared/errors';
import type { HandlerContext, HandlerMap } from '../core/registry';
import { normalizeCode } from './codes';
import { clinicToday } from './ledgers';

/** Gift cards with their ledger, by code or by the invoice that sold them. */
async function giftCards(ctx: HandlerContext, where: { code?: string; saleInvoiceId?: number }): Promise<GiftCard[]> {
  let query = ctx.db.selectFrom('giftCard as g').innerJoin('invoice as i', 'i.id', 'g.saleInvoiceId').selectAll('g').select('i.number as saleInvoiceNumber').orderBy('g.id');
  if (where.code !== undefined) query = query.where('g.code', '=', where.code);
  if (where.saleInvoiceId !== undefined) query = query.where('g.saleInvoiceId', '=', where.saleInvoiceId);
  const cards = await query.execute();
  if (!cards.length) return [];
  const entries = await ctx.db
    .selectFrom('giftCardEntry as e')
    .leftJoin('invoice as i', 'i.id', 'e.invoiceId')
    .select(['e.id', 'e.giftCardId', 'e.kind', 'e.amountCents', 'e.at', 'e.invoiceId', 'i.number as invoiceNumber', 'e.note'])
    .where('e.giftCardId', 'in', cards.map((c) => c.id))
    .orderBy('e.at')
    .orderBy('e.id')
    .execute();
  const today = clinicToday(ctx);
  return cards.map(({ saleLineId: _line, ...card }) => {
    const own = entries.filter((e) => e.giftCardId === card.id).map(({ giftCardId: _g, ...e }) => e);
    const balanceCents = own.reduce((sum, e) => sum + e.amountCents, 0);
    const state = balanceCents <= 0 ? ('spent' as const) : today > card.expiresOn ? ('expired' as const) : ('active' as const);
    return { ...card, balanceCents, state, entries: own };
  });
}

export const cardHandlers: HandlerMap<'giftCards.lookup' | 'giftCards.forInvoice'> = {
  'giftCards.lookup': async ({ code }, ctx) => {
    const [card] = await giftCards(ctx, { code: normalizeCode(code) });
    if (!card) throw fieldError('not_found', 'No gift card has this code.', 'code');
    return card;
  },
  'giftCards.forInvoice': async ({ invoiceId }, ctx) => {
    if (!(await ctx.db.selectFrom('invoice').select('id').where('id', '=', invoiceId).executeTakeFirst())) throw new LumenError('not_found', 'There is no such invoice.');
    return giftCards(ctx, { saleInvoiceId: invoiceId });
  },
};
