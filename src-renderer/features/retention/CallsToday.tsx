import { useState } from 'react';
import type { z } from 'zod';
import type { CallRow } from '../../../src-shared/contract/retention';
import { formatDate } from '../../lib/format';
import { useCall } from '../../lib/hooks';
import { navigate } from '../../lib/store';
import { Empty, ErrorBox, Spinner } from '../../lib/ui';
import { BookingDialog } from '../scheduling/BookingDialog';
import { OutreachDialog } from './OutreachDialog';

type Call = z.infer<typeof CallRow>;

const reasonText = (r: Call) =>
  r.reason === 'callBack' ? `Call back${r.note ? `: ${r.note}` : ''}` : r.reason === 'newlyDelinquent' ? `${r.daysOverdue} days overdue` : `Due ${formatDate(r.dueDate)}`;

/** Today's "Calls this morning": due in the next week, newly overdue and call-backs due, each one click to call or book. */
export function CallsToday() {
  const calls = useCall('retention.calls', { limit: 20 });
  const [contacting, setContacting] = useState<Call | null>(null);
  const [booking, setBooking] = useState<Call | null>(null);
  return (
    <section className="panel" data-testid="calls-today">
      <h2>
        Calls this morning{' '}
        <a href="#/retention" onClick={(e) => (e.preventDefault(), navigate('/retention'))} className="muted">
          all overdue
        </a>
      </h2>
      {calls.error !== undefined ? (
        <ErrorBox error={calls.error} onRetry={calls.reload} />
      ) : !calls.data ? (
        <Spinner />
      ) : !calls.data.rows.length ? (
        <Empty>No maintenance calls today.</Empty>
      ) : (
        <ul className="list" data-testid="calls-list">
          {calls.data.rows.map((r) => (
            <li key={`${r.patientId}-${r.categoryId}`} data-testid="call-row">
              <strong>{r.patientName}</strong> {r.lastServiceName ?? r.categoryName} — <span className="muted">{reasonText(r)}</span> {r.phone && <a href={`tel:${r.phone}`}>{r.phone}</a>}{' '}
              <button type="button" className="btn btn-small" onClick={() => setContacting(r)} data-testid="call-contact">
                Call / message
              </button>{' '}
              <button type="button" className="btn btn-small" onClick={() => setBooking(r)} data-testid="call-book">
                Book
              </button>
            </li>
          ))}
        </ul>
      )}
      {contacting && (
        <OutreachDialog
          row={contacting}
          onClose={() => setContacting(null)}
          onLogged={(outcome) => (setContacting(null), calls.reload(), outcome === 'booked' && setBooking(contacting))}
        />
      )}
      {booking && (
        <BookingDialog
          prefill={{ patient: { id: booking.patientId, name: booking.patientName }, serviceIds: booking.lastServiceId ? [booking.lastServiceId] : undefined, date: calls.data?.asOf ?? booking.dueDate }}
          onClose={() => setBooking(null)}
          onBooked={() => (setBooking(null), calls.reload())}
        />
      )}
    </section>
  );
}
