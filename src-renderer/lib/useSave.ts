import { useState } from 'react';
import { LumenError, type FieldErrors } from '../../src-shared/errors';
import { errorMessage } from './client';

/** Busy flag and server refusals for small settings editors: field messages by name, the rest as one line. */
export function useSave() {
  const [busy, setBusy] = useState(false);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string>();

  async function run<T>(fn: () => Promise<T>): Promise<T | undefined> {
    setBusy(true);
    setFieldErrors({});
    setFormError(undefined);
    try {
      return await fn();
    } catch (e) {
      if (e instanceof LumenError && e.code === 'invalid_input' && e.details && typeof e.details === 'object' && 'fieldErrors' in e.details) {
        const d = e.details as FieldErrors;
        const out: Record<string, string> = {};
        for (const [k, v] of Object.entries(d.fieldErrors)) if (v?.length) out[k] = v.join(' ');
        setFieldErrors(out);
        setFormError(d.formErrors.join(' ') || (Object.keys(out).length ? undefined : e.message));
      } else if (e instanceof LumenError && e.code === 'weak_password') {
        setFieldErrors({ password: e.message, newPassword: e.message });
      } else {
        setFormError(errorMessage(e));
      }
      return undefined;
    } finally {
      setBusy(false);
    }
  }

  return { busy, fieldErrors, formError, run, setFormError, setFieldErrors };
}
