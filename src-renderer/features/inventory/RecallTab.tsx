import { useState } from 'react';
import type { RecallRow } from '../../../src-shared/contract/inventory';
import { client, errorMessage } from '../../lib/client';
import { downloadText } from '../../lib/download';
import { formatDate } from '../../lib/format';
import { useAction } from '../../lib/hooks';
import { navigate } from '../../lib/store';
import { Badge, Empty, FormError } from '../../lib/ui';
import { recallCsv } from './recallCsv';

/** A lot number → every patient who received it on a signed visit note or bought it, as a call list to print or export. */
export function RecallTab() {
  const [lot, setLot] = useState('');
  const [result, setResult] = useState<{ lot: string; rows: RecallRow[] } | null>(null);
  const search = useAction();
  const find = () => search.run(async () => setResult({ lot: lot.trim(), rows: await client.call('stock.recall', { lotNumber: lot.trim() }) }));
  return (
    <div className="panel" data-testid="recall">
      <form
        className="actions actions-start no-print"
        onSubmit={(e) => {
          e.preventDefault();
          if (lot.trim()) void find();
        }}
      >
        <label className="field">
          <span className="field-label">Lot number</span>
          <input value={lot} onChange={(e) => setLot(e.target.value)} autoFocus maxLength={60} data-testid="recall-lot" />
        </label>
        <button type="submit" className="btn btn-primary" disabled={search.busy || !lot.trim()} data-testid="recall-find">
          Find patients
        </button>
        {result && result.rows.length > 0 && (
          <>
            <button type="button" className="btn" onClick={() => window.print()} data-testid="recall-print">
              Print call list
            </button>
            <button type="button" className="btn" onClick={() => downloadText(`recall-${result.lot}.csv`, recallCsv(result.rows), 'text/csv')} data-testid="recall-csv">
              Export CSV
            </button>
          </>
        )}
      </form>
      <FormError message={search.error ? errorMessage(search.error) : undefined} />
      {result && !result.rows.length && <Empty>No patient received or bought lot {result.lot}.</Empty>}
      {result && result.rows.length > 0 && (
        <>
          <h2>Lot recall: {result.lot}</h2>
          <table className="table" data-testid="recall-list">
            <thead>
              <tr>
                <th>Patient</th>
                <th>Phone</th>
                <th>Email</th>
                <th>Date</th>
                <th>How</th>
                <th className="num">Units</th>
              </tr>
            </thead>
            <tbody>
              {result.rows.map((r, i) => (
                <tr key={i} data-testid="recall-row">
                  <td>
                    <a href={`#/patients/${r.patientId}`} onClick={(e) => (e.preventDefault(), navigate(`/patients/${r.patientId}`))}>
                      {r.patientName}
                    </a>{' '}
                    <span className="muted">{r.patientNumber}</span> {r.doNotContact && <Badge kind="warn">Do not contact</Badge>}
                  </td>
                  <td>{r.phone ?? '—'}</td>
                  <td>{r.email ?? '—'}</td>
                  <td>{formatDate(r.date)}</td>
                  <td>
                    {r.via === 'chart' ? `Injected: ${r.productName}` : `Bought: ${r.productName} (${r.invoiceNumber})`} {r.unmatched && <Badge kind="muted">Lot typed on the note</Badge>}
                  </td>
                  <td className="num">{r.units}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </div>
  );
}
