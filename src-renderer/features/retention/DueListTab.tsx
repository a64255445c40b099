import { useState } from 'react';
import type { DueRow } from '../../../src-shared/contract/retention';
import { client, errorMessage } from '../../lib/client';
import { downloadText } from '../../lib/download';
import { useAction, useCall } from '../../lib/hooks';
import { useListKeys } from '../../lib/useListKeys';
import { Empty, ErrorBox, FormError, Spinner } from '../../lib/ui';
import { BookingDialog } from '../scheduling/BookingDialog';
import { DueFilters, type Filters } from './DueFilters';
import { DueTable } from './DueTable';
import { OutreachDialog } from './OutreachDialog';

const PAGE = 50;
const initial: Filters = { category: '', bands: [], scheduled: 'any', channel: '', search: '', sort: 'daysOverdue' };

/** The delinquency list (overdue) or the due-soon list, with filters, paging, CSV, the printable call list and outreach. */
export function DueListTab({ kind }: { kind: 'overdue' | 'dueSoon' }) {
  const [filters, setFilters] = useState<Filters>(initial);
  const [offset, setOffset] = useState(0);
  const [contacting, setContacting] = useState<DueRow | null>(null);
  const [booking, setBooking] = useState<DueRow | null>(null);
  const input = {
    ...(filters.category ? { category: filters.category } : {}),
    ...(filters.channel ? { channel: filters.channel } : {}),
    ...(filters.search.trim() ? { search: filters.search.trim() } : {}),
    scheduled: filters.scheduled,
    sort: filters.sort,
    limit: PAGE,
    offset,
  };
  const list = useCall(kind === 'overdue' ? 'retention.delinquency' : 'retention.dueSoon', kind === 'overdue' && filters.bands.length ? { ...input, bands: filters.bands } : input);
  const rows = list.data?.rows ?? [];
  const keys = useListKeys(rows.length, (i) => rows[i] && setContacting(rows[i]));
  const csv = useAction();
  const exportCsv = () =>
    csv.run(async () => {
      const method = kind === 'overdue' ? 'retention.delinquency' : 'retention.dueSoon';
      const result = await client.call(method, { ...input, ...(kind === 'overdue' && filters.bands.length ? { bands: filters.bands } : {}), format: 'csv' });
      downloadText(`${kind === 'overdue' ? 'delinquency' : 'due-soon'}-${result.asOf}.csv`, result.csv ?? '', 'text/csv');
    });
  return (
    <div className="panel" data-testid={`due-${kind}`}>
      <DueFilters value={filters} onChange={(f) => (setFilters(f), setOffset(0))} showBands={kind === 'overdue'} />
      <div className="actions actions-start no-print">
        <span className="muted" data-testid="due-total">
          {list.data ? `${list.data.total} ${kind === 'overdue' ? 'overdue' : 'due soon'} as of ${list.data.asOf}` : ''}
        </span>
        <button type="button" className="btn" onClick={() => window.print()} disabled={!rows.length} data-testid="due-print">
          Print call list
        </button>
        <button type="button" className="btn" onClick={() => void exportCsv()} disabled={!rows.length || csv.busy} data-testid="due-csv">
          Export CSV
        </button>
      </div>
      <FormError message={csv.error ? errorMessage(csv.error) : undefined} />
      <h2 className="print-only">{kind === 'overdue' ? 'Call list: overdue maintenance' : 'Call list: maintenance due soon'}</h2>
      {list.error !== undefined ? (
        <ErrorBox error={list.error} onRetry={list.reload} />
      ) : !list.data ? (
        <Spinner />
      ) : !rows.length ? (
        <Empty>{kind === 'overdue' ? 'Nobody is overdue with these filters.' : 'Nobody falls due in the next 30 days with these filters.'}</Empty>
      ) : (
        <div tabIndex={0} onKeyDown={(e) => keys.onKeyDown(e)} aria-label="Due list: arrows to move, Enter to log a contact">
          <DueTable rows={rows} selected={keys.active} onContact={setContacting} onBook={setBooking} />
        </div>
      )}
      {list.data && list.data.total > PAGE && (
        <div className="actions no-print">
          <button type="button" className="btn" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
            Previous
          </button>
          <span className="muted">
            {offset + 1}–{Math.min(offset + PAGE, list.data.total)} of {list.data.total}
          </span>
          <button type="button" className="btn" disabled={offset + PAGE >= list.data.total} onClick={() => setOffset(offset + PAGE)} data-testid="due-next">
            Next
          </button>
        </div>
      )}
      {contacting && (
        <OutreachDialog
          row={contacting}
          onClose={() => setContacting(null)}
          onLogged={(outcome) => {
            const row = contacting;
            setContacting(null);
            list.reload();
            if (outcome === 'booked') setBooking(row);
          }}
        />
      )}
      {booking && (
        <BookingDialog
          prefill={{
            patient: { id: booking.patientId, name: booking.patientName },
            serviceIds: booking.lastServiceId ? [booking.lastServiceId] : undefined,
            ...(booking.lastProviderId ? { staffId: booking.lastProviderId } : {}),
            date: booking.dueDate > (list.data?.asOf ?? '') ? booking.dueDate : (list.data?.asOf ?? booking.dueDate),
          }}
          onClose={() => setBooking(null)}
          onBooked={() => (setBooking(null), list.reload())}
        />
      )}
    </div>
  );
}
