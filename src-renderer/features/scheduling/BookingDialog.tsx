import { useEffect, useMemo, useState } from 'react';
import type { Conflict, SegmentInput, Slot } from '../../../src-shared/contract/scheduling';
import type { OutputOf } from '../../../src-shared/contract/index';
import { client, errorMessage } from '../../lib/client';
import { useDebounced } from '../../lib/hooks';
import { useClinic, useUi } from '../../lib/store';
import { Dialog, Empty, ErrorBox, Field, FormError, Spinner } from '../../lib/ui';
import { PatientPicker } from '../patients/PatientPicker';
import { ConflictList, useConflictGuard } from './Conflicts';
import { devicesFor, eligibleProviders, roomsFor, useRefs, type Refs } from './refs';
import { localDate, localInstant, MINUTE_MS, minutesOf } from '../../../src-shared/time';
import { clinicToday, clockLabel, dayLabel, rangeLabel, whenLabel } from './time';

export interface BookingPrefill {
  patient?: { id: number; name: string };
  serviceIds?: number[];
  staffId?: number;
  roomId?: number;
  date: string;
  /** Clinic-local "HH:MM". */
  time?: string;
  waitlistEntryId?: number;
}

interface SegmentDraft {
  serviceId: number | null;
  staffId: number | null;
  roomId: number | null;
  deviceId: number | null;
  duration: number;
}

function draftFor(refs: Refs, serviceId: number | null, prefill?: { staffId?: number; roomId?: number }): SegmentDraft {
  const service = refs.services.find((s) => s.id === serviceId);
  const providers = eligibleProviders(refs, serviceId);
  const staffId = prefill?.staffId && providers.some((p) => p.id === prefill.staffId) ? prefill.staffId : providers[0]?.id ?? null;
  const rooms = roomsFor(refs, serviceId);
  const roomId = prefill?.roomId && rooms.some((r) => r.id === prefill.roomId) ? prefill.roomId : null;
  return { serviceId, staffId, roomId, deviceId: devicesFor(refs, serviceId)[0]?.id ?? null, duration: service?.durationMinutes || 30 };
}

/** Book a visit: patient, services in sequence, provider/room per service, a time (typed or "next available"), optional repeat. */
export function BookingDialog({ prefill, onClose, onBooked }: { prefill: BookingPrefill; onClose: () => void; onBooked: (date: string) => void }) {
  const { refs, error } = useRefs();
  return (
    <Dialog title="New booking" onClose={onClose} wide testId="booking-dialog">
      {error !== undefined ? <ErrorBox error={error} /> : !refs ? <Spinner /> : <BookingForm refs={refs} prefill={prefill} onClose={onClose} onBooked={onBooked} />}
    </Dialog>
  );
}

