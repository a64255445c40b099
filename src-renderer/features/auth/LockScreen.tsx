import { useRef, useState } from 'react';
import { client, LumenError } from '../../lib/client';
import { formatInstant } from '../../lib/format';
import { useClinic, useUi } from '../../lib/store';
import { Field, FormError } from '../../lib/ui';
import { SignInForm } from './SignInForm';

/** The desk is locked: the same user unlocks with their password, or someone else signs in. */
export function LockScreen() {
  const session = useUi((s) => s.session);
  const { name, timeZone } = useClinic();
  const [switching, setSwitching] = useState(false);
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const ref = useRef<HTMLInputElement>(null);

  const unlock = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!password) return setError('Enter your password');
    setBusy(true);
    setError(undefined);
    try {
      useUi.getState().setSession(await client.call('auth.unlock', { password }));
    } catch (err) {
      setPassword('');
      setBusy(false);
      if (err instanceof LumenError && err.code === 'account_locked') {
        const until = (err.details as { until?: string } | undefined)?.until;
        setError(until ? `Too many wrong passwords. Locked until ${formatInstant(until, timeZone)}.` : err.message);
      } else if (err instanceof LumenError && err.code === 'unauthenticated' && !(await client.call('auth.session', {}).catch(() => null))) {
        // The session itself is gone (server restarted, user deactivated): back to sign-in.
        useUi.getState().setSession(null);
      } else {
        setError(err instanceof Error ? err.message : 'Could not unlock');
      }
      ref.current?.focus();
    }
  };

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
            <form onSubmit={unlock} className="form" noValidate>
              <Field label="Password">
                <input ref={ref} type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoFocus autoComplete="current-password" data-testid="unlock-password" />
              </Field>
              <FormError message={error} />
              <button type="submit" className="btn btn-primary btn-block" disabled={busy} data-testid="unlock-submit">
                {busy ? 'Unlocking…' : 'Unlock'}
              </button>
            </form>
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
