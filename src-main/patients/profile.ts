import type { PatientProfile } from '../../src-shared/contract/patients';
import { LumenError } from '../../src-shared/errors';
import { cached } from '../core/db';
import type { HandlerContext, HandlerMap } from '../core/registry';
import { PROFILE_SQL } from './queries';
import type { StoredPatient } from './row';

type ProfileRow = StoredPatient & { referralSourceName: string | null; referredByName: string | null; referredByNumber: string | null; referralsMade: number };

/** The profile reads through raw prepared statements: opening a patient is a hot path the bench times. */
function profileOf(ctx: HandlerContext, id: number): PatientProfile {
  const p = cached(ctx.sqlite, PROFILE_SQL.patient).get({ id }) as ProfileRow | undefined;
  if (!p) throw new LumenError('not_found', 'No such patient.');
  const consents = cached(ctx.sqlite, PROFILE_SQL.consents).all({ id }) as { channel: 'email'; granted: number; source: 'form'; recordedAt: string; recordedBy: string }[];
  return {
    id: p.id,
    number: p.number,
    firstName: p.firstName,
    lastName: p.lastName,
    preferredName: p.preferredName,
    dateOfBirth: p.dateOfBirth,
    gender: p.gender as PatientProfile['gender'],
    phone: p.phone,
    email: p.email,
    address: { line1: p.addressLine1, line2: p.addressLine2, city: p.city, region: p.region, postalCode: p.postalCode, country: p.country },
    referralSource: p.referralSourceId !== null ? { id: p.referralSourceId, name: p.referralSourceName ?? '' } : null,
    referredBy: p.referredByPatientId !== null ? { id: p.referredByPatientId, name: p.referredByName ?? '', number: p.referredByNumber ?? '' } : null,
    referralsMade: p.referralsMade,
    doNotContact: p.doNotContact === 1,
    emergencyContactName: p.emergencyContactName,
    emergencyContactPhone: p.emergencyContactPhone,
    photoConsent: p.photoConsent === 1,
    photoConsentAt: p.photoConsentAt,
    notes: p.notes,
    allergyAlert: p.allergyAlert === 1,
    tags: cached(ctx.sqlite, PROFILE_SQL.tags).all({ id }) as PatientProfile['tags'],
    consents: consents.map((c) => ({ ...c, granted: c.granted === 1 })),
    archivedAt: p.archivedAt,
    archiveReason: p.archiveReason,
    mergedInto: p.mergedIntoId,
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
  };
}

export const profileHandlers: HandlerMap<'patients.get'> = {
  'patients.get': ({ id }, ctx) => profileOf(ctx, id),
};
