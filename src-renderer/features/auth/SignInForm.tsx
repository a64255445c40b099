import { useEffect, useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import type { z } from 'zod';
import type { OutputOf } from '../../../src-shared/contract/index';
import { auth, type SessionInfo } from '../../../src-shared/contract/auth';
import { roleLabels } from '../../../src-shared/permissions';
import { client, LumenError } from '../../lib/client';
import { formatInstant } from '../../lib/format';
import { contractResolver } from '../../lib/forms';
import { useClinic } from '../../lib/store';
import { ComboBox, Field, FormError } from '../../lib/ui';

type User = OutputOf<'auth.users'>[number];
const SignInInput = auth['auth.signIn'].input;

interface SignInValues {
  username: string;
  password: string;
}

/** Blank fields are absent, so they read "Required" rather than the username's format rule. */
const toInput = (v: SignInValues) => ({ username: v.username.trim() || undefined, password: v.password || undefined });

/** What a refused sign-in says: a lockout with its end, never which of username or password was wrong. */
function refusal(err: unknown, timeZone: string): string {
  if (err instanceof LumenError && err.code === 'account_locked') {
    const until = (err.details as { until?: string } | undefined)?.until;
    return until ? `This account is locked until ${formatInstant(until, timeZone)}. A manager can reset it sooner.` : err.message;
  }
  if (err instanceof LumenError && err.code === 'invalid_input') return 'Check the username and password.';
  return err instanceof Error ? err.message : 'Could not sign in';
}

/** Username (type-ahead over the clinic's staff) and password; Enter signs in. */
export function SignInForm({ onSignedIn, submitLabel = 'Sign in' }: { onSignedIn: (session: SessionInfo) => void; submitLabel?: string }) {
  const { timeZone } = useClinic();
  const [users, setUsers] = useState<User[]>([]);
  const { register, control, handleSubmit, setError, setValue, setFocus, formState } = useForm<SignInValues, unknown, z.output<typeof SignInInput>>({
    resolver: contractResolver(SignInInput, toInput),
    defaultValues: { username: '', password: '' },
  });
  const e = formState.errors;

  useEffect(() => {
    client.call('auth.users', {}).then(setUsers, () => setUsers([]));
  }, []);

  const submit = handleSubmit(async (input) => {
    try {
      onSignedIn(await client.call('auth.signIn', input));
    } catch (err) {
      setValue('password', '');
      setError('root.server', { type: 'server', message: refusal(err, timeZone) });
      setFocus('password');
    }
  });

  return (
    <form onSubmit={submit} className="form" data-testid="signin-form" noValidate>
      <Field label="Username" error={e.username?.message}>
        <Controller
          control={control}
          name="username"
          render={({ field }) => (
            <ComboBox
              options={users}
              value={field.value}
              onChange={(text, user) => {
                field.onChange(text);
                if (user) setFocus('password');
              }}
              toText={(u) => u.username}
              render={(u) => (
                <span className="user-option">
                  <strong>{u.displayName}</strong> <span className="muted">{u.username} · {roleLabels[u.role]}</span>
                </span>
              )}
              freeText
              testId="signin-username"
              inputProps={{ autoFocus: true, autoCapitalize: 'none', name: field.name, onBlur: field.onBlur }}
            />
          )}
        />
      </Field>
      <Field label="Password" error={e.password?.message}>
        <input type="password" {...register('password')} autoComplete="current-password" data-testid="signin-password" />
      </Field>
      <FormError message={e.root?.server?.message} />
      <button type="submit" className="btn btn-primary btn-block" disabled={formState.isSubmitting} data-testid="signin-submit">
        {formState.isSubmitting ? 'Signing in…' : submitLabel}
      </button>
    </form>
  );
}
