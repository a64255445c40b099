import { useEffect, useRef, useState } from 'react';
import type { OutputOf } from '../../../src-shared/contract/index';
import type { SessionInfo } from '../../../src-shared/contract/auth';
import { roleLabels } from '../../../src-shared/permissions';
import { client, LumenError } from '../../lib/client';
import { formatInstant } from '../../lib/format';
import { useClinic } from '../../lib/store';
import { ComboBox, Field, FormError } from '../../lib/ui';

type User = OutputOf<'auth.users'>[number];

/** Username (type-ahead over the clinic's staff) and password; Enter signs in. */
export function SignInForm({ onSignedIn, submitLabel = 'Sign in' }: { onSignedIn: (session: SessionInfo) => void; submitLabel?: string }) {
  const { timeZone } = useClinic();
  const [users, setUsers] = useState<User[]>([]);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const passwordRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    client.call('auth.users', {}).then(setUsers, () => setUsers([]));
  }, []);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!username.trim() || !password) {
      setError(!username.trim() ? 'Enter your username' : 'Enter your password');
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      onSignedIn(await client.call('auth.signIn', { username: username.trim(), password }));
    } catch (err) {
      setPassword('');
      if (err instanceof LumenError && err.code === 'account_locked') {
        const until = (err.details as { until?: string } | undefined)?.until;
        setError(until ? `This account is locked until ${formatInstant(until, timeZone)}. A manager can reset it sooner.` : err.message);
      } else if (err instanceof LumenError && err.code === 'invalid_input') {
        setError('Check the username and password.');
      } else {
        setError(err instanceof Error ? err.message : 'Could not sign in');
      }
      setBusy(false);
      passwordRef.current?.focus();
    }
  };

  return (
    <form onSubmit={submit} className="form" data-testid="signin-form" noValidate>
      <Field label="Username">
        <ComboBox
          options={users}
          value={username}
          onChange={(text, user) => {
            setUsername(text);
            if (user) passwordRef.current?.focus();
          }}
          toText={(u) => u.username}
          render={(u) => (
            <span className="user-option">
              <strong>{u.displayName}</strong> <span className="muted">{u.username} · {roleLabels[u.role]}</span>
            </span>
          )}
          freeText
          testId="signin-username"
          inputProps={{ autoFocus: true, autoCapitalize: 'none', name: 'username' }}
        />
      </Field>
      <Field label="Password">
        <input ref={passwordRef} type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="current-password" data-testid="signin-password" />
      </Field>
      <FormError message={error} />
      <button type="submit" className="btn btn-primary btn-block" disabled={busy} data-testid="signin-submit">
        {busy ? 'Signing in…' : submitLabel}
      </button>
    </form>
  );
}
