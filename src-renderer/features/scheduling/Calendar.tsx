import { useMemo, useState } from 'react';
import type { WaitlistEntry } from '../../../src-shared/contract/scheduling';
import { client } from '../../lib/client';
import { useCall, usePageKeys } from '../../lib/hooks';
import { navigate, useCan, useClinic, useUi } from '../../lib/store';
import { ErrorBox, Spinner, Empty } from '../../lib/ui';
import { AppointmentPanel } from './AppointmentPanel';
import { BookingDialog, type BookingPrefill } from './BookingDialog';
import { ScopeDialog, useConflictGuard, type SeriesScope } from './Conflicts';
import { dayColumns, weekColumns, type GridColumn } from './grid';
import { useRefs } from './refs';
import { useCalendarUi } from './store';
import { TimeGrid, type MoveRequest } from './TimeGrid';
import { WaitlistMatches, WaitlistPanel } from './Waitlist';
import { addCalendarDays, hhmm, localDate, wallMinutes, weekStartOf } from '../../../src-shared/time';
import { clinicToday, dayLabel } from './time';

const isDate = (s: string | undefined): s is string => !!s && /^\d{4}-\d{2}-\d{2}$/.test(s);

/** Reception's calendar: day view per provider or room, week view per provider. Route #/calendar/:date? */
export function Calendar({ date: routeDate }: { date?: string }) {
  const can = useCan();
  const canWrite = can('schedule.write');
  const { timeZone } = useClinic();
  const today = clinicToday(timeZone);
  const date = isDate(routeDate) ? routeDate : today;
  const { view, by, weekStaffId, set } = useCalendarUi();
  const { refs } = useRefs();
  const staffChoices = refs?.staff ?? [];
  const weekStaff = weekStaffId ?? staffChoices.find((s) => s.role === 'practitioner')?.id ?? staffChoices[0]?.id ?? null;
  const weekStart = weekStartOf(date);

  const day = useCall('appointments.day', view === 'day' ? { date, by } : null);
  const week = useCall('appointments.week', view === 'week' && weekStaff ? { staffId: weekStaff, weekStart } : null);
  const state = view === 'day' ? day : week;
  const slotMinutes = (view === 'day' ? day.data?.slotMinutes : week.data?.days[0]?.slotMinutes) ?? 15;

  const columns: GridColumn[] = useMemo(() => {
    if (view === 'day') return day.data ? dayColumns(day.data) : [];
    return week.data && weekStaff ? weekColumns(week.data.days, weekStaff) : [];
  }, [view, day.data, week.data, weekStaff]);

  const [focus, setFocus] = useState<{ col: number; minute: number } | null>(null);
  const [openId, setOpenId] = useState<number | null>(null);
  const [booking, setBooking] = useState<BookingPrefill | null>(null);
  const [waitlistOpen, setWaitlistOpen] = useState(false);
  const [matches, setMatches] = useState<{ entries: WaitlistEntry[]; slot: BookingPrefill } | null>(null);
  const [scopeFor, setScopeFor] = useState<MoveRequest | null>(null);
  const [moveError, setMoveError] = useState<unknown>();
  const { guard, dialog } = useConflictGuard();

  const go = (d: string) => navigate(`/calendar/${d}`);
  const reload = () => state.reload();

  const bookAt = (col: GridColumn, minute: number) => {
    const instant = col.toInstant(minute);
    setBooking({
      date: localDate(new Date(instant), timeZone),
      time: hhmm(wallMinutes(instant, timeZone)),
      staffId: col.type === 'staff' ? col.id : undefined,
      roomId: col.type === 'room' ? col.id : undefined,
    });
  };

  const move = (m: MoveRequest, scope: SeriesScope) => {
    setMoveError(undefined);
    const a = m.card.appt;
    const columnChanged = m.from.key !== m.to.key && view === 'day';
    guard(async (override) => {
      const r = await client.call('appointments.move', {
        id: a.id,
        scope,
        override,
        ...(m.startsAt ? { startsAt: m.startsAt } : {}),
        ...(m.resize ?? {}),
        ...(columnChanged && m.to.type === 'staff' ? { staffId: m.to.id } : {}),
        ...(columnChanged && m.to.type === 'room' ? { roomId: m.to.id } : {}),
      });
      useUi.getState().notify(r.moved.length > 1 ? `Moved ${r.moved.length} appointments` : `Moved ${a.patientName}`);
      reload();
      if (r.waitlistMatches.length) {
        const seg = a.segments[0];
        setMatches({ entries: r.waitlistMatches, slot: { date: localDate(a.startsAt, timeZone), time: hhmm(wallMinutes(a.startsAt, timeZone)), staffId: seg.staffId } });
      }
    }).catch((e: unknown) => {
      setMoveError(e);
      reload();
    });
  };

  const requestMove = (m: MoveRequest) => (m.card.appt.seriesId ? setScopeFor(m) : move(m, 'this'));

  // Keyboard: ←/→ day (week in week view), Shift+←/→ column, ↑/↓ time, T today, N new booking, Enter open, Esc close.
  usePageKeys((e) => {
    const step = view === 'week' ? 7 : 1;
    const f = focus ?? { col: 0, minute: 9 * 60 };
    const key = e.key;
    if (key === 'ArrowLeft' || key === 'ArrowRight') {
      const dir = key === 'ArrowLeft' ? -1 : 1;
      if (e.shiftKey) setFocus({ ...f, col: Math.min(Math.max(0, f.col + dir), Math.max(0, columns.length - 1)) });
      else go(addCalendarDays(date, dir * step));
    } else if (key === 'ArrowUp' || key === 'ArrowDown') {
      setFocus({ ...f, minute: Math.max(0, f.minute + (key === 'ArrowUp' ? -slotMinutes : slotMinutes)) });
    } else if (key === 't' || key === 'T') {
      go(today);
    } else if ((key === 'n' || key === 'N') && canWrite) {
      const col = columns[f.col];
      if (col) bookAt(col, f.minute);
      else setBooking({ date });
    } else if (key === 'Enter') {
      const col = columns[f.col];
      const at = col?.toInstant(f.minute);
      const card = col?.cards.find((c) => at !== undefined && c.start <= at && at < c.end);
      if (card) setOpenId(card.appt.id);
    } else if (key === 'Escape') {
      setOpenId(null);
      setWaitlistOpen(false);
    } else return false;
    return true;
  });

  return (
    <section className="page page-fill calendar" data-testid="calendar">
      <div className="cal-toolbar">
        <div className="btn-group">
          <button type="button" className="btn" onClick={() => go(addCalendarDays(date, view === 'week' ? -7 : -1))} aria-label="Previous" data-testid="cal-prev">
            ‹
          </button>
          <button type="button" className="btn" onClick={() => go(today)} data-testid="cal-today">
            Today
          </button>
          <button type="button" className="btn" onClick={() => go(addCalendarDays(date, view === 'week' ? 7 : 1))} aria-label="Next" data-testid="cal-next">
            ›
          </button>
        </div>
        <h1 className="cal-title" data-testid="cal-date" data-date={date}>
          {view === 'week' ? `Week of ${dayLabel(weekStart)}` : dayLabel(date, true)}
        </h1>
        <input type="date" value={date} onChange={(e) => isDate(e.target.value) && go(e.target.value)} aria-label="Go to date" data-testid="cal-date-input" />
        <div className="btn-group" role="group" aria-label="View">
          <button type="button" className={`btn ${view === 'day' ? 'btn-on' : ''}`} aria-pressed={view === 'day'} onClick={() => set({ view: 'day' })} data-testid="cal-view-day">
            Day
          </button>
          <button type="button" className={`btn ${view === 'week' ? 'btn-on' : ''}`} aria-pressed={view === 'week'} onClick={() => set({ view: 'week' })} data-testid="cal-view-week">
            Week
          </button>
        </div>
        {view === 'day' ? (
          <div className="btn-group" role="group" aria-label="Columns">
            <button type="button" className={`btn ${by === 'staff' ? 'btn-on' : ''}`} aria-pressed={by === 'staff'} onClick={() => set({ by: 'staff' })} data-testid="cal-by-staff">
              Providers
            </button>
            <button type="button" className={`btn ${by === 'room' ? 'btn-on' : ''}`} aria-pressed={by === 'room'} onClick={() => set({ by: 'room' })} data-testid="cal-by-room">
              Rooms
            </button>
          </div>
        ) : (
          <select value={weekStaff ?? ''} onChange={(e) => set({ weekStaffId: Number(e.target.value) })} aria-label="Provider" data-testid="cal-week-staff">
            {staffChoices.map((s) => (
              <option key={s.id} value={s.id}>
                {s.displayName}
              </option>
            ))}
          </select>
        )}
        <div className="cal-toolbar-end">
          <button type="button" className="btn" onClick={() => setWaitlistOpen(!waitlistOpen)} aria-pressed={waitlistOpen} data-testid="cal-waitlist">
            Waitlist
          </button>
          {canWrite && (
            <button type="button" className="btn btn-primary" onClick={() => (focus && columns[focus.col] ? bookAt(columns[focus.col], focus.minute) : setBooking({ date }))} data-testid="cal-new-booking">
              New booking
            </button>
          )}
        </div>
      </div>
      <p className="muted small cal-help">
        ←/→ day · Shift+←/→ column · ↑/↓ time · T today · N new booking · Enter open · Esc close · times in {timeZone}
      </p>
      {moveError !== undefined && <ErrorBox error={moveError} testId="move-error" />}
      <div className={`cal-body ${openId || waitlistOpen ? 'with-panel' : ''}`}>
        <div className="cal-grid-wrap">
          {state.error !== undefined && !state.data ? (
            <ErrorBox error={state.error} onRetry={state.reload} />
          ) : !state.data ? (
            view === 'week' && !weekStaff ? <Empty>No providers yet. Add staff under Settings → Staff.</Empty> : <Spinner label="Loading the calendar…" />
          ) : !columns.length ? (
            <Empty>
              {by === 'room' && view === 'day' ? 'No rooms yet. Add them under Settings → Rooms.' : 'No providers work this day. Set working hours under Settings → Provider hours.'}
            </Empty>
          ) : (
            <TimeGrid
              mode={view}
              columns={columns}
              slotMinutes={slotMinutes}
              focus={focus}
              selectedId={openId}
              canWrite={canWrite}
              onFocus={setFocus}
              onOpen={setOpenId}
              onBook={bookAt}
              onMove={requestMove}
              headerExtra={(col) =>
                view === 'day' ? (
                  <a className="print-link" href={`#/calendar/${col.date}/print/${col.type}/${col.id}`} title={`Print the day list of ${col.label}`} aria-label={`Print the day list of ${col.label}`} data-testid={`print-${col.key}`}>
                    Print
                  </a>
                ) : null
              }
            />
          )}
          {state.loading && state.data && <div className="cal-reloading" aria-hidden="true" />}
        </div>
        {openId !== null && (
          <AppointmentPanel
            key={openId}
            id={openId}
            onClose={() => setOpenId(null)}
            onChanged={reload}
            onOffer={(entry, slot) => setBooking({ ...slot, patient: { id: entry.patientId, name: entry.patientName }, serviceIds: entry.serviceIds, waitlistEntryId: entry.id })}
          />
        )}
        {waitlistOpen && openId === null && (
          <WaitlistPanel onClose={() => setWaitlistOpen(false)} onBook={(entry) => setBooking({ date, patient: { id: entry.patientId, name: entry.patientName }, serviceIds: entry.serviceIds, staffId: entry.staffIds[0], waitlistEntryId: entry.id })} />
        )}
      </div>
      {booking && (
        <BookingDialog
          prefill={booking}
          onClose={() => setBooking(null)}
          onBooked={(d) => {
            if (d !== date) go(d);
            else reload();
          }}
        />
      )}
      {scopeFor && (
        <ScopeDialog
          title="Move a series appointment"
          onClose={() => setScopeFor(null)}
          onPick={(scope) => {
            const m = scopeFor;
            setScopeFor(null);
            move(m, scope);
          }}
        />
      )}
      {matches && (
        <WaitlistMatches
          entries={matches.entries}
          onClose={() => setMatches(null)}
          onOffer={(entry) => {
            setMatches(null);
            setBooking({ ...matches.slot, patient: { id: entry.patientId, name: entry.patientName }, serviceIds: entry.serviceIds, waitlistEntryId: entry.id });
          }}
        />
      )}
      {dialog}
    </section>
  );
}