function BookingForm({ refs, prefill, onClose, onBooked }: { refs: Refs; prefill: BookingPrefill; onClose: () => void; onBooked: (date: string) => void }) {
  const { timeZone } = useClinic();
  const [patient, setPatient] = useState(prefill.patient ?? null);
  const [date, setDate] = useState(prefill.date);
  const [time, setTime] = useState(prefill.time ?? '09:00');
  const [segments, setSegments] = useState<SegmentDraft[]>(() =>
    (prefill.serviceIds?.length ? prefill.serviceIds : [refs.services[0]?.id ?? null]).map((id) => draftFor(refs, id, prefill)),
  );
  // Starts of each service when a "next available" slot was picked (slots may leave gaps between services).
  const [slotStarts, setSlotStarts] = useState<string[] | null>(null);
  const [notes, setNotes] = useState('');
  const [repeat, setRepeat] = useState(false);
  const [every, setEvery] = useState(4);
  const [count, setCount] = useState(6);
  const [preview, setPreview] = useState<OutputOf<'series.preview'> | null>(null);
  const [skip, setSkip] = useState<Set<number>>(new Set());
  const [formError, setFormError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const { guard, dialog } = useConflictGuard();

  const edit = (i: number, patch: Partial<SegmentDraft>) => {
    setSlotStarts(null);
    setPreview(null);
    setSegments(segments.map((s, j) => (j === i ? { ...s, ...patch } : s)));
  };

  const remove = (i: number) => {
    setSlotStarts(null);
    setPreview(null);
    setSegments(segments.filter((_, j) => j !== i));
  };

  const input: SegmentInput[] | null = useMemo(() => {
    if (!date || !/^\d\d:\d\d$/.test(time) || segments.some((s) => !s.serviceId || !s.staffId)) return null;
    let at = localInstant(date, minutesOf(time), timeZone);
    return segments.map((s, i) => {
      const startsAt = slotStarts?.[i] ?? new Date(at).toISOString();
      at = Date.parse(startsAt) + s.duration * MINUTE_MS;
      return { serviceId: s.serviceId!, staffId: s.staffId!, roomId: s.roomId, deviceId: s.deviceId, startsAt, durationMinutes: s.duration };
    });
  }, [date, time, segments, slotStarts, timeZone]);

  const rule = repeat ? { every, unit: 'week' as const, count } : null;
  const book = () =>
    guard(async (override) => {
      if (!patient || !input) return;
      setBusy(true);
      setFormError(undefined);
      try {
        if (rule) {
          const r = await client.call('series.create', { patientId: patient.id, segments: input, rule, notes, override, skipIndexes: [...skip] });
          useUi.getState().notify(`Booked ${r.appointmentIds.length} appointments for ${patient.name}`);
        } else {
          await client.call('appointments.book', { patientId: patient.id, segments: input, notes, override, waitlistEntryId: prefill.waitlistEntryId });
          useUi.getState().notify(`Booked ${patient.name}, ${whenLabel(input[0].startsAt, timeZone)}`);
        }
        onBooked(localDate(input[0].startsAt, timeZone));
        onClose();
      } finally {
        setBusy(false);
      }
    }).catch((e: unknown) => setFormError(errorMessage(e)));

  return (
    <form
      className="form booking"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void book();
      }}
    >
      <Field label="Patient">
        {patient ? (
          <div className="chosen" data-testid="booking-patient-chosen">
            <strong>{patient.name}</strong>
            <button type="button" className="btn btn-small" onClick={() => setPatient(null)} data-testid="booking-patient-change">
              Change
            </button>
          </div>
        ) : (
          <PatientPicker onPick={(p) => setPatient({ id: p.id, name: p.name })} testId="booking-patient" autoFocus />
        )}
      </Field>

      <fieldset className="segments">
        <legend>Services, in order</legend>
        {segments.map((s, i) => (
          <SegmentRow key={i} i={i} s={s} refs={refs} onChange={(patch) => edit(i, patch)} onRemove={segments.length > 1 ? () => remove(i) : undefined} />
        ))}
        {segments.length < 10 && (
          <div>
            <button type="button" className="btn btn-small" onClick={() => setSegments([...segments, draftFor(refs, null, { staffId: segments.at(-1)?.staffId ?? undefined })])} data-testid="booking-add-service">
              + Add a service
            </button>
          </div>
        )}
      </fieldset>

      <div className="row row-tight">
        <Field label="Date">
          <input type="date" value={date} onChange={(e) => (setSlotStarts(null), setPreview(null), setDate(e.target.value))} data-testid="booking-date" />
        </Field>
        <Field label="Starts at" hint={`Clinic time (${timeZone})`}>
          <input type="time" value={time} step={300} onChange={(e) => (setSlotStarts(null), setPreview(null), setTime(e.target.value))} data-testid="booking-time" />
        </Field>
        {input && <span className="muted booking-span">{rangeLabel(input[0].startsAt, Date.parse(input.at(-1)!.startsAt) + segments.at(-1)!.duration * MINUTE_MS, timeZone)}</span>}
      </div>

      <NextAvailable
        serviceIds={segments.map((s) => s.serviceId).filter((id): id is number => id !== null)}
        staffId={segments[0]?.staffId ?? null}
        refs={refs}
        date={date}
        onPick={(slot) => {
          setDate(localDate(slot.startsAt, timeZone));
          setTime(clockLabel(slot.startsAt, timeZone));
          setSegments(slot.segments.map((g) => ({ serviceId: g.serviceId, staffId: g.staffId, roomId: g.roomId, deviceId: g.deviceId, duration: g.durationMinutes })));
          setSlotStarts(slot.segments.map((g) => g.startsAt));
          setPreview(null);
        }}
      />

      {!repeat && <LiveConflicts segments={input} />}

      <div className="repeat">
        <label className="inline checkbox">
          <input type="checkbox" checked={repeat} onChange={(e) => (setRepeat(e.target.checked), setPreview(null))} data-testid="booking-repeat" />
          Repeat every
        </label>
        <input type="number" min={1} max={52} value={every} disabled={!repeat} className="input-tiny" aria-label="Weeks between visits" onChange={(e) => (setEvery(Number(e.target.value) || 1), setPreview(null))} data-testid="booking-repeat-every" />
        weeks ×
        <input type="number" min={2} max={52} value={count} disabled={!repeat} className="input-tiny" aria-label="Number of visits" onChange={(e) => (setCount(Number(e.target.value) || 2), setPreview(null))} data-testid="booking-repeat-count" />
        visits
        {repeat && (
          <button
            type="button"
            className="btn btn-small"
            disabled={!patient || !input}
            data-testid="booking-series-preview"
            onClick={async () => {
              setFormError(undefined);
              try {
                const occurrences = await client.call('series.preview', { patientId: patient!.id, segments: input!, rule: rule! });
                setPreview(occurrences);
                setSkip(new Set());
              } catch (e) {
                setFormError(errorMessage(e));
              }
            }}
          >
            Show every visit
          </button>
        )}
      </div>
      {repeat && preview && <SeriesPreview occurrences={preview} skip={skip} onSkip={setSkip} />}

      <Field label="Front-desk notes">
        <textarea rows={2} value={notes} maxLength={2000} onChange={(e) => setNotes(e.target.value)} data-testid="booking-notes" />
      </Field>
      <FormError message={formError} />
      <div className="actions">
        <button type="button" className="btn" onClick={onClose}>
          Cancel
        </button>
        <button type="submit" className="btn btn-primary" disabled={busy || !patient || !input || (repeat && !preview)} data-testid="booking-submit" title={repeat && !preview ? 'Show every visit first' : undefined}>
          {busy ? 'Booking…' : repeat ? `Book ${count - skip.size} visits` : 'Book'}
        </button>
      </div>
      {dialog}
    </form>
  );
}

