import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { z } from 'zod';
import { ClinicSetupInput, OwnerInput, type AppStatus } from '../../../src-shared/contract/app';
import type { OutputOf } from '../../../src-shared/contract/index';
import { roleLabels, type Role } from '../../../src-shared/permissions';
import { client, errorMessage } from '../../lib/client';
import { contractResolver, showServerError } from '../../lib/forms';
import { useInterval } from '../../lib/hooks';
import { ComboBox, ErrorBox, Field, FormError, ProgressBar } from '../../lib/ui';
import { browserCountry, browserTimeZone, countries, countryCurrency, timeZones } from './places';

export const DEMO_PASSWORD = 'lumen-demo-2026';

type Mode = 'choose' | 'create' | 'demo';
const demoOrder: Record<Role, number> = { owner: 0, manager: 1, frontDesk: 2, practitioner: 3 };

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
  .object({ clinic: ClinicSetupInput, owner: OwnerInput, confirm: z.string() })
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
}

function toSetupInput(v: SetupValues) {
  return {
    clinic: { ...v.clinic, currency: v.clinic.currency.trim().toUpperCase() },
    owner: v.owner,
    confirm: v.confirm,
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
    },
  });
  const e = formState.errors;

  const submit = handleSubmit(async (values) => {
    try {
      await client.call('setup.createClinic', { clinic: values.clinic, owner: values.owner });
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

function DemoClinic({ onBack, onDone }: { onBack: () => void; onDone: () => void }) {
  const [phase, setPhase] = useState<'confirm' | 'running' | 'done'>('confirm');
  const [progress, setProgress] = useState<AppStatus['demo'] | null>(null);
  const [error, setError] = useState<unknown>();
  const [users, setUsers] = useState<OutputOf<'auth.users'>>([]);

  const finish = async () => {
    setPhase('done');
    try {
      // Owner, manager and front desk first: the accounts people try first.
      setUsers((await client.call('auth.users', {})).sort((x, y) => demoOrder[x.role] - demoOrder[y.role]));
    } catch (err) {
      setError(err);
    }
  };

  const poll = async () => {
    try {
      const status = await client.call('app.status', {});
      setProgress(status.demo);
      if (status.demo.error) {
        setError(new Error(status.demo.error));
        setPhase('confirm');
      } else if (status.state === 'ready' && !status.demo.running) {
        await finish();
      }
    } catch (err) {
      setError(err);
    }
  };
  useInterval(poll, 500, phase === 'running');

  const start = () => {
    setError(undefined);
    setPhase('running');
    client.call('setup.createDemo', {}).catch((err: unknown) => {
      setError(err);
      setPhase('confirm');
    });
  };

  if (phase === 'confirm') {
    return (
      <div className="form">
        <h2>The demo clinic</h2>
        <p>Lumen fills this data folder with a made-up clinic: staff, services, and 50,000 patients. It takes a minute.</p>
        {error !== undefined && <ErrorBox error={error} />}
        <div className="actions">
          <button type="button" className="btn" onClick={onBack}>
            Back
          </button>
          <button type="button" className="btn btn-primary" onClick={start} autoFocus data-testid="demo-start">
            Create the demo clinic
          </button>
        </div>
      </div>
    );
  }
  if (phase === 'running') {
    return (
      <div className="form" aria-busy="true">
        <h2>Creating the demo clinic…</h2>
        <ProgressBar value={progress?.done ?? 0} max={progress?.total ?? 1} label="Demo data" testId="demo-progress" />
        <p className="muted">
          {progress ? `${progress.done.toLocaleString()} of ${progress.total.toLocaleString()}` : 'Starting…'}
        </p>
        {error !== undefined && <p className="field-error">{errorMessage(error)}</p>}
      </div>
    );
  }
  return (
    <div className="form" data-testid="demo-done">
      <h2>The demo clinic is ready</h2>
      <p>
        Sign in as any of these people. Every demo password is <code data-testid="demo-password">{DEMO_PASSWORD}</code>
      </p>
      <table className="table">
        <thead>
          <tr>
            <th>Username</th>
            <th>Name</th>
            <th>Role</th>
          </tr>
        </thead>
        <tbody>
          {(users.length ? users : [{ username: 'owner', displayName: '', role: 'owner' as const }, { username: 'manager', displayName: '', role: 'manager' as const }, { username: 'frontdesk', displayName: '', role: 'frontDesk' as const }]).map((u) => (
            <tr key={u.username}>
              <td>
                <code>{u.username}</code>
              </td>
              <td>{u.displayName}</td>
              <td>{roleLabels[u.role]}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {error !== undefined && <ErrorBox error={error} />}
      <div className="actions">
        <button type="button" className="btn btn-primary" onClick={onDone} autoFocus data-testid="demo-continue">
          Continue to sign in
        </button>
      </div>
    </div>
  );
}
