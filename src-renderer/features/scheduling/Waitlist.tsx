import { useState } from 'react';
import { Controller, useForm, useWatch } from 'react-hook-form';
import type { z } from 'zod';
import { WaitlistInput, type WaitlistEntry } from '../../../src-shared/contract/scheduling';
import { client } from '../../lib/client';
import { DialogForm } from '../../lib/DialogForm';
import { contractResolver } from '../../lib/forms';
import { useCall } from '../../lib/hooks';
import { useCan, useUi } from '../../lib/store';
import { Async, Dialog, Empty, Field } from '../../lib/ui';
import { usePhone } from '../patients/PatientBits';
import { formatDate } from '../../lib/format';
import { IdChecks } from '../../lib/IdChecks';
import { weekdayNames } from './labels';
import { PatientChoice, type ChosenPatient } from './PatientChoice';
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

interface WaitlistValues {
  patient: ChosenPatient | null;
  serviceIds: string[];
  staffIds: number[];
  weekdays: number[];
  timeFrom: string;
  timeTo: string;
  earliestDate: string;
  latestDate: string;
  notes: string;
}

/** Form values → waitlist.save input: the picked patient's id, service ids as numbers, blank dates absent (null). */
const toInput = ({ patient, ...v }: WaitlistValues) => ({
  ...v,
  patientId: patient?.id,
  serviceIds: v.serviceIds.map(Number),
  weekdays: [...v.weekdays].sort((a, b) => a - b),
  earliestDate: v.earliestDate || null,
  latestDate: v.latestDate || null,
});

function WaitlistDialog({ onClose, onSaved }: { onClose: () => void; onSaved: () => void }) {
  const { refs } = useRefs();
  const form = useForm<WaitlistValues, unknown, z.output<typeof WaitlistInput>>({
    resolver: contractResolver(WaitlistInput, toInput),
    defaultValues: { patient: null, serviceIds: [], staffIds: [], weekdays: [1, 2, 3, 4, 5, 6, 7], timeFrom: '08:00', timeTo: '20:00', earliestDate: '', latestDate: '', notes: '' },
  });
  const { register, control, setValue, formState } = form;
  const [patient, serviceIds] = useWatch({ control, name: ['patient', 'serviceIds'] });
  const e = formState.errors;
  const providers = refs ? eligibleProviders(refs, Number(serviceIds[0]) || null) : [];
  return (
    <Dialog title="Add to the waitlist" onClose={onClose} wide testId="waitlist-dialog">
      <DialogForm
        form={form}
        onSubmit={(input) => client.call('waitlist.save', input).then(onSaved).then(onClose)}
        refusals={{ known: ['serviceIds', 'timeFrom', 'timeTo', 'earliestDate', 'latestDate', 'notes'] }}
        onCancel={onClose}
        submit={{ label: 'Add to waitlist', testId: 'waitlist-save', disabled: !serviceIds.length }}
      >
        <PatientChoice value={patient} onChange={(p) => setValue('patient', p)} errors={e} testId="waitlist-patient" />
        <Field label="Services" error={e.serviceIds?.message}>
          <select multiple size={5} {...register('serviceIds')} data-testid="waitlist-services">
            {refs?.services.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </Field>
        <fieldset>
          <legend className="field-label">Preferred providers (none: anyone)</legend>
          <Controller control={control} name="staffIds" render={({ field }) => <IdChecks options={providers.map((p) => ({ id: p.id, label: p.displayName }))} value={field.value} onChange={field.onChange} />} />
        </fieldset>
        <fieldset>
          <legend className="field-label">Days</legend>
          <Controller
            control={control}
            name="weekdays"
            render={({ field }) => <IdChecks options={weekdayNames.map((d, i) => ({ id: i + 1, label: d.slice(0, 3) }))} value={field.value} onChange={field.onChange} testId={(day) => `waitlist-day-${day}`} />}
          />
        </fieldset>
        <div className="row">
          <Field label="From" error={e.timeFrom?.message}>
            <input type="time" {...register('timeFrom')} data-testid="waitlist-from" />
          </Field>
          <Field label="To" error={e.timeTo?.message}>
            <input type="time" {...register('timeTo')} data-testid="waitlist-to" />
          </Field>
          <Field label="Earliest date" error={e.earliestDate?.message}>
            <input type="date" {...register('earliestDate')} />
          </Field>
          <Field label="Latest date" error={e.latestDate?.message}>
            <input type="date" {...register('latestDate')} />
          </Field>
        </div>
        <Field label="Notes" error={e.notes?.message}>
          <input maxLength={200} {...register('notes')} />
        </Field>
      </DialogForm>
    </Dialog>
  );
}
