import { useState } from 'react';
import { allowedTransitions, type Appointment, type WaitlistEntry } from '../../../src-shared/contract/scheduling';
import { client, errorMessage, LumenError } from '../../lib/client';
import { useCall } from '../../lib/hooks';
import { navigate, useCan, useClinic, useUi } from '../../lib/store';
import { Async, Badge, Dialog, Field, FormError } from '../../lib/ui';
import { ScopeDialog, type SeriesScope } from './Conflicts';
import { statusActions, statusLabels, visitTypeLabels } from './labels';
import type { BookingPrefill } from './BookingDialog';
import { WaitlistMatchList } from './Waitlist';
import { hhmm, localDate, wallMinutes } from '../../../src-shared/time';
import { dayLabel, rangeLabel } from './time';

type Offer = (entry: WaitlistEntry, slot: BookingPrefill) => void;

/** The side panel for one appointment: details, lifecycle actions, cancel, notes, links. */
export function AppointmentPanel({ id, onClose, onChanged, onOffer }: { id: number; onClose: () => void; onChanged: () => void; onOffer: Offer }) {
  const state = useCall('appointments.get', { id });
  return (
    <aside className="side-panel" aria-label="Appointment" data-testid="appointment-panel">
      <div className="panel-head">
        <h2>
          Appointment <span className="muted small" data-testid="appointment-id">#{id}</span>
        </h2>
        <button type="button" className="btn-icon" aria-label="Close" onClick={onClose} data-testid="appointment-close">
          ×
        </button>
      </div>
      <Async state={state} loadingLabel="Loading appointment…">
        {(a) => (
          <Details
            a={a}
            onChanged={() => {
              state.reload();
              onChanged();
            }}
            onOffer={onOffer}
          />
        )}
      </Async>
    </aside>
  );
}