function SegmentRow({ i, s, refs, onChange, onRemove }: { i: number; s: SegmentDraft; refs: Refs; onChange: (patch: Partial<SegmentDraft>) => void; onRemove?: () => void }) {
  const providers = eligibleProviders(refs, s.serviceId);
  const rooms = roomsFor(refs, s.serviceId);
  const devices = devicesFor(refs, s.serviceId);
  const rule = s.serviceId ? refs.rules.get(s.serviceId) : undefined;
  return (
    <div className="segment-row" data-testid="booking-segment">
      <span className="segment-n">{i + 1}</span>
      <Field label="Service">
        <select
          value={s.serviceId ?? ''}
          data-testid={`booking-service-${i}`}
          onChange={(e) => {
            const next = draftFor(refs, Number(e.target.value) || null, { staffId: s.staffId ?? undefined, roomId: s.roomId ?? undefined });
            onChange(next);
          }}
        >
          <option value="">Choose…</option>
          {refs.services.map((sv) => (
            <option key={sv.id} value={sv.id}>
              {sv.name} ({sv.durationMinutes} min)
            </option>
          ))}
        </select>
      </Field>
      <Field label="Provider">
        <select value={s.staffId ?? ''} onChange={(e) => onChange({ staffId: Number(e.target.value) || null })} data-testid={`booking-provider-${i}`}>
          {!providers.length && <option value="">No eligible provider</option>}
          {providers.map((p) => (
            <option key={p.id} value={p.id}>
              {p.displayName}
            </option>
          ))}
        </select>
      </Field>
      <Field label={rule?.roomKind ? `Room (${rule.roomKind})` : 'Room'}>
        <select value={s.roomId ?? ''} onChange={(e) => onChange({ roomId: Number(e.target.value) || null })} data-testid={`booking-room-${i}`}>
          <option value="">Any / none</option>
          {rooms.map((r) => (
            <option key={r.id} value={r.id}>
              {r.name}
            </option>
          ))}
        </select>
      </Field>
      {devices.length > 0 && (
        <Field label="Device">
          <select value={s.deviceId ?? ''} onChange={(e) => onChange({ deviceId: Number(e.target.value) || null })} data-testid={`booking-device-${i}`}>
            {devices.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </select>
        </Field>
      )}
      <Field label="Minutes">
        <input type="number" min={5} max={720} step={5} className="input-tiny" value={s.duration} onChange={(e) => onChange({ duration: Math.max(1, Number(e.target.value) || 1) })} data-testid={`booking-duration-${i}`} />
      </Field>
      {onRemove && (
        <button type="button" className="btn-icon" aria-label={`Remove service ${i + 1}`} onClick={onRemove} data-testid={`booking-remove-${i}`}>
          ×
        </button>
      )}
      {rule?.prepInstructions && <p className="muted small segment-prep">Prep: {rule.prepInstructions}</p>}
    </div>
  );
}

function NextAvailable({ serviceIds, staffId, refs, date, onPick }: { serviceIds: number[]; staffId: number | null; refs: Refs; date: string; onPick: (slot: Slot) => void }) {
  const { timeZone } = useClinic();
  const [onlyProvider, setOnlyProvider] = useState(false);
  const [state, setState] = useState<{ loading?: boolean; slots?: Slot[]; error?: unknown }>({});
  const staffName = refs.staff.find((s) => s.id === staffId)?.displayName ?? 'this provider';
  const search = async () => {
    setState({ loading: true });
    try {
      // From the chosen day, but never in the past.
      const from = new Date(Math.max(localInstant(date || clinicToday(timeZone), 0, timeZone), Date.now())).toISOString();
      const slots = await client.call('appointments.nextAvailable', { serviceIds, staffId: onlyProvider && staffId ? staffId : undefined, from, days: 14, limit: 8 });
      setState({ slots });
    } catch (error) {
      setState({ error });
    }
  };
  return (
    <div className="next-available" data-testid="next-available">
      <div className="row row-tight">
        <button type="button" className="btn" disabled={!serviceIds.length || state.loading} onClick={search} data-testid="booking-next-available">
          {state.loading ? 'Searching…' : 'Next available'}
        </button>
        <label className="inline checkbox">
          <input type="checkbox" checked={onlyProvider} onChange={(e) => setOnlyProvider(e.target.checked)} data-testid="booking-next-provider-only" />
          only with {staffName}
        </label>
      </div>
      {state.error !== undefined && <ErrorBox error={state.error} testId="next-available-error" />}
      {state.slots && !state.slots.length && <Empty>No free time in the next 14 days for these services. Try another provider or a later date.</Empty>}
      {state.slots && state.slots.length > 0 && (
        <ul className="slot-list">
          {state.slots.map((slot) => (
            <li key={slot.startsAt + slot.segments.map((g) => g.staffId).join()}>
              <button type="button" className="slot" onClick={() => onPick(slot)} data-testid="booking-slot">
                <strong>{dayLabel(localDate(slot.startsAt, timeZone))}</strong> {rangeLabel(slot.startsAt, slot.endsAt, timeZone)}
                <span className="muted small">
                  {[...new Set(slot.segments.map((g) => refs.staff.find((s) => s.id === g.staffId)?.displayName ?? `#${g.staffId}`))].join(', ')}
                  {slot.segments.some((g) => g.roomId) && ' · ' + [...new Set(slot.segments.map((g) => refs.rooms.find((r) => r.id === g.roomId)?.name).filter(Boolean))].join(', ')}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** appointments.check while the form changes: the conflicts are shown before anyone presses Book. */
function LiveConflicts({ segments }: { segments: SegmentInput[] | null }) {
  const key = useDebounced(segments ? JSON.stringify(segments) : null, 250);
  const [state, setState] = useState<{ conflicts?: Conflict[]; error?: unknown }>({});
  useEffect(() => {
    if (!key) return setState({});
    let live = true;
    client.call('appointments.check', { segments: JSON.parse(key) as SegmentInput[] }).then(
      (r) => live && setState({ conflicts: r.conflicts }),
      (error: unknown) => live && setState({ error }),
    );
    return () => {
      live = false;
    };
  }, [key]);
  if (state.error !== undefined) return <p className="form-error" data-testid="booking-check-error">{errorMessage(state.error)}</p>;
  if (!state.conflicts) return null;
  if (!state.conflicts.length)
    return (
      <p className="banner banner-ok" data-testid="booking-no-conflicts">
        Free: no conflicts at this time.
      </p>
    );
  return (
    <div className="banner banner-warn-box" data-testid="booking-conflicts">
      <strong>Conflicts at this time</strong>
      <ConflictList conflicts={state.conflicts} />
    </div>
  );
}

function SeriesPreview({ occurrences, skip, onSkip }: { occurrences: OutputOf<'series.preview'>; skip: Set<number>; onSkip: (s: Set<number>) => void }) {
  const { timeZone } = useClinic();
  return (
    <table className="table table-compact" data-testid="series-preview">
      <thead>
        <tr>
          <th>#</th>
          <th>When</th>
          <th>Conflicts</th>
          <th>Skip</th>
        </tr>
      </thead>
      <tbody>
        {occurrences.map((o) => (
          <tr key={o.index} data-testid="series-occurrence" className={o.conflicts.length ? 'row-warn' : ''}>
            <td>{o.index + 1}</td>
            <td className="nowrap">
              {dayLabel(localDate(o.startsAt, timeZone))} {rangeLabel(o.startsAt, o.endsAt, timeZone)}
            </td>
            <td>{o.conflicts.length ? <ConflictList conflicts={o.conflicts} /> : <span className="muted">None</span>}</td>
            <td>
              <input
                type="checkbox"
                aria-label={`Skip visit ${o.index + 1}`}
                checked={skip.has(o.index)}
                data-testid={`series-skip-${o.index}`}
                onChange={(e) => {
                  const next = new Set(skip);
                  if (e.target.checked) next.add(o.index);
                  else next.delete(o.index);
                  onSkip(next);
                }}
              />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
