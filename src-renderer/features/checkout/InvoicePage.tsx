import type { Invoice } from '../../../src-shared/contract/checkout';
import { formatInstant, money } from '../../lib/format';
import { useCall } from '../../lib/hooks';
import { useClinic } from '../../lib/store';
import { Async, Badge } from '../../lib/ui';
import { DraftEditor } from './DraftEditor';
import { IssuedView } from './IssuedView';
import { paymentStateKinds, paymentStateLabels, statusLabels } from './labels';
import './checkout.css';

/** One invoice: a draft to write and issue, or an issued (or void) one to take payment on, credit and print. Route #/invoices/:id */
export function InvoicePage({ id }: { id: number }) {
  const state = useCall('invoices.get', { id });
  return (
    <section className="page" data-testid="invoice-page">
      <Async state={state} loadingLabel="Loading invoice…">
        {(invoice) => (
          <>
            <InvoiceHeader invoice={invoice} />
            {invoice.status === 'draft' ? <DraftEditor key={invoice.id} invoice={invoice} onChanged={state.reload} /> : <IssuedView invoice={invoice} onChanged={state.reload} />}
          </>
        )}
      </Async>
    </section>
  );
}

function InvoiceHeader({ invoice }: { invoice: Invoice }) {
  const { timeZone, currency } = useClinic();
  return (
    <div className="page-head">
      <div>
        {invoice.patientId !== null ? (
          <a href={`#/patients/${invoice.patientId}/invoices`} className="crumb">
            ← {invoice.patientName}
          </a>
        ) : (
          <span className="crumb">Walk-in sale</span>
        )}
        <h1 data-testid="invoice-title">{invoice.number ? `Invoice ${invoice.number}` : 'Draft invoice'}</h1>
        <div className="subhead">
          <Badge kind={invoice.status === 'void' ? 'alert' : invoice.status === 'draft' ? 'neutral' : 'ok'} testId="invoice-status">
            {statusLabels[invoice.status]}
          </Badge>
          {invoice.status !== 'draft' && (
            <Badge kind={paymentStateKinds[invoice.paymentState]} testId="invoice-payment-state">
              {paymentStateLabels[invoice.paymentState]}
            </Badge>
          )}
          {invoice.patientName && <span data-testid="invoice-patient">{invoice.patientName}</span>}
          {invoice.appointmentId !== null && (
            <span className="muted" data-testid="invoice-visit">
              Visit #{invoice.appointmentId}
            </span>
          )}
          <span className="muted">{invoice.issuedAt ? `Issued ${formatInstant(invoice.issuedAt, timeZone)}` : `Started ${formatInstant(invoice.createdAt, timeZone)}`}</span>
          {invoice.status === 'issued' && invoice.dueCents !== 0 && (
            <strong data-testid="invoice-due">{invoice.dueCents > 0 ? `${money(invoice.dueCents, currency)} due` : `${money(-invoice.dueCents, currency)} owed back`}</strong>
          )}
        </div>
      </div>
    </div>
  );
}
