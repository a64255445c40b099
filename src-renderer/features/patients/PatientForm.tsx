import { useEffect, useRef, useState } from 'react';
import { useForm, useWatch, type Control } from 'react-hook-form';
import type { z } from 'zod';
import { genders, PatientFields, type DuplicateCandidate, type PatientPatch, type PatientProfile } from '../../../src-shared/contract/patients';
import { client, LumenError } from '../../lib/client';
import { contractResolver, showServerError } from '../../lib/forms';
import { formatDate } from '../../lib/format';
import { useCall, useDebounced } from '../../lib/hooks';
import { navigate, useClinic, useUi } from '../../lib/store';
import { Async, Field, FormError } from '../../lib/ui';
import { AddressPlaceFields } from '../../lib/AddressFields';
import { PatientPicker } from './PatientPicker';
import { usePhone } from './PatientBits';

interface PatientValues {
  firstName: string;
  lastName: string;
  preferredName: string;
  dateOfBirth: string;
  gender: string;
  phone: string;
  email: string;
  address: { line1: string; line2: string; city: string; region: string; postalCode: string; country: string };
  referralSourceId: string;
  referredBy: { id: number; label: string } | null;
  emergencyContactName: string;
  emergencyContactPhone: string;
  photoConsent: boolean;
  doNotContact: boolean;
  notes: string;
}
type Parsed = z.output<typeof PatientFields>;

const textKeys = ['firstName', 'lastName', 'preferredName', 'dateOfBirth', 'gender', 'phone', 'email', 'emergencyContactName', 'emergencyContactPhone', 'notes'] as const;
const fieldNames: readonly string[] = Object.keys(PatientFields.shape);

/** Form strings → contract input: blanks are absent, the select's id becomes a number. */
function toInput(v: PatientValues): Record<string, unknown> {
  const out: Record<string, unknown> = { photoConsent: v.photoConsent, doNotContact: v.doNotContact };
  for (const k of textKeys) if (v[k].trim() !== '') out[k] = v[k];
  const address: Record<string, string> = {};
  for (const [k, val] of Object.entries(v.address)) if (val.trim() !== '') address[k] = k === 'country' ? val.trim().toUpperCase() : val;
  if (Object.keys(address).length) out.address = address;
  if (v.referralSourceId) out.referralSourceId = Number(v.referralSourceId);
  if (v.referredBy) out.referredByPatientId = v.referredBy.id;
  return out;
}

const clearable = ['preferredName', 'dateOfBirth', 'gender', 'phone', 'email', 'referralSourceId', 'referredByPatientId', 'emergencyContactName', 'emergencyContactPhone'] as const;

/** On edit every field is sent: what was emptied becomes null so the server clears it. */
function toPatch(parsed: Parsed, values: PatientValues): PatientPatch {
  const patch: Record<string, unknown> = { ...parsed, notes: parsed.notes ?? '' };
  for (const k of clearable) patch[k] = parsed[k] ?? null;
  const { country, ...lines } = values.address;
  patch.address = { ...lines, ...(country.trim() ? { country: country.trim().toUpperCase() } : {}) };
  return patch as PatientPatch;
}

function fromProfile(p: PatientProfile): PatientValues {
  return {
    firstName: p.firstName,
    lastName: p.lastName,
    preferredName: p.preferredName ?? '',
    dateOfBirth: p.dateOfBirth ?? '',
    gender: p.gender ?? '',
    phone: p.phone ?? '',
    email: p.email ?? '',
    address: { ...p.address },
    referralSourceId: p.referralSource ? String(p.referralSource.id) : '',
    referredBy: p.referredBy ? { id: p.referredBy.id, label: `${p.referredBy.name} (${p.referredBy.number})` } : null,
    emergencyContactName: p.emergencyContactName ?? '',
    emergencyContactPhone: p.emergencyContactPhone ?? '',
    photoConsent: p.photoConsent,
    doNotContact: p.doNotContact,
    notes: p.notes,
  };
}

export function PatientForm({ id }: { id?: number }) {
  const existing = useCall('patients.get', id ? { id } : null);
  const { country } = useClinic();
  if (!id) {
    return (
      <Form
        defaults={{
          firstName: '', lastName: '', preferredName: '', dateOfBirth: '', gender: '', phone: '', email: '',
          address: { line1: '', line2: '', city: '', region: '', postalCode: '', country },
          referralSourceId: '', referredBy: null, emergencyContactName: '', emergencyContactPhone: '',
          photoConsent: false, doNotContact: false, notes: '',
        }}
      />
    );
  }
  return <Async state={existing}>{(p) => <Form id={id} defaults={fromProfile(p)} />}</Async>;
}

const genderLabels: Record<(typeof genders)[number], string> = { female: 'Female', male: 'Male', nonBinary: 'Non-binary', other: 'Other', undisclosed: 'Prefers not to say' };

