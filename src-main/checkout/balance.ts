import type { Db } from '../core/db';
import type { HandlerMap } from '../core/registry';
import { requirePatient } from '../patients/index';
import { invoiceSummaries } from './view';

/** A patient's stored value: the sum of its ledger entries, never a stored counter. */
export async function storedValueBalance(db: Db, patientId: number): Promise<number> {
  const { balance } = await db
    .selectFrom('storedValueEntry')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('amountCents'), eb.val(0)).as('balance'))
    .where('patientId', '=', patientId)
    .executeTakeFirstOrThrow();
  return balance;
}

export const balanceHandlers: HandlerMap<'checkout.balance'> = {
  'checkout.balance': async ({ patientId }, ctx) => {
    await requirePatient(ctx.db, patientId, 'patientId');
    const issued = await invoiceSummaries(ctx, { patientId, issuedOnly: true });
    const openInvoices = issued.filter((invoice) => invoice.dueCents > 0);
    return {
      patientId,
      owedCents: openInvoices.reduce((sum, invoice) => sum + invoice.dueCents, 0),
      storedValueCents: await storedValueBalance(ctx.db, patientId),
      openInvoices,
    };
  },
};