function Details({ a, onChanged, onOffer }: { a: Appointment; onChanged: () => void; onOffer: Offer }) {
  const can = useCan();
  const { timeZone } = useClinic();
  const write = can('schedule.write');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  const [freed, setFreed] = useState<{ entries: WaitlistEntry[]; lateCancel: boolean } | null>(null);
  const next = allowedTransitions[a.status].filter((s) => s !== 'cancelled');
  const date = localDate(a.startsAt, timeZone);

  const setStatus = async (status: (typeof next)[number]) => {
    setBusy(true);
    setError(undefined);
    try {
      await client.call('appointments.setStatus', { id: a.id, status: status as Exclude<typeof status, 'booked' | 'cancelled'> });
      useUi.getState().notify(`${a.patientName}: ${statusLabels[status]}`);
      onChanged();
    } catch (e) {
      setError(e instanceof LumenError && e.code === 'invalid_transition' ? `Not possible now: ${e.message}` : errorMessage(e));
      onChanged();
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="appt-details" data-testid="appointment-details" data-status={a.status}>
      <h3 className="appt-patient">
        <a href={`#/patients/${a.patientId}`} data-testid="appointment-patient-link">
          {a.patientName}
        </a>{' '}
        <span className="patient-number">{a.patientNumber}</span>
      </h3>
      {a.allergyAlert && (
        <div className="banner banner-alert" role="alert" data-testid="appointment-allergy">
          <strong>Allergy alert.</strong> Ask before treatment.
        </div>
      )}
      <div className="tag-list">
        <Badge kind={a.status === 'cancelled' || a.status === 'noShow' ? 'alert' : a.status === 'booked' ? 'neutral' : 'ok'} testId="appointment-status">
          {statusLabels[a.status]}
        </Badge>
        <Badge kind="muted" testId="appointment-visit-type">{visitTypeLabels[a.visitType]}</Badge>
        {a.seriesId && <Badge kind="muted">Series {a.seriesIndex! + 1} of {a.seriesCount}</Badge>}
        {a.lateCancel && <Badge kind="warn" testId="appointment-late-cancel">Late cancellation</Badge>}
      </div>
      <p className="appt-when" data-testid="appointment-when">
        {dayLabel(date, true)}, {rangeLabel(a.startsAt, a.endsAt, timeZone)}
      </p>
      <ol className="plain-list segment-list">
        {a.segments.map((s) => (
          <li key={s.id}>
            <span className="tag-dot" style={{ background: s.categoryColor }} aria-hidden="true" /> <strong>{s.serviceName}</strong> <span className="muted">{rangeLabel(s.startsAt, s.endsAt, timeZone)}</span>
            <div className="muted small">
              {[s.staffName, s.roomName, s.deviceName].filter(Boolean).join(' · ')}
            </div>
          </li>
        ))}
      </ol>
      {a.overrideReason && (
        <p className="banner banner-info small" data-testid="appointment-override">
          Booked over a conflict: “{a.overrideReason}”
        </p>
      )}
      {a.cancelReason && <p className="small">Cancelled: “{a.cancelReason}”</p>}
      {write && (next.length > 0 || allowedTransitions[a.status].includes('cancelled')) && (
        <div className="actions actions-start status-actions">
          {next.map((s) => (
            <button key={s} type="button" className={`btn btn-small ${s === 'noShow' ? '' : 'btn-primary'}`} disabled={busy} onClick={() => setStatus(s)} data-testid={`status-${s}`}>
              {statusActions[s]}
            </button>
          ))}
          {allowedTransitions[a.status].includes('cancelled') && (
            <button type="button" className="btn btn-small btn-danger" onClick={() => setCancelling(true)} data-testid="appointment-cancel">
              Cancel…
            </button>
          )}
        </div>
      )}
      <FormError message={error} />
      {freed && (
        <div className="panel panel-warn" data-testid="cancel-result">
          <p>
            Cancelled{freed.lateCancel ? ' — flagged as a late cancellation' : ''}.{' '}
            {freed.entries.length ? 'These waitlist patients fit the freed time:' : 'Nobody on the waitlist fits the freed time.'}
          </p>
          <WaitlistMatchList entries={freed.entries} onOffer={(entry) => onOffer(entry, { date, time: hhmm(wallMinutes(a.startsAt, timeZone)), staffId: a.segments[0]?.staffId })} />
        </div>
      )}
      <Notes a={a} write={write} onSaved={onChanged} />
      <div className="actions actions-start">
        <button type="button" className="btn btn-small" onClick={() => navigate(`/patients/${a.patientId}`)} data-testid="appointment-open-patient">
          Patient profile
        </button>
        {can('clinical.read') && (
          <button type="button" className="btn btn-small" onClick={() => navigate(`/appointments/${a.id}/chart`)} data-testid="appointment-chart">
            Chart
          </button>
        )}
      </div>
      {cancelling && (
        <CancelDialog
          a={a}
          onClose={() => setCancelling(false)}
          onDone={(r) => {
            setCancelling(false);
            setFreed(r);
            onChanged();
          }}
        />
      )}
    </div>
  );
}

function Notes({ a, write, onSaved }: { a: Appointment; write: boolean; onSaved: () => void }) {
  const [notes, setNotes] = useState(a.notes);
  const [state, setState] = useState<{ busy?: boolean; error?: string; saved?: boolean }>({});
  return (
    <Field label="Front-desk notes" error={state.error}>
      <textarea rows={3} value={notes} maxLength={2000} disabled={!write} onChange={(e) => (setNotes(e.target.value), setState({}))} data-testid="appointment-notes" />
      {write && (
        <div className="actions actions-start">
          <button
            type="button"
            className="btn btn-small"
            disabled={state.busy || notes === a.notes}
            data-testid="appointment-notes-save"
            onClick={async () => {
              setState({ busy: true });
              try {
                await client.call('appointments.setNotes', { id: a.id, notes });
                setState({ saved: true });
                onSaved();
              } catch (e) {
                setState({ error: errorMessage(e) });
              }
            }}
          >
            Save notes
          </button>
          {state.saved && <span className="muted small">Saved</span>}
        </div>
      )}
    </Field>
  );
}

function CancelDialog({ a, onClose, onDone }: { a: Appointment; onClose: () => void; onDone: (r: { entries: WaitlistEntry[]; lateCancel: boolean }) => void }) {
  const settings = useCall('settings.get', {});
  const [reason, setReason] = useState('');
  const [scope, setScope] = useState<SeriesScope | null>(a.seriesId ? null : 'this');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  if (!scope) return <ScopeDialog title="Cancel a series appointment" onClose={onClose} onPick={setScope} />;
  const hours = settings.data?.lateCancelHours;
  const late = hours !== undefined && Date.parse(a.startsAt) - Date.now() < hours * 3_600_000;
  return (
    <Dialog title="Cancel appointment" onClose={onClose} testId="cancel-dialog">
      <p>
        Cancel {a.patientName}
        {scope === 'following' ? ' — this and the following visits of the series' : scope === 'all' ? ' — every visit of the series' : ''}?
      </p>
      {late && (
        <p className="banner banner-warn-box" data-testid="late-cancel-warning">
          This is less than {hours} hours before the start: it will be recorded as a late cancellation.
        </p>
      )}
      <Field label="Reason">
        <input value={reason} autoFocus maxLength={300} onChange={(e) => setReason(e.target.value)} placeholder="e.g. patient is ill" data-testid="cancel-reason" />
      </Field>
      <FormError message={error} />
      <div className="actions">
        <button type="button" className="btn" onClick={onClose}>
          Keep it
        </button>
        <button
          type="button"
          className="btn btn-danger"
          disabled={busy || reason.trim().length < 2}
          data-testid="cancel-confirm"
          onClick={async () => {
            setBusy(true);
            setError(undefined);
            try {
              const r = await client.call('appointments.cancel', { id: a.id, reason: reason.trim(), scope });
              useUi.getState().notify(r.cancelled.length > 1 ? `Cancelled ${r.cancelled.length} appointments` : 'Appointment cancelled');
              onDone({ entries: r.waitlistMatches, lateCancel: r.lateCancel });
            } catch (e) {
              setError(errorMessage(e));
              setBusy(false);
            }
          }}
        >
          {busy ? 'Cancelling…' : 'Cancel appointment'}
        </button>
      </div>
    </Dialog>
  );
}