function Form({ id, defaults }: { id?: number; defaults: PatientValues }) {
  const sources = useCall('catalog.referralSources', {});
  const [likely, setLikely] = useState<DuplicateCandidate[] | null>(null);
  const { register, handleSubmit, setError, setValue, control, getValues, formState } = useForm<PatientValues, unknown, Parsed>({
    resolver: contractResolver(PatientFields, toInput),
    defaultValues: defaults,
  });
  const e = formState.errors;
  const referredBy = useWatch({ control, name: 'referredBy' });

  const save = async (parsed: Parsed, acceptDuplicateOf?: number) => {
    try {
      if (id) {
        await client.call('patients.update', { id, patch: toPatch(parsed, getValues()), acceptDuplicateOf });
        useUi.getState().notify('Patient saved');
        navigate(`/patients/${id}`);
      } else {
        const created = await client.call('patients.create', { ...parsed, acceptDuplicateOf });
        useUi.getState().notify(`Patient ${created.number} added`);
        navigate(`/patients/${created.id}`);
      }
    } catch (err) {
      if (err instanceof LumenError && err.code === 'possible_duplicate') {
        setLikely((err.details as { likely?: DuplicateCandidate[] } | undefined)?.likely ?? []);
        return;
      }
      showServerError(err, setError, { known: fieldNames });
    }
  };

  const submit = handleSubmit((parsed) => save(parsed));
  const saveAnyway = handleSubmit((parsed) => save(parsed, likely?.[0]?.id));

  return (
    <section className="page">
      <div className="page-head">
        <div>
          <a href={id ? `#/patients/${id}` : '#/patients'} className="crumb">
            ← {id ? 'Back to patient' : 'Patients'}
          </a>
          <h1>{id ? 'Edit patient' : 'New patient'}</h1>
        </div>
      </div>
      <form className="form form-columns" onSubmit={submit} data-testid="patient-form" noValidate>
        <div className="form-main">
          <fieldset>
            <legend>Name</legend>
            <div className="row">
              <Field label="First name" error={e.firstName?.message}>
                <input {...register('firstName')} autoFocus data-testid="patient-first-name" />
              </Field>
              <Field label="Last name" error={e.lastName?.message}>
                <input {...register('lastName')} data-testid="patient-last-name" />
              </Field>
              <Field label="Preferred name" error={e.preferredName?.message}>
                <input {...register('preferredName')} data-testid="patient-preferred-name" />
              </Field>
            </div>
            <div className="row">
              <Field label="Date of birth" error={e.dateOfBirth?.message}>
                <input type="date" {...register('dateOfBirth')} data-testid="patient-dob" />
              </Field>
              <Field label="Gender" error={e.gender?.message}>
                <select {...register('gender')} data-testid="patient-gender">
                  <option value="">—</option>
                  {genders.map((g) => (
                    <option key={g} value={g}>
                      {genderLabels[g]}
                    </option>
                  ))}
                </select>
              </Field>
            </div>
          </fieldset>
          <fieldset>
            <legend>Contact</legend>
            <div className="row">
              <Field label="Phone" error={e.phone?.message}>
                <input type="tel" {...register('phone')} data-testid="patient-phone" />
              </Field>
              <Field label="Email" error={e.email?.message}>
                <input type="email" {...register('email')} data-testid="patient-email" />
              </Field>
            </div>
            <Field label="Address" error={e.address?.line1?.message ?? e.address?.message}>
              <input {...register('address.line1')} placeholder="Street and number" data-testid="patient-address-line1" />
            </Field>
            <Field label="Address line 2" error={e.address?.line2?.message}>
              <input {...register('address.line2')} />
            </Field>
            <AddressPlaceFields field={(part) => register(`address.${part}`)} errors={e.address} cityTestId="patient-city" />
            <div className="row">
              <Field label="Emergency contact" error={e.emergencyContactName?.message}>
                <input {...register('emergencyContactName')} />
              </Field>
              <Field label="Emergency phone" error={e.emergencyContactPhone?.message}>
                <input type="tel" {...register('emergencyContactPhone')} />
              </Field>
            </div>
          </fieldset>
          <fieldset>
            <legend>Referral</legend>
            <div className="row">
              <Field label="Heard of us via" error={e.referralSourceId?.message}>
                <select {...register('referralSourceId')} data-testid="patient-referral-source">
                  <option value="">—</option>
                  {sources.data?.map((s) => (
                    <option key={s.id} value={s.id}>
                      {s.name}
                    </option>
                  ))}
                </select>
              </Field>
              <Field label="Referred by" error={(e as Record<string, { message?: string } | undefined>).referredByPatientId?.message}>
                {referredBy ? (
                  <span className="chosen">
                    {referredBy.label}
                    <button type="button" className="btn btn-link" onClick={() => setValue('referredBy', null, { shouldDirty: true })}>
                      Remove
                    </button>
                  </span>
                ) : (
                  <PatientPicker excludeId={id} testId="patient-referred-by" placeholder="Search the referring patient" onPick={(p) => setValue('referredBy', { id: p.id, label: `${p.name} (${p.number})` }, { shouldDirty: true })} />
                )}
              </Field>
            </div>
          </fieldset>
          <fieldset>
            <legend>Preferences</legend>
            <label className="inline checkbox">
              <input type="checkbox" {...register('photoConsent')} data-testid="patient-photo-consent" /> Consents to clinical photos
            </label>
            <label className="inline checkbox">
              <input type="checkbox" {...register('doNotContact')} data-testid="patient-dnc" /> Do not contact (no marketing or reminders)
            </label>
            <Field label="Notes" error={e.notes?.message}>
              <textarea rows={4} {...register('notes')} data-testid="patient-notes" />
            </Field>
          </fieldset>
          <FormError message={e.root?.server?.message} />
          {likely && <DuplicateWarning likely={likely} onAnyway={saveAnyway} editing={!!id} busy={formState.isSubmitting} />}
          <div className="actions">
            <button type="button" className="btn" onClick={() => navigate(id ? `/patients/${id}` : '/patients')}>
              Cancel
            </button>
            <button type="submit" className="btn btn-primary" disabled={formState.isSubmitting} data-testid="patient-save">
              {formState.isSubmitting ? 'Saving…' : id ? 'Save changes' : 'Add patient'}
            </button>
          </div>
        </div>
        <aside className="form-side">
          <LiveDuplicates control={control} excludeId={id} />
        </aside>
      </form>
    </section>
  );
}

