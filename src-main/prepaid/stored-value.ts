import type { HandlerMap } from '../core/registry';
import { requirePatient } from '../patients/index';

export const storedValueHandlers: HandlerMap<'storedValue.history'> = {
  /** Every entry, oldest first, with the running balance after it (the member card's statement). */
  'storedValue.history': async ({ patientId }, ctx) => {
    await requirePatient(ctx, patientId, 'patientId');
    const rows = await ctx.db
      .selectFrom('storedValueEntry as e')
      .leftJoin('invoice as i', 'i.id', 'e.invoiceId')
      .select(['e.id', 'e.kind', 'e.amountCents', 'e.at', 'e.invoiceId', 'i.number as invoiceNumber', 'e.note'])
      .where('e.patientId', '=', patientId)
      .orderBy('e.at')
      .orderBy('e.id')
      .execute();
    let balanceCents = 0;
    const entries = rows.map((row) => ({ ...row, balanceAfterCents: (balanceCents += row.amountCents) }));
    return { patientId, balanceCents, entries };
  },
};
