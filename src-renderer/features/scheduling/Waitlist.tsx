import { useState } from 'react';
import type { WaitlistEntry } from '../../../src-shared/contract/scheduling';
import { client } from '../../lib/client';
import { useCall } from '../../lib/hooks';
import { useSave } from '../../lib/useSave';
import { useCan, useUi } from '../../lib/store';
import { Async, Dialog, Empty, Field, FormError } from '../../lib/ui';
import { PatientPicker } from '../patients/PatientPicker';
import { usePhone } from '../patients/PatientBits';
import { formatDate } from '../../lib/format';
import { weekdayNames } from './labels';
import { eligibleProviders, useRefs } from './refs';

function Wants({ e }: { e: WaitlistEntry }) {
  const days = e.weekdays.length === 7 ? 'any day' : e.weekdays.map((d) => weekdayNames[d - 1].slice(0, 3)).join(', ');
  const range = e.earliestDate || e.latestDate ? ` · ${e.earliestDate ? formatDate(e.earliestDate) : '…'} – ${e.latestDate ? formatDate(e.latestDate) : '…'}` : '';
  return (
    <span className="muted small">
      {e.serviceNames.join(' + ')} · {days}, {e.timeFrom}–{e.timeTo}
      {range}
      {e.notes && ` · ${e.notes}`}
    </span>
  );
}

/** Who is waiting (name, phone) and for what. */
function Who({ e }: { e: WaitlistEntry }) {
  const phone = usePhone();
  return (
    <div>
      <strong>{e.patientName}</strong> <span className="muted">{phone(e.phone)}</span>
      <div>
        <Wants e={e} />
      </div>
    </div>
  );
}

