import { useState } from 'react';
import type { Invoice } from '../../../src-shared/contract/checkout';
import { formatInstant, money } from '../../lib/format';
import { useCall } from '../../lib/hooks';
import { useCan, useClinic } from '../../lib/store';
import { Async } from '../../lib/ui';
import { SettlementRows } from './IssuedView';
import { pointsUsed, rateLabel, statusLabels, tenderLabels } from './labels';
import { TotalsTable } from './TotalsTable';
import './checkout.css';

type Paper = 'page' | '80mm';

/** The receipt as printed: on A4/Letter (the printer's paper) or an 80 mm thermal roll. Route #/invoices/:id/print */
export function ReceiptPrint({ id }: { id: number }) {
  const state = useCall('invoices.get', { id });
  const [paper, setPaper] = useState<Paper>('page');
  return (
    <section className="page print-page" data-testid="receipt-page">
      {/* A thermal roll is 80 mm wide; its length is whatever the receipt needs, so the page is long and the driver cuts. */}
      {paper === '80mm' && <style media="print">{'@page { size: 80mm 297mm; margin: 3mm; }'}</style>}
      <div className="actions actions-split no-print">
        <a href={`#/invoices/${id}`} className="crumb">
          ← Invoice
        </a>
        <div className="actions">
          <label className="inline">
            <input type="radio" name="paper" checked={paper === 'page'} onChange={() => setPaper('page')} data-testid="paper-page" /> A4 / Letter
          </label>
          <label className="inline">
            <input type="radio" name="paper" checked={paper === '80mm'} onChange={() => setPaper('80mm')} data-testid="paper-80mm" /> 80 mm receipt
          </label>
          <button type="button" className="btn btn-primary" onClick={() => window.print()} data-testid="receipt-print">
            Print
          </button>
        </div>
      </div>
      <Async state={state} loadingLabel="Loading invoice…">
        {(invoice) => <Receipt invoice={invoice} paper={paper} />}
      </Async>
    </section>
  );
}

function Receipt({ invoice, paper }: { invoice: Invoice; paper: Paper }) {
  const { currency, timeZone, name } = useClinic();
  const can = useCan();
  const settings = useCall('settings.get', can('settings.read') ? {} : null);
  const address = settings.data?.address;
  const change = invoice.payments.reduce((sum, p) => sum + (p.changeCents ?? 0), 0);
  return (
    <article className={`receipt ${paper === '80mm' ? 'print-80mm' : 'print-page-size'}`} data-testid="receipt" data-paper={paper}>
      <header className="receipt-head">
        <h1 data-testid="receipt-clinic">{settings.data?.name ?? name}</h1>
        {address && <div>{[address.line1, address.line2, [address.postalCode, address.city].filter(Boolean).join(' ')].filter(Boolean).join(', ')}</div>}
        {settings.data?.phone && <div>{settings.data.phone}</div>}
      </header>
      <dl className="receipt-facts">
        <dt>{invoice.status === 'void' ? 'Void invoice' : invoice.number ? 'Invoice' : statusLabels.draft}</dt>
        <dd data-testid="receipt-number">{invoice.number ?? '—'}</dd>
        <dt>Date</dt>
        <dd>{formatInstant(invoice.issuedAt ?? invoice.createdAt, timeZone)}</dd>
        {invoice.patientName && (
          <>
            <dt>Patient</dt>
            <dd>{invoice.patientName}</dd>
          </>
        )}
      </dl>
      <table className="receipt-lines" data-testid="receipt-lines">
        <thead>
          <tr>
            <th>Item</th>
            <th className="num">Qty</th>
            <th className="num">Amount</th>
          </tr>
        </thead>
        <tbody>
          {invoice.lines.map((line) => (
            <tr key={line.id}>
              <td>
                {line.description}
                <div className="receipt-sub">
                  {money(line.unitPriceCents, currency)} each{line.discountCents ? ` · −${money(line.discountCents, currency)}` : ''} · tax {rateLabel(line.taxRateMillipercent)}
                  {line.refundedQuantity ? ` · ${line.refundedQuantity} refunded` : ''}
                </div>
              </td>
              <td className="num">{line.quantity}</td>
              <td className="num">{money(line.totalCents, currency)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <TotalsTable totals={invoice} currency={currency} testId="receipt-totals" after={<SettlementRows invoice={invoice} currency={currency} />} />
      {invoice.payments.length > 0 && (
        <ul className="plain-list receipt-payments" data-testid="receipt-payments">
          {invoice.payments.map((p) => (
            <li key={p.id}>
              {p.amountCents < 0 ? `Refund to ${tenderLabels[p.tender].toLowerCase()}` : tenderLabels[p.tender]}: {money(Math.abs(p.amountCents), currency)}
              {p.tenderedCents ? ` (handed over ${money(p.tenderedCents, currency)})` : ''}
              {(p.tender === 'package' || p.tender === 'giftCard') && p.reference ? ` — ${p.reference}` : ''}
              {p.points ? ` (${pointsUsed(p)})` : ''}
            </li>
          ))}
          {change > 0 && <li data-testid="receipt-change">Change given: {money(change, currency)}</li>}
        </ul>
      )}
      {invoice.creditNotes.map((c) => (
        <p key={c.id} className="receipt-sub">
          Credit note {c.number}: {money(c.totalCents, currency)} — {c.reason}
        </p>
      ))}
      <footer className="receipt-foot">Thank you.</footer>
    </article>
  );
}
