import type { TodayRow } from '../../../src-shared/contract/checkout';
import { client, LumenError } from '../../lib/client';
import { useAction } from '../../lib/hooks';
import { navigate, useUi } from '../../lib/store';
import type { DeskMove } from './visitStep';

/** The desk's writes from the Today list: move a visit along, and open (or start) its invoice. */
export function useVisitActions(reload: () => void) {
  const action = useAction();

  const move = (row: TodayRow, to: DeskMove) =>
    action.run(async () => {
      await client.call('appointments.setStatus', { id: row.appointmentId, status: to.status });
      useUi.getState().notify(`${row.patientName}: ${to.done}`);
      reload();
    });

  const openInvoice = (row: TodayRow) =>
    action.run(async () => {
      navigate(`/invoices/${row.invoice?.id ?? (await startInvoice(row.appointmentId))}`);
    });

  return { busy: action.busy, error: action.error, move, openInvoice };
}

/** A new draft for the visit; if another desk started one meanwhile (`conflict`), that one. */
async function startInvoice(appointmentId: number): Promise<number> {
  try {
    return (await client.call('invoices.createDraft', { appointmentId })).id;
  } catch (e) {
    const existing = e instanceof LumenError && e.code === 'conflict' ? (e.details as { invoiceId?: number } | undefined)?.invoiceId : undefined;
    if (existing) return existing;
    throw e;
  }
}
