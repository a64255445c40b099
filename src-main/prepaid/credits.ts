import type { Invoice } from '../../src-shared/contract/checkout';
import { fieldError } from '../../src-shared/errors';
import { divRound } from '../../src-shared/money';
import type { HandlerContext } from '../core/registry';
import { addGiftCardEntry, addPackageEntry, addStoredValueEntry, giftCardBalance, storedValueBalance, unitsLeft } from './ledgers';
import { packagesOfSaleLine } from './sale';

type Line = Invoice['lines'][number];
type Share = { netCents: number; taxCents: number; totalCents: number };

/** What a credit note on a prepaid line returns, and the ledger entries to write once the note has its id. */
export interface PrepaidCredit {
  share: Share;
  record(creditNoteId: number): Promise<void>;
}

/** `part` of `whole` of a line's amounts, rounded half away from zero once each (total = net + tax). */
function shareOf(line: Line, part: number, whole: number): Share {
  const netCents = divRound(line.netCents * part, whole);
  const taxCents = divRound(line.taxCents * part, whole);
  return { netCents, taxCents, totalCents: netCents + taxCents };
}

/**
 * A credit note on a line that sold something ahead returns only what is still unused, pro rata:
 * - a package: price × unused ÷ units sold (never more than the line), and the unused units leave the package;
 * - an activated gift card: what is left on the card, which is cancelled;
 * - an activated top-up: the top-up and its bonus leave the stored value, refused when some was already spent.
 * Null for any other line (and for a card or top-up not activated yet: the whole line returns as usual).
 */
export async function prepaidCredit(ctx: HandlerContext, invoice: Invoice, line: Line, field: string): Promise<PrepaidCredit | null> {
  if (line.packagePlanId !== null) {
    const held = await packagesOfSaleLine(ctx, line.id);
    if (!held.length) return null;
    const left = await Promise.all(held.map(async (p) => ({ id: p.id, left: await unitsLeft(ctx.db, p.id) })));
    const unused = left.reduce((sum, p) => sum + p.left, 0);
    if (unused <= 0) throw fieldError('invalid_input', `Every session of ${held[0].name} was used: nothing is left to refund.`, field);
    return {
      share: shareOf(line, Math.min(unused, held[0].units), held[0].units),
      async record(creditNoteId) {
        for (const p of left) await addPackageEntry(ctx, p.id, 'refunded', -p.left, { invoiceId: invoice.id, creditNoteId, note: invoice.number ?? '' });
      },
    };
  }
  if (line.giftCard) {
    const card = await ctx.db.selectFrom('giftCard').select(['id', 'code', 'amountCents']).where('saleLineId', '=', line.id).executeTakeFirst();
    if (!card) return null;
    const balance = await giftCardBalance(ctx.db, card.id);
    if (balance <= 0) throw fieldError('invalid_input', 'This gift card was spent in full: nothing is left to refund.', field);
    return {
      share: shareOf(line, Math.min(balance, card.amountCents), card.amountCents),
      record: (creditNoteId) => addGiftCardEntry(ctx, card.id, 'cancelled', -balance, { invoiceId: invoice.id, creditNoteId, note: invoice.number ?? '' }),
    };
  }
  if (line.topUpPlanId !== null && invoice.patientId !== null) {
    const given = await ctx.db.selectFrom('storedValueEntry').select(['kind', 'amountCents']).where('invoiceId', '=', invoice.id).where('kind', 'in', ['topUp', 'bonus']).execute();
    const topUps = given.filter((e) => e.kind === 'topUp').reduce((sum, e) => sum + e.amountCents, 0);
    if (!topUps) return null;
    const bonuses = given.filter((e) => e.kind === 'bonus').reduce((sum, e) => sum + e.amountCents, 0);
    // The bonus shared by amount when one invoice sold several top-ups.
    const takeBack = line.unitPriceCents + divRound(bonuses * line.unitPriceCents, topUps);
    const balance = await storedValueBalance(ctx.db, invoice.patientId);
    if (balance < takeBack) throw fieldError('invalid_input', `Only ${balance} (minor units) of the ${takeBack} this top-up gave is left in stored value: it cannot be refunded.`, field);
    const patientId = invoice.patientId;
    return {
      share: { netCents: line.netCents, taxCents: line.taxCents, totalCents: line.totalCents },
      record: async (creditNoteId) => {
        await addStoredValueEntry(ctx, patientId, 'topUpReversed', -takeBack, { invoiceId: invoice.id, creditNoteId, note: invoice.number ?? '' });
      },
    };
  }
  return null;
}
