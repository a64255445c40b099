import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { z } from 'zod';
import { ClinicSetupInput, OwnerInput } from '../../../src-shared/contract/app';
import { Name } from '../../../src-shared/contract/common';
import { client } from '../../lib/client';
import { contractResolver, showServerError } from '../../lib/forms';
import { ComboBox, Field, FormError } from '../../lib/ui';
import { DemoClinic } from './DemoClinic';
import { browserCountry, browserTimeZone, countries, countryCurrency, timeZones } from './places';

type Mode = 'choose' | 'create' | 'demo';

export function FirstRun({ onDone }: { onDone: () => void }) {
  const [mode, setMode] = useState<Mode>('choose');
  return (
    <main className="center-screen">
      <div className="card card-setup">
        <h1 className="brand">Welcome to Lumen</h1>
        {mode === 'choose' && (
          <>
            <p className="muted">This computer has no clinic yet. How would you like to start?</p>
            <div className="big-choices">
              <button type="button" className="big-choice" data-testid="setup-create" autoFocus onClick={() => setMode('create')}>
                <strong>Create my clinic</strong>
                <span>Start empty with your clinic’s details and your owner account.</span>
              </button>
              <button type="button" className="big-choice" data-testid="setup-demo" onClick={() => setMode('demo')}>
                <strong>Open the demo clinic</strong>
                <span>A realistic practice with thousands of patients to try things out.</span>
              </button>
            </div>
          </>
        )}
        {mode === 'create' && <CreateClinic onBack={() => setMode('choose')} onDone={onDone} />}
        {mode === 'demo' && <DemoClinic onBack={() => setMode('choose')} onDone={onDone} />}
      </div>
    </main>
  );
}

const SetupForm = z
  .object({ clinic: ClinicSetupInput, owner: OwnerInput, confirm: z.string(), workstationName: Name })
  .refine((v) => v.confirm === v.owner.password, { path: ['confirm'], message: 'The two passwords differ' });

interface SetupValues {
  clinic: {
    name: string;
    address: { line1: string; city: string; postalCode: string; country: string };
    timeZone: string;
    currency: string;
  };
  owner: { displayName: string; username: string; password: string };
  confirm: string;
  workstationName: string;
}

function toSetupInput(v: SetupValues) {
  return {
    clinic: { ...v.clinic, currency: v.clinic.currency.trim().toUpperCase() },
    owner: v.owner,
    confirm: v.confirm,
    workstationName: v.workstationName,
  };
}

function CreateClinic({ onBack, onDone }: { onBack: () => void; onDone: () => void }) {
  const country = browserCountry();
  const { register, handleSubmit, control, setValue, setError, formState } = useForm<SetupValues, unknown, z.output<typeof SetupForm>>({
    resolver: contractResolver(SetupForm, toSetupInput),
    defaultValues: {
      clinic: { name: '', address: { line1: '', city: '', postalCode: '', country }, timeZone: browserTimeZone(), currency: countryCurrency[country] },
      owner: { displayName: '', username: '', password: '' },
      confirm: '',
      workstationName: 'Reception',
    },
  });
  const e = formState.errors;

  const submit = handleSubmit(async (values) => {
    try {
      await client.call('setup.createClinic', { clinic: values.clinic, owner: values.owner, workstationName: values.workstationName });
      await client.call('auth.signIn', { username: values.owner.username, password: values.owner.password });
      onDone();
    } catch (err) {
      showServerError(err, setError, { passwordField: 'owner.password' });
    }
  });

  return (
    <form onSubmit={submit} className="form" data-testid="setup-form" noValidate>
      <h2>Your clinic</h2>
      <Field label="Clinic name" error={e.clinic?.name?.message}>
        <input {...register('clinic.name')} autoFocus data-testid="setup-clinic-name" />
      </Field>
      <Field label="Street address" error={e.clinic?.address?.line1?.message}>
        <input {...register('clinic.address.line1')} data-testid="setup-address-line1" />
      </Field>
      <div className="row">
        <Field label="City" error={e.clinic?.address?.city?.message}>
          <input {...register('clinic.address.city')} data-testid="setup-city" />
        </Field>
        <Field label="Postal code" error={e.clinic?.address?.postalCode?.message}>
          <input {...register('clinic.address.postalCode')} data-testid="setup-postal-code" />
        </Field>
      </div>
      <div className="row">
        <Field label="Country" error={e.clinic?.address?.country?.message}>
          <select
            {...register('clinic.address.country', {
              onChange: (ev: React.ChangeEvent<HTMLSelectElement>) => setValue('clinic.currency', countryCurrency[ev.target.value] ?? 'EUR'),
            })}
            data-testid="setup-country"
          >
            {countries.map((c) => (
              <option key={c.code} value={c.code}>
                {c.name}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Currency" error={e.clinic?.currency?.message} hint="ISO code, e.g. EUR">
          <input {...register('clinic.currency')} maxLength={3} className="input-short" data-testid="setup-currency" />
        </Field>
      </div>
      <Field label="Time zone" error={e.clinic?.timeZone?.message} hint="Type to search, e.g. Berlin">
        <Controller
          control={control}
          name="clinic.timeZone"
          render={({ field }) => (
            <ComboBox options={timeZones} value={field.value} onChange={(text) => field.onChange(text)} toText={(z) => z} testId="setup-timezone" inputProps={{ onBlur: field.onBlur, name: field.name }} />
          )}
        />
      </Field>
      <Field label="This computer's name" error={e.workstationName?.message} hint="Tells the clinic's computers apart when they exchange changes, e.g. Reception or Room 2.">
        <input {...register('workstationName')} data-testid="setup-workstation-name" />
      </Field>

      <h2>Your owner account</h2>
      <div className="row">
        <Field label="Your name" error={e.owner?.displayName?.message}>
          <input {...register('owner.displayName')} data-testid="setup-owner-name" />
        </Field>
        <Field label="Username" error={e.owner?.username?.message}>
          <input {...register('owner.username')} autoCapitalize="none" data-testid="setup-username" />
        </Field>
      </div>
      <div className="row">
        <Field label="Password" error={e.owner?.password?.message} hint="A long phrase is best; common passwords are refused.">
          <input type="password" {...register('owner.password')} autoComplete="new-password" data-testid="setup-password" />
        </Field>
        <Field label="Confirm password" error={e.confirm?.message}>
          <input type="password" {...register('confirm')} autoComplete="new-password" data-testid="setup-confirm" />
        </Field>
      </div>
      <FormError message={e.root?.server?.message} />
      <div className="actions">
        <button type="button" className="btn" onClick={onBack}>
          Back
        </button>
        <button type="submit" className="btn btn-primary" disabled={formState.isSubmitting} data-testid="setup-submit">
          {formState.isSubmitting ? 'Creating…' : 'Create clinic'}
        </button>
      </div>
    </form>
  );
}