const reasonLabels = { phone: 'same phone', email: 'same email', nameAndBirthDate: 'similar name and same birth date' } as const;

function CandidateList({ rows }: { rows: DuplicateCandidate[] }) {
  const phone = usePhone();
  return (
    <ul className="plain-list candidates">
      {rows.map((c) => (
        <li key={c.id} data-testid="duplicate-candidate">
          <a href={`#/patients/${c.id}`}>
            <strong>{c.name}</strong> <span className="patient-number">{c.number}</span>
          </a>
          <div className="muted small">
            {[c.dateOfBirth && formatDate(c.dateOfBirth), phone(c.phone), c.email].filter(Boolean).join(' · ')}
          </div>
          <div className="small reasons">{c.reasons.map((r) => reasonLabels[r]).join(', ')}</div>
        </li>
      ))}
    </ul>
  );
}

/** While typing: likely existing patients, so front desk opens the record instead of creating a second one. */
function LiveDuplicates({ control, excludeId }: { control: Control<PatientValues, unknown, Parsed>; excludeId?: number }) {
  const [firstName, lastName, dateOfBirth, phone, email] = useWatch({ control, name: ['firstName', 'lastName', 'dateOfBirth', 'phone', 'email'] });
  const query = useDebounced(JSON.stringify({ firstName, lastName, dateOfBirth, phone, email }), 350);
  const [rows, setRows] = useState<DuplicateCandidate[]>([]);
  useEffect(() => {
    const v = JSON.parse(query) as Record<string, string>;
    const enough = (v.firstName.trim() && v.lastName.trim()) || v.phone.replace(/\D/g, '').length >= 5 || v.email.includes('@');
    if (!enough) {
      setRows([]);
      return;
    }
    let live = true;
    client
      .call('patients.findDuplicates', {
        firstName: v.firstName.slice(0, 80),
        lastName: v.lastName.slice(0, 80),
        dateOfBirth: /^\d{4}-\d{2}-\d{2}$/.test(v.dateOfBirth) ? v.dateOfBirth : undefined,
        phone: v.phone.trim() ? v.phone.trim().slice(0, 40) : undefined,
        email: v.email.trim() ? v.email.trim().slice(0, 200) : undefined,
        excludeId,
      })
      .then((r) => live && setRows(r), () => live && setRows([]));
    return () => {
      live = false;
    };
  }, [query, excludeId]);
  if (!rows.length) return null;
  return (
    <div className="panel panel-warn" data-testid="live-duplicates">
      <h2>Possibly already a patient</h2>
      <CandidateList rows={rows} />
    </div>
  );
}

function DuplicateWarning({ likely, onAnyway, editing, busy }: { likely: DuplicateCandidate[]; onAnyway: () => void; editing: boolean; busy: boolean }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' }), [likely]);
  return (
    <div className="panel panel-warn" role="alert" data-testid="duplicate-warning" ref={ref}>
      <h2>This may be an existing patient</h2>
      <CandidateList rows={likely} />
      <div className="actions">
        {likely[0] && (
          <button type="button" className="btn btn-primary" onClick={() => navigate(`/patients/${likely[0].id}`)} data-testid="duplicate-open">
            Open existing
          </button>
        )}
        <button type="button" className="btn" onClick={onAnyway} disabled={busy} data-testid="duplicate-create-anyway">
          {editing ? 'Save anyway' : 'Create anyway'}
        </button>
      </div>
    </div>
  );
}
