import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { ClaimInput } from '../../../src-shared/contract/sync';
import { client } from '../../lib/client';
import { contractResolver, submitWith } from '../../lib/forms';
import { useClinic, useUi } from '../../lib/store';
import { Field, SubmitRow } from '../../lib/ui';

interface ClaimValues {
  name: string;
  seriesPrefix: string;
  username: string;
  password: string;
}

/** Capitals are what the series takes; typing "r" means "R". */
const toInput = (v: ClaimValues) => ({ ...v, seriesPrefix: v.seriesPrefix.trim().toUpperCase() });

/**
 * This database file was copied or restored from another workstation: before anything is written it takes its own
 * workstation identity (name, number series), confirmed by an owner or manager. Then the sign-in screen follows.
 */
export function NewWorkstation({ onDone }: { onDone: () => void }) {
  const { name: clinicName } = useClinic();
  const copiedFrom = useUi((s) => s.status?.workstationName);
  const form = useForm<ClaimValues, unknown, z.output<typeof ClaimInput>>({
    resolver: contractResolver(ClaimInput, toInput),
    defaultValues: { name: '', seriesPrefix: '', username: '', password: '' },
  });
  const { register, formState } = form;
  const e = formState.errors;
  const submit = submitWith(form, async (input) => {
    await client.call('workstations.claim', input);
    onDone();
  });

  return (
    <main className="center-screen">
      <div className="card card-setup" data-testid="new-workstation-screen">
        <h1 className="brand">{clinicName} — a new workstation</h1>
        <div className="banner banner-info" data-testid="new-workstation-reason">
          This clinic database was copied or restored{copiedFrom ? ` (from ${copiedFrom})` : ''}. Give this computer its own workstation name before anything is written.
        </div>
        <form className="form" onSubmit={submit} noValidate data-testid="claim-form">
          <div className="row">
            <Field label="This computer's name" error={e.name?.message} hint="e.g. Room 2 or Manager's office">
              <input {...register('name')} autoFocus data-testid="claim-name" />
            </Field>
            <Field label="Number series prefix" error={e.seriesPrefix?.message} hint="One to three capital letters. Patient numbers made here will start with it.">
              <input {...register('seriesPrefix')} maxLength={3} autoCapitalize="characters" className="input-short" data-testid="claim-prefix" />
            </Field>
          </div>
          <p className="muted">An owner or manager confirms with their own sign-in.</p>
          <div className="row">
            <Field label="Owner's or manager's username" error={e.username?.message}>
              <input {...register('username')} autoCapitalize="none" autoComplete="username" data-testid="claim-username" />
            </Field>
            <Field label="Password" error={e.password?.message}>
              <input type="password" {...register('password')} autoComplete="current-password" data-testid="claim-password" />
            </Field>
          </div>
          <SubmitRow error={e.root?.server?.message} busy={formState.isSubmitting} testId="claim-submit">
            {formState.isSubmitting ? 'Saving…' : 'Make this a new workstation'}
          </SubmitRow>
        </form>
      </div>
    </main>
  );
}
