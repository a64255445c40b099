import type { ZReport } from '../../../src-shared/contract/closing';
import { formatInstant, money } from '../../lib/format';
import { rateLabel, tenderLabels } from '../checkout/labels';

const refundToLabels = { originalTender: 'To the original tender', storeCredit: 'As store credit' } as const;

/** The Z report's figures, the same on screen and on paper (A4 or 80 mm). */
export function ZReportView({ report, timeZone }: { report: ZReport; timeZone: string }) {
  const { figures: f, currency } = report;
  const m = (cents: number) => money(cents, currency);
  return (
    <div className="zreport" data-testid="zreport">
      <h3>Takings by tender</h3>
      <table className="zreport-table" data-testid="zreport-tenders">
        <thead>
          <tr><th>Tender</th><th className="num">In</th><th className="num">Refunded</th><th className="num">Net</th></tr>
        </thead>
        <tbody>
          {f.tenders.map((t) => (
            <tr key={t.tender} data-testid={`zreport-tender-${t.tender}`}>
              <td>{tenderLabels[t.tender]}{t.count ? <span className="muted"> · {t.count}</span> : null}</td>
              <td className="num">{m(t.takenCents)}</td>
              <td className="num">{t.refundedCents ? `−${m(t.refundedCents)}` : m(0)}</td>
              <td className="num">{m(t.netCents)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr><th colSpan={3}>Takings (cash, card, transfer)</th><td className="num" data-testid="zreport-takings">{m(f.takingsCents)}</td></tr>
          <tr><th colSpan={3}>Prepaid redeemed (stored value, gift cards, packages)</th><td className="num" data-testid="zreport-prepaid">{m(f.prepaidRedeemedCents)}</td></tr>
        </tfoot>
      </table>

      <h3>Cash drawer</h3>
      <dl className="zreport-facts" data-testid="zreport-cash">
        <dt>Opening float</dt><dd>{m(f.cash.openingFloatCents)}</dd>
        <dt>Cash taken</dt><dd>{m(f.cash.takenCents)}</dd>
        <dt>Cash refunded</dt><dd>−{m(f.cash.refundedCents)}</dd>
        <dt>Change given (included above)</dt><dd>{m(f.changeGivenCents)}</dd>
        <dt><strong>Expected in the drawer</strong></dt><dd data-testid="zreport-expected"><strong>{m(f.cash.expectedCents)}</strong></dd>
      </dl>
      {report.closes.map((c) => (
        <dl key={c.id} className="zreport-facts zreport-close" data-testid="zreport-close">
          {report.scope === 'clinic' && <><dt>Till</dt><dd>{c.workstationName}</dd></>}
          <dt>Counted</dt><dd>{m(c.countedCents)}</dd>
          <dt>Difference</dt><dd className={c.differenceCents ? 'zreport-diff' : ''} data-testid="zreport-difference">{c.differenceCents > 0 ? '+' : ''}{m(c.differenceCents)}</dd>
          {c.note && <><dt>Note</dt><dd data-testid="zreport-note">{c.note}</dd></>}
          <dt>Float left / banked</dt><dd>{m(c.floatLeftCents)} / {m(c.bankedCents)}</dd>
          <dt>Closed</dt><dd>{formatInstant(c.closedAt, timeZone)}{c.closedBy ? ` by ${c.closedBy}` : ''}</dd>
        </dl>
      ))}

      <h3>Invoices issued</h3>
      <dl className="zreport-facts" data-testid="zreport-issued">
        <dt>Count</dt><dd>{f.issued.count}</dd>
        <dt>Net</dt><dd>{m(f.issued.netCents)}</dd>
        {f.issued.taxes.map((t) => (
          <div key={t.rateMillipercent} className="zreport-pair"><dt>Tax {rateLabel(t.rateMillipercent)} on {m(t.netCents)}</dt><dd>{m(t.taxCents)}</dd></div>
        ))}
        <dt>Total</dt><dd>{m(f.issued.totalCents)}</dd>
        <dt>Discounts given</dt><dd data-testid="zreport-discounts">{m(f.discountsCents)}</dd>
        <dt>Still owed from the day</dt><dd data-testid="zreport-owed">{m(f.owedCents)}</dd>
      </dl>

      <h3>Refunds</h3>
      {f.refunds.count === 0 ? <p className="muted">No credit notes.</p> : (
        <>
          <dl className="zreport-facts">
            {f.refunds.byRefundTo.filter((r) => r.count).map((r) => (
              <div key={r.refundTo} className="zreport-pair"><dt>{refundToLabels[r.refundTo]} ({r.count})</dt><dd>{m(r.refundedCents)} of {m(r.totalCents)} credited</dd></div>
            ))}
          </dl>
          <ul className="plain-list" data-testid="zreport-refunds">
            {f.refunds.notes.map((n) => <li key={n.number}>{n.number} on {n.invoiceNumber}: {m(n.totalCents)} — {n.reason}</li>)}
          </ul>
        </>
      )}

      <h3>Voids</h3>
      {f.voids.count === 0 ? <p className="muted">No voided invoices.</p> : (
        <ul className="plain-list" data-testid="zreport-voids">
          {f.voids.invoices.map((v) => <li key={v.number}>{v.number}: {m(v.totalCents)} — {v.reason}</li>)}
          <li><strong>{f.voids.count} voided, {m(f.voids.totalCents)}</strong></li>
        </ul>
      )}
    </div>
  );
}
