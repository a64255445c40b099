import { useState } from 'react';
import type { CommissionStatement } from '../../../src-shared/contract/closing';
import { addCalendarDays, addCalendarMonths } from '../../../src-shared/time';
import { downloadText } from '../../lib/download';
import { formatDate, money } from '../../lib/format';
import { useCall } from '../../lib/hooks';
import { useCan, useClinic } from '../../lib/store';
import { Async, Empty } from '../../lib/ui';
import { clinicToday } from '../scheduling/time';
import { commissionCsv } from './commissionCsv';
import { CommissionRates } from './CommissionRates';
import './closing.css';

function download(statement: CommissionStatement) {
  const { filename, content } = commissionCsv(statement);
  downloadText(filename, content, 'text/csv');
}

/** Commission, route #/commission: a provider's statement over a period (print, CSV) and the rates behind it. */
export function Commission() {
  const can = useCan();
  const { timeZone } = useClinic();
  const today = clinicToday(timeZone);
  const staff = useCall('staff.list', {});
  const [staffId, setStaffId] = useState<number | null>(null);
  const firstOfMonth = `${today.slice(0, 8)}01`;
  const [from, setFrom] = useState(firstOfMonth);
  const [to, setTo] = useState(today);
  const valid = staffId !== null && from <= to;
  const statement = useCall('commission.statement', valid ? { staffId, from, to } : null);

  return (
    <section className="page" data-testid="commission-page">
      <header className="page-head no-print">
        <h1>Commission</h1>
      </header>
      <div className="form-row no-print">
        <label className="field">
          <span className="field-label">Provider</span>
          <select value={staffId ?? ''} onChange={(e) => setStaffId(e.target.value ? Number(e.target.value) : null)} data-testid="commission-staff">
            <option value="">Choose…</option>
            {(staff.data ?? []).map((s) => <option key={s.id} value={s.id}>{s.displayName}</option>)}
          </select>
        </label>
        <label className="field"><span className="field-label">From</span><input type="date" value={from} onChange={(e) => setFrom(e.target.value)} data-testid="commission-from" /></label>
        <label className="field"><span className="field-label">To</span><input type="date" value={to} onChange={(e) => setTo(e.target.value)} data-testid="commission-to" /></label>
        <button type="button" className="btn" onClick={() => { setFrom(addCalendarMonths(firstOfMonth, -1)); setTo(addCalendarDays(firstOfMonth, -1)); }} data-testid="commission-last-month">Last month</button>
      </div>
      {from > to && <p className="field-error">The period ends before it starts.</p>}
      {!valid ? <Empty>Choose a provider to see their statement.</Empty> : (
        <Async state={statement} loadingLabel="Working out commission…">
          {(s) => <Statement statement={s} />}
        </Async>
      )}
      {can('commission.manage') && <CommissionRates staffId={staffId} />}
    </section>
  );
}

function Statement({ statement: s }: { statement: CommissionStatement }) {
  const m = (cents: number) => money(cents, s.currency);
  return (
    <article className="commission-statement" data-testid="commission-statement">
      <div className="actions actions-split">
        <h2>{s.staffName} · {formatDate(s.from)} – {formatDate(s.to)}</h2>
        <div className="actions no-print">
          <button type="button" className="btn" onClick={() => download(s)} data-testid="commission-csv">Export CSV</button>
          <button type="button" className="btn" onClick={() => window.print()} data-testid="commission-print">Print</button>
        </div>
      </div>
      <p className="muted">Earned when invoiced, on each line’s net; credit notes and voids claw back in the period they happen. “Still owed” shows invoices not yet paid.</p>
      {s.lines.length === 0 ? <Empty>Nothing sold or refunded by {s.staffName} in this period.</Empty> : (
        <table className="commission-table" data-testid="commission-lines">
          <thead>
            <tr><th>Date</th><th>Invoice</th><th>Patient</th><th>Item</th><th className="num">Qty</th><th className="num">Net</th><th>Rate</th><th className="num">Commission</th><th className="num">Still owed</th></tr>
          </thead>
          <tbody>
            {s.lines.map((l, i) => (
              <tr key={i} className={l.kind}>
                <td>{formatDate(l.date)}</td>
                <td>{l.invoiceNumber}{l.creditNoteNumber ? ` · ${l.creditNoteNumber}` : l.kind === 'clawback' ? ' · void' : ''}</td>
                <td>{l.patientName ?? 'Walk-in'}</td>
                <td>{l.description}</td>
                <td className="num">{l.quantity}</td>
                <td className="num">{m(l.netCents)}</td>
                <td>{l.rate}</td>
                <td className="num">{m(l.commissionCents)}</td>
                <td className="num">{l.invoiceDueCents > 0 ? m(l.invoiceDueCents) : ''}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr><th colSpan={5}>Earned</th><td className="num">{m(s.salesNetCents)}</td><td /><td className="num">{m(s.earnedCents)}</td><td /></tr>
            <tr><th colSpan={5}>Clawed back</th><td className="num">{m(s.clawbackNetCents)}</td><td /><td className="num">{m(s.clawedBackCents)}</td><td /></tr>
            <tr><th colSpan={7}>Total</th><td className="num" data-testid="commission-total"><strong>{m(s.totalCents)}</strong></td><td /></tr>
          </tfoot>
        </table>
      )}
    </article>
  );
}
