import type { PatientFields, PatientPatch } from '../../src-shared/contract/patients';
import { LumenError } from '../../src-shared/errors';
import { normalizePhone } from '../../src-shared/phone';
import type { HandlerContext } from '../core/registry';
import type { Selectable } from 'kysely';
import type { PatientTable } from '../core/schema';
import { phoneReversedOf, sortNameOf } from './derived';

export type StoredPatient = Selectable<PatientTable>;
type Columns = Omit<StoredPatient, 'id' | 'number' | 'createdAt' | 'updatedAt' | 'allergyAlert' | 'archivedAt' | 'archiveReason' | 'mergedIntoId'>;

function fieldError(field: string, message: string, code: 'invalid_input' | 'not_found' = 'invalid_input'): LumenError {
  return new LumenError(code, message, { formErrors: [], fieldErrors: { [field]: [message] } });
}

function phoneOrThrow(ctx: HandlerContext, field: string, text: string | null | undefined): string | null {
  if (!text) return null;
  const e164 = normalizePhone(text, ctx.clinic().country);
  if (!e164) throw fieldError(field, `“${text}” is not a phone number.`);
  return e164;
}

/**
 * Turns typed fields (create) or a patch over the stored row (edit) into the stored columns, with phones in E.164,
 * derived search columns, and referenced records checked.
 */
export function patientColumns(ctx: HandlerContext, input: PatientFields | PatientPatch, before?: StoredPatient): Columns {
  const pick = <K extends keyof PatientFields>(key: K, stored: unknown) => (key in input ? (input[key] ?? null) : (stored ?? null));
  const firstName = (pick('firstName', before?.firstName) as string) ?? '';
  const lastName = (pick('lastName', before?.lastName) as string) ?? '';
  if (!firstName || !lastName) throw fieldError(firstName ? 'lastName' : 'firstName', 'Required');
  const phone = 'phone' in input ? phoneOrThrow(ctx, 'phone', input.phone) : (before?.phone ?? null);
  const emergencyContactPhone = 'emergencyContactPhone' in input ? phoneOrThrow(ctx, 'emergencyContactPhone', input.emergencyContactPhone) : (before?.emergencyContactPhone ?? null);
  const referralSourceId = pick('referralSourceId', before?.referralSourceId) as number | null;
  if (referralSourceId !== null && !ctx.sqlite.prepare('SELECT 1 FROM referralSource WHERE id = ?').get(referralSourceId)) {
    throw fieldError('referralSourceId', 'No such referral source.', 'not_found');
  }
  const referredByPatientId = pick('referredByPatientId', before?.referredByPatientId) as number | null;
  if (referredByPatientId !== null) {
    if (!ctx.sqlite.prepare('SELECT 1 FROM patient WHERE id = ? AND mergedIntoId IS NULL').get(referredByPatientId)) throw fieldError('referredByPatientId', 'No such patient.', 'not_found');
    if (referredByPatientId === before?.id) throw fieldError('referredByPatientId', 'A patient cannot refer themselves.');
  }
  const address = input.address ?? {};
  const photoConsent = (pick('photoConsent', before?.photoConsent === 1) as boolean) ?? false;
  const flag = (b: unknown) => (b ? 1 : 0) as 0 | 1;
  return {
    firstName,
    lastName,
    preferredName: pick('preferredName', before?.preferredName) as string | null,
    dateOfBirth: pick('dateOfBirth', before?.dateOfBirth) as string | null,
    gender: pick('gender', before?.gender) as string | null,
    phone,
    phoneReversed: phoneReversedOf(phone),
    email: pick('email', before?.email) as string | null,
    addressLine1: address.line1 ?? before?.addressLine1 ?? '',
    addressLine2: address.line2 ?? before?.addressLine2 ?? '',
    city: address.city ?? before?.city ?? '',
    region: address.region ?? before?.region ?? '',
    postalCode: address.postalCode ?? before?.postalCode ?? '',
    country: address.country ?? before?.country ?? ctx.clinic().country,
    referralSourceId,
    referredByPatientId,
    doNotContact: flag(pick('doNotContact', before?.doNotContact === 1)),
    emergencyContactName: pick('emergencyContactName', before?.emergencyContactName) as string | null,
    emergencyContactPhone,
    photoConsent: flag(photoConsent),
    photoConsentAt: photoConsent ? (before?.photoConsent === 1 ? before.photoConsentAt : ctx.now.toISOString()) : null,
    notes: (pick('notes', before?.notes) as string | null) ?? '',
    sortName: sortNameOf(firstName, lastName),
  };
}
