import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { ParsedInputOf } from '../../../src-shared/contract/index';
import { allowedTransitions, scheduling, statusesSetByHand, type Appointment, type WaitlistEntry } from '../../../src-shared/contract/scheduling';
import { client, errorMessage, LumenError } from '../../lib/client';
import { contractResolver, submitWith } from '../../lib/forms';
import { useAction, useCall } from '../../lib/hooks';
import { navigate, useCan, useClinic, useUi } from '../../lib/store';
import { Async, Badge, Field, FormError } from '../../lib/ui';
import { CancelDialog } from './CancelDialog';
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
  const { busy, error, run } = useAction();
  const [cancelling, setCancelling] = useState(false);
  const [freed, setFreed] = useState<{ entries: WaitlistEntry[]; lateCancel: boolean } | null>(null);
  const next = statusesSetByHand.filter((s) => allowedTransitions[a.status].includes(s));
  const date = localDate(a.startsAt, timeZone);

  // Reloads either way: a refused change usually means the appointment changed elsewhere.
  const setStatus = async (status: (typeof next)[number]) => {
    await run(async () => {
      await client.call('appointments.setStatus', { id: a.id, status });
      useUi.getState().notify(`${a.patientName}: ${statusLabels[status]}`);
    });
    onChanged();
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
      {error !== undefined && <FormError message={error instanceof LumenError && error.code === 'invalid_transition' ? `Not possible now: ${error.message}` : errorMessage(error)} />}
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
        {can('checkout.sell') && a.status !== 'cancelled' && a.status !== 'noShow' && (
          <button type="button" className="btn btn-small btn-primary" disabled={busy} onClick={() => void run(() => openCheckout(a.id))} data-testid="appointment-checkout">
            Checkout
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

/** The visit's invoice: a new draft prefilled from the visit, or the one it already has. */
async function openCheckout(appointmentId: number): Promise<void> {
  try {
    const draft = await client.call('invoices.createDraft', { appointmentId, lines: [] });
    navigate(`/invoices/${draft.id}`);
  } catch (error) {
    const existing = error instanceof LumenError && error.code === 'conflict' ? (error.details as { invoiceId?: unknown } | undefined)?.invoiceId : undefined;
    if (typeof existing !== 'number') throw error;
    navigate(`/invoices/${existing}`);
  }
}

/** The appointment's front-desk notes, saved on their own. */
function Notes({ a, write, onSaved }: { a: Appointment; write: boolean; onSaved: () => void }) {
  const form = useForm<{ notes: string }, unknown, ParsedInputOf<'appointments.setNotes'>>({
    resolver: contractResolver(scheduling['appointments.setNotes'].input, (v: { notes: string }) => ({ id: a.id, notes: v.notes })),
    defaultValues: { notes: a.notes },
  });
  const { register, reset, formState } = form;
  const save = submitWith(
    form,
    async (input) => {
      await client.call('appointments.setNotes', input);
      reset({ notes: input.notes }, { keepIsSubmitSuccessful: true });
      onSaved();
    },
    { known: ['notes'] },
  );
  return (
    <form noValidate onSubmit={save}>
      <Field label="Front-desk notes" error={formState.errors.notes?.message ?? formState.errors.root?.server?.message}>
        <textarea rows={3} maxLength={2000} disabled={!write} {...register('notes')} data-testid="appointment-notes" />
        {write && (
          <div className="actions actions-start">
            <button type="submit" className="btn btn-small" disabled={formState.isSubmitting || !formState.isDirty} data-testid="appointment-notes-save">
              Save notes
            </button>
            {formState.isSubmitSuccessful && !formState.isDirty && <span className="muted small">Saved</span>}
          </div>
        )}
      </Field>
    </form>
  );
}
