import { useState } from 'react';
import type { Invoice } from '../../../src-shared/contract/checkout';
import { client } from '../../lib/client';
import { formatInstant, money } from '../../lib/format';
import { navigate, useCan, useClinic, useUi } from '../../lib/store';
import { ConfirmDialog } from '../../lib/ui';
import { CreditNoteDialog } from './CreditNoteDialog';
import { discountLabel, pointsUsed, rateLabel, tenderLabels } from './labels';
import { PaymentDialog } from './PaymentDialog';
import { TotalsTable } from './TotalsTable';
import { VoidDialog } from './VoidDialog';

/** What is owed after payments and credit notes, as rows under the totals. */
export function SettlementRows({ invoice, currency }: { invoice: Invoice; currency: string }) {
  return (
    <>
      {invoice.creditedCents > 0 && (
        <tr>
          <th scope="row">Credited</th>
          <td className="num">−{money(invoice.creditedCents, currency)}</td>
        </tr>
      )}
      <tr>
        <th scope="row">Paid</th>
        <td className="num" data-testid="totals-paid">{money(invoice.paidCents, currency)}</td>
      </tr>
      <tr className="totals-grand">
        <th scope="row">{invoice.dueCents < 0 ? 'Owed back' : 'Due'}</th>
        <td className="num" data-testid="totals-due">{money(Math.abs(invoice.dueCents), currency)}</td>
      </tr>
    </>
  );
}

/** An issued or void invoice: read-only lines and totals, payments, credit notes, and what can be done next. */
export function IssuedView({ invoice, onChanged }: { invoice: Invoice; onChanged: () => void }) {
  const can = useCan();
  const { currency, timeZone } = useClinic();
  const [dialog, setDialog] = useState<'pay' | 'credit' | 'void' | 'draft' | null>(null);
  const issued = invoice.status === 'issued';
  const refundable = invoice.lines.some((l) => l.quantity > l.refundedQuantity);
  const close = () => setDialog(null);
  const done = () => {
    setDialog(null);
    onChanged();
  };

  return (
    <div className="stack-page" data-testid="issued-view">
      {invoice.status === 'void' && (
        <div className="banner banner-alert" data-testid="void-banner">
          Voided {formatInstant(invoice.voidedAt, timeZone)}: “{invoice.voidReason}”
        </div>
      )}
      <div className="actions actions-start" role="toolbar" aria-label="Invoice actions">
        {issued && invoice.dueCents > 0 && (
          <button type="button" className="btn btn-primary" onClick={() => setDialog('pay')} data-testid="take-payment">
            Take payment
          </button>
        )}
        {issued && !invoice.payments.length && !invoice.creditNotes.length && (
          <button type="button" className="btn" onClick={() => setDialog('draft')} data-testid="back-to-draft">
            Back to draft
          </button>
        )}
        {issued && refundable && can('checkout.refund') && (
          <button type="button" className="btn" onClick={() => setDialog('credit')} data-testid="credit-refund">
            Credit / refund…
          </button>
        )}
        {issued && invoice.paidCents === 0 && can('checkout.void') && (
          <button type="button" className="btn btn-danger" onClick={() => setDialog('void')} data-testid="void-invoice">
            Void…
          </button>
        )}
        <button type="button" className="btn" onClick={() => navigate(`/invoices/${invoice.id}/print`)} data-testid="print-receipt">
          Print receipt
        </button>
        {invoice.lines.some((line) => line.giftCard?.code && line.refundedQuantity === 0) && invoice.paymentState === 'paid' && (
          <button type="button" className="btn" onClick={() => navigate(`/invoices/${invoice.id}/vouchers`)} data-testid="print-vouchers">
            Print gift cards
          </button>
        )}
      </div>
      <table className="table invoice-lines" data-testid="invoice-lines">
        <thead>
          <tr>
            <th>Item</th>
            <th>Provider</th>
            <th className="num">Units</th>
            <th className="num">Unit price</th>
            <th className="num">Discount</th>
            <th className="num">Tax</th>
            <th className="num">Total</th>
          </tr>
        </thead>
        <tbody>
          {invoice.lines.map((line) => (
            <tr key={line.id} data-testid="invoice-line">
              <td>
                {line.description}
                {line.refundedQuantity > 0 && <div className="muted small" data-testid="line-refunded">{line.refundedQuantity} of {line.quantity} refunded</div>}
              </td>
              <td>{line.staffName ?? ''}</td>
              <td className="num">{line.quantity}</td>
              <td className="num">{money(line.unitPriceCents, currency)}</td>
              <td className="num">{line.discountCents ? `−${money(line.discountCents, currency)}` : ''} <span className="muted small">{discountLabel(line.discount, currency)}</span></td>
              <td className="num">{rateLabel(line.taxRateMillipercent)}</td>
              <td className="num">{money(line.totalCents, currency)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="grid-2">
        <div className="panel">
          <h2>Payments</h2>
          {invoice.payments.length ? (
            <ul className="plain-list" data-testid="payments-list">
              {invoice.payments.map((p) => (
                <li key={p.id} data-testid="payment-row">
                  <strong>{p.amountCents < 0 ? 'Refund' : tenderLabels[p.tender]}</strong> {p.amountCents < 0 && `to ${tenderLabels[p.tender].toLowerCase()} `}
                  {money(Math.abs(p.amountCents), currency)}
                  {p.changeCents ? <span className="muted"> · {money(p.tenderedCents ?? 0, currency)} handed over, {money(p.changeCents, currency)} change</span> : null}
                  {p.reference && <span className="muted"> · {p.tender === 'package' || p.tender === 'giftCard' ? p.reference : `ref ${p.reference}`}</span>}
                  {p.points ? <span className="muted"> · {pointsUsed(p)}</span> : null}
                  <div className="muted small">{formatInstant(p.takenAt, timeZone)}{p.takenBy ? ` · ${p.takenBy}` : ''}</div>
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">No payments yet.</p>
          )}
          <h2>Credit notes</h2>
          {invoice.creditNotes.length ? (
            <ul className="plain-list" data-testid="credit-notes-list">
              {invoice.creditNotes.map((c) => (
                <li key={c.id} data-testid="credit-note-row">
                  <strong>{c.number}</strong> {money(c.totalCents, currency)} · “{c.reason}” <span className="muted">{c.refundTo === 'storeCredit' ? 'as store credit' : 'to the original tender'}</span>
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">None.</p>
          )}
        </div>
        <div>
          <TotalsTable totals={invoice} currency={currency} after={<SettlementRows invoice={invoice} currency={currency} />} />
          {invoice.notes && <p className="prewrap">{invoice.notes}</p>}
        </div>
      </div>
      {dialog === 'pay' && <PaymentDialog invoice={invoice} onClose={close} onDone={done} />}
      {dialog === 'credit' && <CreditNoteDialog invoice={invoice} onClose={close} onDone={done} />}
      {dialog === 'void' && <VoidDialog invoice={invoice} onClose={close} onDone={done} />}
      {dialog === 'draft' && (
        <ConfirmDialog title="Back to draft" confirmLabel="Back to draft" onClose={close} onConfirm={async () => {
          await client.call('invoices.backToDraft', { id: invoice.id });
          useUi.getState().notify(`${invoice.number ?? 'The invoice'} is a draft again`);
          onChanged();
        }}>
          <p>{invoice.number} goes back to draft so its lines can change. It keeps its number.</p>
        </ConfirmDialog>
      )}
    </div>
  );
}