/** Waitlist entries that fit a freed slot, each with "Offer slot". */
export function WaitlistMatchList({ entries, onOffer }: { entries: WaitlistEntry[]; onOffer: (e: WaitlistEntry) => void }) {
  const can = useCan();
  if (!entries.length) return null;
  return (
    <ul className="plain-list" data-testid="waitlist-matches">
      {entries.map((e) => (
        <li key={e.id} className="waitlist-item" data-testid="waitlist-match">
          <Who e={e} />
          {can('schedule.write') && (
            <button type="button" className="btn btn-small btn-primary" onClick={() => onOffer(e)} data-testid="waitlist-offer">
              Offer slot
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}

export function WaitlistMatches({ entries, onOffer, onClose }: { entries: WaitlistEntry[]; onOffer: (e: WaitlistEntry) => void; onClose: () => void }) {
  return (
    <Dialog title="Time freed up — waitlist matches" onClose={onClose} testId="waitlist-matches-dialog">
      <WaitlistMatchList entries={entries} onOffer={onOffer} />
      <div className="actions">
        <button type="button" className="btn" onClick={onClose}>
          Not now
        </button>
      </div>
    </Dialog>
  );
}

/** The waitlist beside the calendar: who is waiting for what, book or remove. */
export function WaitlistPanel({ onClose, onBook }: { onClose: () => void; onBook: (e: WaitlistEntry) => void }) {
  const can = useCan();
  const write = can('schedule.write');
  const state = useCall('waitlist.list', { status: 'waiting' });
  const [adding, setAdding] = useState(false);
  return (
    <aside className="side-panel" aria-label="Waitlist" data-testid="waitlist-panel">
      <div className="panel-head">
        <h2>Waitlist</h2>
        <span>
          {write && (
            <button type="button" className="btn btn-small btn-primary" onClick={() => setAdding(true)} data-testid="waitlist-add">
              Add
            </button>
          )}
          <button type="button" className="btn-icon" aria-label="Close" onClick={onClose}>
            ×
          </button>
        </span>
      </div>
      <Async state={state}>
        {(rows) =>
          rows.length ? (
            <ul className="plain-list">
              {rows.map((e) => (
                <li key={e.id} className="waitlist-item" data-testid="waitlist-row">
                  <Who e={e} />
                  {write && (
                    <span className="stack">
                      <button type="button" className="btn btn-small btn-primary" onClick={() => onBook(e)} data-testid="waitlist-book">
                        Book
                      </button>
                      <button
                        type="button"
                        className="btn btn-small"
                        data-testid="waitlist-remove"
                        onClick={async () => {
                          try {
                            await client.call('waitlist.remove', { id: e.id });
                            state.reload();
                          } catch (err) {
                            useUi.getState().notify(err instanceof Error ? err.message : 'Could not remove');
                          }
                        }}
                      >
                        Remove
                      </button>
                    </span>
                  )}
                </li>
              ))}
            </ul>
          ) : (
            <Empty>Nobody is waiting. Add patients who want an earlier slot; they are suggested when time frees up.</Empty>
          )
        }
      </Async>
      {adding && <WaitlistDialog onClose={() => setAdding(false)} onSaved={state.reload} />}
    </aside>
  );
}

function WaitlistDialog({ onClose, onSaved }: { onClose: () => void; onSaved: () => void }) {
  const { refs } = useRefs();
  const [patient, setPatient] = useState<{ id: number; name: string } | null>(null);
  const [serviceIds, setServiceIds] = useState<number[]>([]);
  const [staffIds, setStaffIds] = useState<number[]>([]);
  const [weekdays, setWeekdays] = useState<number[]>([1, 2, 3, 4, 5, 6, 7]);
  const [timeFrom, setTimeFrom] = useState('08:00');
  const [timeTo, setTimeTo] = useState('20:00');
  const [earliestDate, setEarliest] = useState('');
  const [latestDate, setLatest] = useState('');
  const [notes, setNotes] = useState('');
  const save = useSave();
  const toggle = (list: number[], id: number, on: boolean) => (on ? [...list, id] : list.filter((x) => x !== id));
  const providers = refs ? eligibleProviders(refs, serviceIds[0] ?? null) : [];
  return (
    <Dialog title="Add to the waitlist" onClose={onClose} wide testId="waitlist-dialog">
      <form
        className="form"
        noValidate
        onSubmit={async (e) => {
          e.preventDefault();
          if (!patient) return save.setFormError('Choose a patient');
          const ok = await save.run(() =>
            client.call('waitlist.save', { patientId: patient.id, serviceIds, staffIds, weekdays, timeFrom, timeTo, earliestDate: earliestDate || null, latestDate: latestDate || null, notes }),
          );
          if (ok) {
            onSaved();
            onClose();
          }
        }}
      >
        <Field label="Patient">
          {patient ? (
            <div className="chosen">
              <strong>{patient.name}</strong>
              <button type="button" className="btn btn-small" onClick={() => setPatient(null)}>
                Change
              </button>
            </div>
          ) : (
            <PatientPicker onPick={(p) => setPatient({ id: p.id, name: p.name })} testId="waitlist-patient" autoFocus />
          )}
        </Field>
        <Field label="Services" error={save.fieldErrors.serviceIds}>
          <select
            multiple
            size={5}
            value={serviceIds.map(String)}
            onChange={(e) => setServiceIds([...e.target.selectedOptions].map((o) => Number(o.value)))}
            data-testid="waitlist-services"
          >
            {refs?.services.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </Field>
        <fieldset>
          <legend className="field-label">Preferred providers (none: anyone)</legend>
          <div className="tag-list">
            {providers.map((p) => (
              <label key={p.id} className="inline checkbox">
                <input type="checkbox" checked={staffIds.includes(p.id)} onChange={(e) => setStaffIds(toggle(staffIds, p.id, e.target.checked))} />
                {p.displayName}
              </label>
            ))}
          </div>
        </fieldset>
        <fieldset>
          <legend className="field-label">Days</legend>
          <div className="tag-list">
            {weekdayNames.map((d, i) => (
              <label key={d} className="inline checkbox">
                <input type="checkbox" checked={weekdays.includes(i + 1)} onChange={(e) => setWeekdays(toggle(weekdays, i + 1, e.target.checked).sort())} data-testid={`waitlist-day-${i + 1}`} />
                {d.slice(0, 3)}
              </label>
            ))}
          </div>
        </fieldset>
        <div className="row">
          <Field label="From" error={save.fieldErrors.timeFrom}>
            <input type="time" value={timeFrom} onChange={(e) => setTimeFrom(e.target.value)} data-testid="waitlist-from" />
          </Field>
          <Field label="To" error={save.fieldErrors.timeTo}>
            <input type="time" value={timeTo} onChange={(e) => setTimeTo(e.target.value)} data-testid="waitlist-to" />
          </Field>
          <Field label="Earliest date" error={save.fieldErrors.earliestDate}>
            <input type="date" value={earliestDate} onChange={(e) => setEarliest(e.target.value)} />
          </Field>
          <Field label="Latest date" error={save.fieldErrors.latestDate}>
            <input type="date" value={latestDate} onChange={(e) => setLatest(e.target.value)} />
          </Field>
        </div>
        <Field label="Notes" error={save.fieldErrors.notes}>
          <input value={notes} maxLength={200} onChange={(e) => setNotes(e.target.value)} />
        </Field>
        <FormError message={save.formError} />
        <div className="actions">
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary" disabled={save.busy || !serviceIds.length} data-testid="waitlist-save">
            Add to waitlist
          </button>
        </div>
      </form>
    </Dialog>
  );
}
