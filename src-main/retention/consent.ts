import type { ContactChannel } from '../../src-shared/contract/retention';
import { LumenError } from '../../src-shared/errors';

interface ContactState {
  phone: string | null;
  email: string | null;
  doNotContact: number;
  /** patientConsent rows: channel → granted (0/1). */
  consents: Record<string, number>;
}

const noConsent: Record<ContactChannel, string> = { phone: 'no phone consent', sms: 'no SMS consent', email: 'no email consent' };
const noAddress: Record<ContactChannel, string> = { phone: 'no phone number on file', sms: 'no mobile phone on file', email: 'no email address on file' };

/** Whether the patient may be contacted on a channel, and why not (the same words in lists, CSV and refusals). */
export function contactable(state: ContactState, channel: ContactChannel): { ok: boolean; why: string | null } {
  if (state.doNotContact) return { ok: false, why: 'patient asked not to be contacted' };
  if (!(channel === 'email' ? state.email : state.phone)?.trim()) return { ok: false, why: noAddress[channel] };
  if (state.consents[channel] !== 1) return { ok: false, why: noConsent[channel] };
  return { ok: true, why: null };
}

export function contactableOf(state: ContactState) {
  return { phone: contactable(state, 'phone'), email: contactable(state, 'email'), sms: contactable(state, 'sms') };
}

/** Refuses contact on a channel the patient has not consented to (or any, under do-not-contact); nothing is written. */
export function requireContactable(state: ContactState, channel: ContactChannel): void {
  const { ok, why } = contactable(state, channel);
  if (!ok) throw new LumenError('no_consent', `This patient cannot be contacted by ${channel === 'sms' ? 'SMS' : channel}: ${why}.`, { reason: why, channel });
}
