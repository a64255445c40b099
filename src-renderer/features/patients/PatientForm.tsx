import { useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { genders, PatientFields, type DuplicateCandidate } from '../../../src-shared/contract/patients';
import { client, LumenError } from '../../lib/client';
import { contractResolver, showServerError } from '../../lib/forms';
import { useCall } from '../../lib/hooks';
import { navigate, useClinic, useUi } from '../../lib/store';
import { Async, Check, Field, FormError } from '../../lib/ui';
import { AddressPlaceFields } from '../../lib/AddressFields';
import { DuplicateWarning, LiveDuplicates } from './PatientDuplicates';
import { genderLabels } from './PatientBits';
import { PatientPicker } from './PatientPicker';
import { ReferralCodeLookup } from '../referrals/ReferralCodeLookup';
import { blankPatient, fieldNames, fromProfile, toInput, toPatch, type ParsedPatient, type PatientValues } from './patientValues';

export function PatientForm({ id }: { id?: number }) {
  const existing = useCall('patients.get', id ? { id } : null);
  const { country } = useClinic();
  if (!id) {
    return <Form defaults={blankPatient(country)} />;
  }
  return <Async state={existing}>{(p) => <Form id={id} defaults={fromProfile(p)} />}</Async>;
}

function Form({ id, defaults }: { id?: number; defaults: PatientValues }) {
  const sources = useCall('catalog.referralSources', {});
  const [likely, setLikely] = useState<DuplicateCandidate[] | null>(null);
  const { register, handleSubmit, setError, setValue, control, getValues, formState } = useForm<PatientValues, unknown, ParsedPatient>({
    resolver: contractResolver(PatientFields, toInput),
    defaultValues: defaults,
  });
  const e = formState.errors;
  const referredBy = useWatch({ control, name: 'referredBy' });

  const save = async (parsed: ParsedPatient, acceptDuplicateOf?: number) => {
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
                  <>
                    <PatientPicker excludeId={id} testId="patient-referred-by" placeholder="Search the referring patient" onPick={(p) => setValue('referredBy', { id: p.id, label: `${p.name} (${p.number})` }, { shouldDirty: true })} />
                    <ReferralCodeLookup onFound={(referrer) => setValue('referredBy', referrer, { shouldDirty: true })} />
                  </>
                )}
              </Field>
            </div>
          </fieldset>
          <fieldset>
            <legend>Preferences</legend>
            <Check label="Consents to clinical photos" field={register('photoConsent')} testId="patient-photo-consent" />
            <Check label="Do not contact (no marketing or reminders)" field={register('doNotContact')} testId="patient-dnc" />
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
