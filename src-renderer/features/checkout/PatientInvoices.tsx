import type { InvoiceSummary } from '../../../src-shared/contract/checkout';
import { client } from '../../lib/client';
import { formatInstant, money } from '../../lib/format';
import { useAction, useCall } from '../../lib/hooks';
import { navigate, useClinic } from '../../lib/store';
import { Async, Badge, Empty, FormError } from '../../lib/ui';
import { errorMessage } from '../../lib/client';
import { paymentStateKinds, paymentStateLabels, statusLabels } from './labels';

/** A patient's invoices, newest first, and a new walk-in style invoice for them. */
export default function PatientInvoices({ patientId }: { patientId: number }) {
  const state = useCall('invoices.forPatient', { patientId });
  const { timeZone, currency } = useClinic();
  const create = useAction();
  const newInvoice = () =>
    create.run(async () => {
      const draft = await client.call('invoices.createDraft', { patientId, lines: [] });
      navigate(`/invoices/${draft.id}`);
    });
  const open = (invoice: InvoiceSummary) => navigate(`/invoices/${invoice.id}`);
  return (
    <div className="stack-page" data-testid="patient-invoices">
      <div className="actions actions-start">
        <button type="button" className="btn btn-primary" disabled={create.busy} onClick={newInvoice} data-testid="new-invoice">
          New invoice
        </button>
      </div>
      {create.error !== undefined && <FormError message={errorMessage(create.error)} />}
      <Async state={state} loadingLabel="Loading invoices…">
        {(invoices) =>
          invoices.length ? (
            <table className="table">
              <thead>
                <tr>
                  <th>Invoice</th>
                  <th>Date</th>
                  <th>Status</th>
                  <th className="num">Total</th>
                  <th className="num">Due</th>
                </tr>
              </thead>
              <tbody>
                {invoices.map((invoice) => (
                  <tr key={invoice.id} data-testid="patient-invoice-row" className="row-link" onClick={() => open(invoice)}>
                    <td>
                      <a href={`#/invoices/${invoice.id}`}>{invoice.number ?? 'Draft'}</a>
                    </td>
                    <td>{formatInstant(invoice.issuedAt ?? invoice.createdAt, timeZone, false)}</td>
                    <td>
                      <Badge kind={invoice.status === 'void' ? 'alert' : 'neutral'}>{statusLabels[invoice.status]}</Badge>{' '}
                      {invoice.status === 'issued' && <Badge kind={paymentStateKinds[invoice.paymentState]}>{paymentStateLabels[invoice.paymentState]}</Badge>}
                    </td>
                    <td className="num">{money(invoice.totalCents, currency)}</td>
                    <td className="num">{invoice.status === 'issued' ? money(invoice.dueCents, currency) : ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <Empty>No invoices yet.</Empty>
          )
        }
      </Async>
    </div>
  );
}
