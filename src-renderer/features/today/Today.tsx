import { useState } from 'react';
import type { TodayRow } from '../../../src-shared/contract/checkout';
import { addCalendarDays } from '../../../src-shared/time';
import { money } from '../../lib/format';
import { useCall, useInterval, usePageKeys } from '../../lib/hooks';
import { navigate, useCan, useClinic } from '../../lib/store';
import { useListKeys } from '../../lib/useListKeys';
import { Empty, ErrorBox, Spinner } from '../../lib/ui';
import { clinicToday, dayLabel } from '../scheduling/time';
import { dayTotals, deskMoves, canInvoice, canMove, type DeskMove } from './visitStep';
import { useVisitActions } from './useVisitActions';
import { VisitRow } from './VisitRow';
import { startTablet } from '../satisfaction/tabletLock';

/** Visits the patient has come to: the check-out tablet can ask them for a score. */
const scoreable = new Set(['arrived', 'inTreatment', 'completed', 'checkedOut']);
import { TasksDueToday } from '../tasks/TasksDueToday';
import { CallsToday } from '../retention/CallsToday';
import './today.css';

const isDate = (s: string | undefined): s is string => !!s && /^\d{4}-\d{2}-\d{2}$/.test(s);

/** Reception's home, route #/today/:date?: the day's visits in time order, driven from the keyboard. */
export function Today({ date: routeDate }: { date?: string }) {
  const can = useCan();
  const { timeZone, currency } = useClinic();
  const today = clinicToday(timeZone);
  const date = isDate(routeDate) ? routeDate : today;
  const [includeCancelled, setIncludeCancelled] = useState(false);
  // Without a date in the route the server's clock decides which day "today" is.
  const day = useCall('checkout.today', { ...(isDate(routeDate) ? { date: routeDate } : {}), includeCancelled });
  useInterval(day.reload, 60_000, true);
  const rows = day.data ?? [];
  const actions = useVisitActions(day.reload);
  const canMoveVisits = can('schedule.write');
  const canSell = can('checkout.sell');

  const moveIfAllowed = (row: TodayRow | undefined, to: DeskMove) => {
    if (row && canMoveVisits && canMove(row, to.status)) void actions.move(row, to);
  };
  const invoiceIfAllowed = (row: TodayRow | undefined) => {
    if (row && canSell && canInvoice(row)) void actions.openInvoice(row);
  };
  // Enter checks in the selected patient when they are booked (or confirmed); on other rows it does nothing.
  const list = useListKeys(rows.length, (i) => {
    const row = rows[Math.min(i, rows.length - 1)];
    if (row && canMove(row, 'arrived')) moveIfAllowed(row, deskMoves[0]);
  });
  // Arrow keys pressed before the rows arrived, or a list that shrank on refresh, must not lose the selection.
  const selected = Math.max(0, Math.min(list.active, rows.length - 1));

  usePageKeys((e) => {
    // Enter on a focused button or link is that button's own click, not "check in the selected patient".
    if (actions.busy || (e.key === 'Enter' && e.target instanceof HTMLElement && e.target.closest('button, a'))) return false;
    const row = rows[selected];
    const key = e.key.toLowerCase();
    const to = deskMoves.find((m) => m.key === key);
    if (to) moveIfAllowed(row, to);
    else if (key === 'i') invoiceIfAllowed(row);
    else return list.onKeyDown(e);
    return true;
  });

  const go = (d: string) => navigate(d === today ? '/today' : `/today/${d}`);
  const totals = dayTotals(rows);

  return (
    <section className="page today" data-testid="today">
      <div className="cal-toolbar">
        <div className="btn-group">
          <button type="button" className="btn" onClick={() => go(addCalendarDays(date, -1))} aria-label="Previous day" data-testid="today-prev">
            ‹
          </button>
          <button type="button" className="btn" onClick={() => go(today)} data-testid="today-today">
            Today
          </button>
          <button type="button" className="btn" onClick={() => go(addCalendarDays(date, 1))} aria-label="Next day" data-testid="today-next">
            ›
          </button>
        </div>
        <h1 className="cal-title" data-testid="today-date" data-date={date}>
          {dayLabel(date, true)}
        </h1>
        <input type="date" value={date} onChange={(e) => isDate(e.target.value) && go(e.target.value)} aria-label="Go to date" data-testid="today-date-input" />
        {/* A toggle button rather than a checkbox, so the letter keys still work after clicking it. */}
        <button type="button" className={`btn ${includeCancelled ? 'btn-on' : ''}`} aria-pressed={includeCancelled} onClick={() => setIncludeCancelled(!includeCancelled)} data-testid="today-show-cancelled">
          Show cancelled
        </button>
        <span className="cal-toolbar-end muted small">↑↓ select · A check in · S start · C complete · I invoice</span>
      </div>
      {actions.error !== undefined && <ErrorBox error={actions.error} testId="today-action-error" />}
      {day.error !== undefined && day.data === undefined ? (
        <ErrorBox error={day.error} onRetry={day.reload} testId="today-error" />
      ) : day.data === undefined ? (
        <Spinner label="Loading the day…" />
      ) : rows.length === 0 ? (
        <Empty>{date === today ? 'No visits today' : `No visits on ${dayLabel(date)}`}</Empty>
      ) : (
        <table className="table today-table" aria-label="Visits" data-testid="today-list">
          <thead>
            <tr>
              <th>Time</th>
              <th>Patient</th>
              <th>Services</th>
              <th>Status</th>
              <th className="num">Owes</th>
              <th aria-label="Actions" />
            </tr>
          </thead>
          <tbody>
            {rows.map((row, i) => (
              <VisitRow
                key={row.appointmentId}
                row={row}
                selected={i === selected}
                timeZone={timeZone}
                currency={currency}
                canMoveVisits={canMoveVisits}
                canSell={canSell}
                busy={actions.busy}
                onSelect={() => list.setActive(i)}
                onMove={(to) => void actions.move(row, to)}
                onInvoice={() => void actions.openInvoice(row)}
                onTablet={can('satisfaction.record') && scoreable.has(row.status) ? () => void startTablet(row.appointmentId) : undefined}
              />
            ))}
          </tbody>
        </table>
      )}
      {rows.length > 0 && (
        <footer className="today-totals" data-testid="today-totals">
          <span>
            Visits <strong data-testid="today-total-visits">{totals.visits}</strong>
          </span>
          <span>
            Paid <strong data-testid="today-total-paid">{totals.paid}</strong>
          </span>
          <span>
            Still owed{' '}
            <strong className={totals.stillOwedCents > 0 ? 'owed' : ''} data-testid="today-total-owed">
              {money(totals.stillOwedCents, currency)}
            </strong>
          </span>
        </footer>
      )}
      {date === today && can('retention.calls') && <CallsToday />}
      {date === today && <TasksDueToday />}
    </section>
  );
}
