import { useEffect, useState } from 'react';
import type { PatientLoyalty, PointsEntry } from '../../../src-shared/contract/loyalty';
import { client } from '../../lib/client';
import { formatDate, formatInstant } from '../../lib/format';
import { useAction } from '../../lib/hooks';
import { useClinic } from '../../lib/store';
import { ErrorBox } from '../../lib/ui';
import { pointsEntryLabels, signedPoints } from './labels';

export const STATEMENT_PAGE = 20;

/** The statement, newest first: the first page comes with the standing, "Show earlier" reads the next. */
export function PointsStatement({ patientId, first }: { patientId: number; first: PatientLoyalty }) {
  const { timeZone } = useClinic();
  const [earlier, setEarlier] = useState<PointsEntry[]>([]);
  const loading = useAction();
  useEffect(() => setEarlier([]), [first]);
  const shownIds = new Set(first.statement.map((e) => e.id));
  // A line written while paging shifts the pages by one: never show an entry twice.
  const rows = [...first.statement, ...earlier.filter((e) => !shownIds.has(e.id))];
  const loadEarlier = () =>
    loading.run(async () => {
      const page = Math.floor(rows.length / STATEMENT_PAGE);
      const next = await client.call('loyalty.forPatient', { patientId, page, pageSize: STATEMENT_PAGE });
      setEarlier((list) => [...list, ...next.statement.filter((e) => !list.some((seen) => seen.id === e.id))]);
    });
  return (
    <section className="panel" aria-label="Statement" data-testid="loyalty-statement">
      <h2>Statement</h2>
      <table className="table table-compact">
        <thead>
          <tr>
            <th>Date</th>
            <th>Entry</th>
            <th className="num">Points</th>
            <th className="num">Balance</th>
            <th>Invoice</th>
            <th>Note</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((e) => (
            <tr key={e.id} data-testid="loyalty-entry">
              <td className="nowrap">{formatInstant(e.at, timeZone, false)}</td>
              <td>
                {pointsEntryLabels[e.kind]}
                {e.expiresOn && e.points > 0 && <span className="muted small"> · until {formatDate(e.expiresOn)}</span>}
              </td>
              <td className="num">{signedPoints(e.points)}</td>
              <td className="num">{e.balance.toLocaleString()}</td>
              <td>{e.invoiceId !== null && <a href={`#/invoices/${e.invoiceId}`}>{e.invoiceNumber ?? 'Invoice'}</a>}</td>
              <td className="muted">{e.note !== e.invoiceNumber && e.note}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {loading.error !== undefined && <ErrorBox error={loading.error} onRetry={loadEarlier} />}
      <div className="actions actions-split">
        <span className="muted small">
          {rows.length.toLocaleString()} of {first.statementTotal.toLocaleString()} entries
        </span>
        {rows.length < first.statementTotal && (
          <button type="button" className="btn" disabled={loading.busy} onClick={loadEarlier} data-testid="loyalty-earlier">
            {loading.busy ? 'Loading…' : 'Show earlier'}
          </button>
        )}
      </div>
    </section>
  );
}
