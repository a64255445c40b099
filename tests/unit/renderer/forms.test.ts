import { describe, expect, it } from 'vitest';
import { LumenError, fieldError } from '../../../src-shared/errors';
import { showServerError } from '../../../src-renderer/lib/forms';

/** Where showServerError put each message: field path → message. */
function shown(error: unknown, options?: Parameters<typeof showServerError>[2]): Record<string, string | undefined> {
  const placed: Record<string, string | undefined> = {};
  showServerError(error, (name, e) => (placed[name] = e.message), options);
  return placed;
}

const invalid = new LumenError('invalid_input', 'Check the highlighted fields.', { formErrors: [], fieldErrors: { name: ['Required'], 'owner.email': ['Not an email address'] } });

describe('server refusals on a form', () => {
  it('puts invalid_input field messages beside their fields, under a prefix when the form nests them', () => {
    expect(shown(invalid)).toEqual({ name: 'Required', 'owner.email': 'Not an email address' });
    expect(shown(invalid, { prefix: 'patch.' })).toEqual({ 'patch.name': 'Required', 'patch.owner.email': 'Not an email address' });
  });

  it('names an invalid_input field the form does not show in the form’s own message', () => {
    expect(shown(invalid, { known: ['name'] })).toEqual({ name: 'Required', 'root.server': 'owner.email: Not an email address' });
  });

  it('puts a conflict about one field beside it, and says the whole message when the form has no such field', () => {
    const clash = fieldError('conflict', '“vat 19%” already exists.', 'name', 'Already exists');
    expect(shown(clash)).toEqual({ name: 'Already exists' });
    expect(shown(clash, { known: ['rate'] })).toEqual({ 'root.server': '“vat 19%” already exists.' });
  });

  it('shows other refusals, with or without details, as the form’s own message', () => {
    expect(shown(fieldError('not_found', 'No such patient.', 'patientId', 'Not found'))).toEqual({ 'root.server': 'No such patient.' });
    expect(shown(new LumenError('conflict', 'A backup is already running.'))).toEqual({ 'root.server': 'A backup is already running.' });
    expect(shown(new Error('offline'))).toEqual({ 'root.server': 'offline' });
  });

  it('puts a weak password beside the password field the form names', () => {
    const weak = new LumenError('weak_password', 'Use at least 10 characters.', { formErrors: [], fieldErrors: { password: ['Use at least 10 characters.'] } });
    expect(shown(weak, { passwordField: 'owner.password' })).toEqual({ 'owner.password': 'Use at least 10 characters.' });
  });
});
