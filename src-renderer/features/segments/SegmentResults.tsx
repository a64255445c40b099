import { useState } from 'react';
import type { SegmentQuery, segmentSorts } from '../../../src-shared/contract/segments';
import { rfmSegmentLabels, suggestedActionLabels, tierLabels } from '../../../src-shared/contract/segments';
import { client, errorMessage } from '../../lib/client';
import { downloadText } from '../../lib/download';
import { formatDate, money } from '../../lib/format';
import { useAction, useCall } from '../../lib/hooks';
import { navigate, useCan, useClinic } from '../../lib/store';
import { Pager } from '../../lib/Pager';
import { Async, Badge, Empty, FormError } from '../../lib/ui';
import { AudienceDialog } from './AudienceDialog';
import { SaveSegmentDialog } from './SaveSegmentDialog';

const PAGE = 50;
type Sort = (typeof segmentSorts)[number];
const sortLabels: Record<Sort, string> = { name: 'Name', lastVisit: 'Last visit', spent: 'Spend', visits: 'Visits' };

/** The members of a segment as a call list: sortable, paged, printable; a manager exports, saves or sends e-coupons. */
export function SegmentResults({ query, title, savedId }: { query: SegmentQuery; title: string; savedId?: number }) {
  const can = useCan();
  const { currency } = useClinic();
  const [sort, setSort] = useState<Sort>('name');
  const [descending, setDescending] = useState(false);
  const [offset, setOffset] = useState(0);
  const [dialog, setDialog] = useState<'save' | 'audience' | null>(null);
  const state = useCall('segments.run', { query, sort, descending, offset, limit: PAGE });
  const exporting = useAction();
  const exportCsv = () =>
    exporting.run(async () => {
      const file = await client.call('segments.export', { query, format: 'csv' });
      downloadText(file.filename, file.content, 'text/csv');
    });
  const manage = can('segments.manage');
  return (
    <div className="panel" data-testid="segment-results">
      <div className="actions actions-start no-print">
        <label className="inline">
          Sort by{' '}
          <select value={sort} onChange={(e) => (setSort(e.target.value as Sort), setOffset(0))} data-testid="segment-sort">
            {Object.entries(sortLabels).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label className="inline checkbox">
          <input type="checkbox" checked={descending} onChange={(e) => (setDescending(e.target.checked), setOffset(0))} /> Largest / latest first
        </label>
        <button type="button" className="btn" onClick={() => window.print()} data-testid="segment-print">
          Print call list
        </button>
        {manage && (
          <>
            <button type="button" className="btn" onClick={() => void exportCsv()} disabled={exporting.busy} data-testid="segment-export">
              Export CSV
            </button>
            <button type="button" className="btn" onClick={() => setDialog('audience')} data-testid="segment-audience">
              Send e-coupons…
            </button>
            <button type="button" className="btn btn-primary" onClick={() => setDialog('save')} data-testid="segment-save">
              {savedId ? 'Save changes…' : 'Save segment…'}
            </button>
          </>
        )}
      </div>
      <FormError message={exporting.error ? errorMessage(exporting.error) : undefined} />
      <h2 className="print-only">{title}</h2>
      <Async state={state}>
        {({ total, rows }) =>
          rows.length === 0 ? (
            <Empty>No patient matches these conditions.</Empty>
          ) : (
            <>
              <p className="muted" data-testid="segment-total">
                {total.toLocaleString()} patient{total === 1 ? '' : 's'}{total > PAGE ? ` — ${offset + 1}–${offset + rows.length} shown` : ''}
              </p>
              <table className="table" data-testid="segment-list">
                <thead>
                  <tr>
                    <th>Patient</th>
                    <th>Phone</th>
                    <th>Email</th>
                    <th>Tier / RFM</th>
                    <th>Suggested</th>
                    <th>Last visit</th>
                    <th className="num">Visits</th>
                    <th className="num">Spent</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r) => (
                    <tr key={r.id} data-testid="segment-member">
                      <td>
                        <a href={`#/patients/${r.id}`} onClick={(e) => (e.preventDefault(), navigate(`/patients/${r.id}`))}>
                          {r.name}
                        </a>{' '}
                        <span className="muted">{r.number}</span> {r.doNotContact && <Badge kind="warn">Do not contact</Badge>}
                      </td>
                      <td>{r.phone ?? '—'}</td>
                      <td>{r.email ?? '—'}</td>
                      <td>
                        {tierLabels[r.tier]}
                        {r.rfm && <span className="muted"> · {rfmSegmentLabels[r.rfm.segment]}</span>}
                      </td>
                      <td>{r.rfm ? suggestedActionLabels[r.rfm.action] : '—'}</td>
                      <td>
                        {formatDate(r.lastVisitDate)} {r.lastServiceName && <span className="muted">{r.lastServiceName}</span>}
                      </td>
                      <td className="num">{r.visits}</td>
                      <td className="num">{money(r.spentCents, currency)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <Pager offset={offset} pageSize={PAGE} total={total} onOffset={setOffset} className="actions no-print" nextTestId="segment-next" />
            </>
          )
        }
      </Async>
      {dialog === 'save' && <SaveSegmentDialog query={query} savedId={savedId} name={savedId ? title : ''} onClose={() => setDialog(null)} />}
      {dialog === 'audience' && <AudienceDialog query={query} onClose={() => setDialog(null)} />}
    </div>
  );
}
