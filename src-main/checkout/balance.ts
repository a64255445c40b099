import type { HandlerMap } from '../core/registry';
import { requirePatient } from '../patients/index';
import { storedValueBalance } from '../prepaid/index';
import { invoiceSummaries } from './view';

export const balanceHandlers: HandlerMap<'checkout.balance'> = {
  'checkout.balance': async ({ patientId }, ctx) => {
    await requirePatient(ctx, patientId, 'patientId');
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
