import type { Selectable } from 'kysely';
import type { PatientFields, PatientPatch } from '../../src-shared/contract/patients';
import { fieldError, LumenError } from '../../src-shared/errors';
import { normalizePhone } from '../../src-shared/phone';
import { cached, flag } from '../core/db';
import { PATIENT_NAME_SQL } from './queries';
import type { HandlerContext } from '../core/registry';
import type { PatientTable } from '../core/schema';
import { phoneReversedOf, sortNameOf } from './derived';

export type StoredPatient = Selectable<PatientTable>;
export type PatientColumns = Omit<StoredPatient, 'id' | 'number' | 'createdAt' | 'updatedAt' | 'allergyAlert' | 'archivedAt' | 'archiveReason' | 'mergedIntoId'>;

export async function loadPatient(ctx: HandlerContext, id: number): Promise<StoredPatient> {
  const row = await ctx.db.selectFrom('patient').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new LumenError('not_found', 'No such patient.');
  return row;
}

/** A patient's number (P000042), or `not_found`: how clinical records and charts name the patient they belong to. */
export async function patientNumberOf(ctx: HandlerContext, id: number): Promise<string> {
  const row = await ctx.db.selectFrom('patient').select('number').where('id', '=', id).executeTakeFirst();
  if (!row) throw new LumenError('not_found', 'No such patient.');
  return row.number;
}

/** A patient that exists and was not merged into another, or a field error on `field`. */
export async function requirePatient(ctx: Pick<HandlerContext, 'sqlite'>, patientId: number, field = 'patientId'): Promise<{ firstName: string; lastName: string }> {
  const patient = cached(ctx.sqlite, PATIENT_NAME_SQL).get(patientId) as { firstName: string; lastName: string } | undefined;
  if (!patient) throw fieldError('not_found', 'No such patient.', field, 'No such patient');
  return patient;
}

function phoneOrThrow(ctx: HandlerContext, field: string, text: string | null | undefined): string | null {
  if (!text) return null;
  const e164 = normalizePhone(text, ctx.clinic().country);
  if (!e164) throw fieldError('invalid_input', `“${text}” is not a phone number.`, field);
  return e164;
}

/**
 * Turns typed fields (create) or a patch over the stored row (edit) into the stored columns, with phones in E.164,
 * derived search columns, and referenced records checked.
 */
export async function patientColumns(ctx: HandlerContext, input: PatientFields | PatientPatch, before?: StoredPatient): Promise<PatientColumns> {
  const pick = <K extends keyof PatientFields>(key: K, stored: unknown) => (key in input ? (input[key] ?? null) : (stored ?? null));
  const firstName = (pick('firstName', before?.firstName) as string) ?? '';
  const lastName = (pick('lastName', before?.lastName) as string) ?? '';
  if (!firstName || !lastName) throw fieldError('invalid_input', 'Required', firstName ? 'lastName' : 'firstName');
  const phone = 'phone' in input ? phoneOrThrow(ctx, 'phone', input.phone) : (before?.phone ?? null);
  const emergencyContactPhone = 'emergencyContactPhone' in input ? phoneOrThrow(ctx, 'emergencyContactPhone', input.emergencyContactPhone) : (before?.emergencyContactPhone ?? null);
  const referralSourceId = pick('referralSourceId', before?.referralSourceId) as number | null;
  if (referralSourceId !== null && !(await ctx.db.selectFrom('referralSource').select('id').where('id', '=', referralSourceId).executeTakeFirst())) {
    throw fieldError('not_found', 'No such referral source.', 'referralSourceId');
  }
  const referredByPatientId = pick('referredByPatientId', before?.referredByPatientId) as number | null;
  if (referredByPatientId !== null) {
    await requirePatient(ctx, referredByPatientId, 'referredByPatientId');
    if (referredByPatientId === before?.id) throw fieldError('invalid_input', 'A patient cannot refer themselves.', 'referredByPatientId');
  }
  const address = input.address ?? {};
  const photoConsent = (pick('photoConsent', before?.photoConsent === 1) as boolean) ?? false;
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
    doNotContact: flag(pick('doNotContact', before?.doNotContact === 1) === true),
    emergencyContactName: pick('emergencyContactName', before?.emergencyContactName) as string | null,
    emergencyContactPhone,
    photoConsent: flag(photoConsent),
    photoConsentAt: photoConsent ? (before?.photoConsent === 1 ? before.photoConsentAt : ctx.now.toISOString()) : null,
    notes: (pick('notes', before?.notes) as string | null) ?? '',
    sortName: sortNameOf(firstName, lastName),
  };
}
