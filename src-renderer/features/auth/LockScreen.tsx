import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { auth } from '../../../src-shared/contract/auth';
import { client, LumenError } from '../../lib/client';
import { formatInstant } from '../../lib/format';
import { contractResolver } from '../../lib/forms';
import { useClinic, useUi } from '../../lib/store';
import { Field, FormError } from '../../lib/ui';
import { SignInForm } from './SignInForm';

const UnlockInput = auth['auth.unlock'].input;

/** What a refused unlock says: a lockout with its end, else the server's message. */
function refusal(err: unknown, timeZone: string): string {
  if (err instanceof LumenError && err.code === 'account_locked') {
    const until = (err.details as { until?: string } | undefined)?.until;
    return until ? `Too many wrong passwords. Locked until ${formatInstant(until, timeZone)}.` : err.message;
  }
  return err instanceof Error ? err.message : 'Could not unlock';
}

/** The signed-in user's password; a blank one reads "Required". */
function UnlockForm() {
  const { timeZone } = useClinic();
  const { register, handleSubmit, setError, setValue, setFocus, formState } = useForm<{ password: string }, unknown, z.output<typeof UnlockInput>>({
    resolver: contractResolver(UnlockInput, (v: { password: string }) => ({ password: v.password || undefined })),
    defaultValues: { password: '' },
  });
  const e = formState.errors;

  const unlock = handleSubmit(async (input) => {
    try {
      useUi.getState().setSession(await client.call('auth.unlock', input));
    } catch (err) {
      if (err instanceof LumenError && err.code === 'unauthenticated' && !(await client.call('auth.session', {}).catch(() => null))) {
        // The session itself is gone (server restarted, user deactivated): back to sign-in.
        useUi.getState().setSession(null);
        return;
      }
      setValue('password', '');
      setError('root.server', { type: 'server', message: refusal(err, timeZone) });
      setFocus('password');
    }
  });

  return (
    <form onSubmit={unlock} className="form" noValidate>
      <Field label="Password" error={e.password?.message}>
        <input type="password" {...register('password')} autoFocus autoComplete="current-password" data-testid="unlock-password" />
      </Field>
      <FormError message={e.root?.server?.message} />
      <button type="submit" className="btn btn-primary btn-block" disabled={formState.isSubmitting} data-testid="unlock-submit">
        {formState.isSubmitting ? 'Unlocking…' : 'Unlock'}
      </button>
    </form>
  );
}

/** The desk is locked: the same user unlocks with their password, or someone else signs in. */
export function LockScreen() {
  const session = useUi((s) => s.session);
  const { name } = useClinic();
  const [switching, setSwitching] = useState(false);
  const signOut = async () => {
    await client.call('auth.signOut', {}).catch(() => undefined);
    useUi.getState().setSession(null);
  };

  return (
    <main className="center-screen lock-screen">
      <div className="card card-narrow" data-testid="lock-screen">
        <h1 className="brand">{name}</h1>
        {!switching ? (
          <>
            <p>
              Locked — <strong>{session?.displayName}</strong> is signed in.
            </p>
            <UnlockForm />
            <div className="actions actions-split">
              <button type="button" className="btn btn-link" onClick={() => setSwitching(true)} data-testid="switch-user">
                Switch user
              </button>
              <button type="button" className="btn btn-link" onClick={signOut} data-testid="lock-sign-out">
                Sign out
              </button>
            </div>
          </>
        ) : (
          <>
            <p className="muted">Sign in as someone else at this desk.</p>
            <SignInForm onSignedIn={(s) => useUi.getState().setSession(s)} submitLabel="Switch user" />
            <div className="actions">
              <button type="button" className="btn btn-link" onClick={() => setSwitching(false)}>
                Back to unlock
              </button>
            </div>
          </>
        )}
      </div>
    </main>
  );
}
