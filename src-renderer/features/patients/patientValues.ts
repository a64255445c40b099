import type { z } from 'zod';
import { PatientFields, type PatientPatch, type PatientProfile } from '../../../src-shared/contract/patients';

/** What the patient form's inputs hold: text throughout, the address nested as the contract nests it. */
export interface PatientValues {
  firstName: string;
  lastName: string;
  preferredName: string;
  dateOfBirth: string;
  gender: string;
  phone: string;
  email: string;
  address: { line1: string; line2: string; city: string; region: string; postalCode: string; country: string };
  referralSourceId: string;
  referredBy: { id: number; label: string } | null;
  emergencyContactName: string;
  emergencyContactPhone: string;
  photoConsent: boolean;
  doNotContact: boolean;
  notes: string;
}
export type ParsedPatient = z.output<typeof PatientFields>;

const textKeys = ['firstName', 'lastName', 'preferredName', 'dateOfBirth', 'gender', 'phone', 'email', 'emergencyContactName', 'emergencyContactPhone', 'notes'] as const;
export const fieldNames: readonly string[] = Object.keys(PatientFields.shape);

/** Form strings → contract input: blanks are absent, the select's id becomes a number. */
export function toInput(v: PatientValues): Record<string, unknown> {
  const out: Record<string, unknown> = { photoConsent: v.photoConsent, doNotContact: v.doNotContact };
  for (const k of textKeys) if (v[k].trim() !== '') out[k] = v[k];
  const address: Record<string, string> = {};
  for (const [k, val] of Object.entries(v.address)) if (val.trim() !== '') address[k] = k === 'country' ? val.trim().toUpperCase() : val;
  if (Object.keys(address).length) out.address = address;
  if (v.referralSourceId) out.referralSourceId = Number(v.referralSourceId);
  if (v.referredBy) out.referredByPatientId = v.referredBy.id;
  return out;
}

const clearable = ['preferredName', 'dateOfBirth', 'gender', 'phone', 'email', 'referralSourceId', 'referredByPatientId', 'emergencyContactName', 'emergencyContactPhone'] as const;

/** On edit every field is sent: what was emptied becomes null so the server clears it. */
export function toPatch(parsed: ParsedPatient, values: PatientValues): PatientPatch {
  const patch: Record<string, unknown> = { ...parsed, notes: parsed.notes ?? '' };
  for (const k of clearable) patch[k] = parsed[k] ?? null;
  const { country, ...lines } = values.address;
  patch.address = { ...lines, ...(country.trim() ? { country: country.trim().toUpperCase() } : {}) };
  return patch as PatientPatch;
}

export function fromProfile(p: PatientProfile): PatientValues {
  return {
    firstName: p.firstName,
    lastName: p.lastName,
    preferredName: p.preferredName ?? '',
    dateOfBirth: p.dateOfBirth ?? '',
    gender: p.gender ?? '',
    phone: p.phone ?? '',
    email: p.email ?? '',
    address: { ...p.address },
    referralSourceId: p.referralSource ? String(p.referralSource.id) : '',
    referredBy: p.referredBy ? { id: p.referredBy.id, label: `${p.referredBy.name} (${p.referredBy.number})` } : null,
    emergencyContactName: p.emergencyContactName ?? '',
    emergencyContactPhone: p.emergencyContactPhone ?? '',
    photoConsent: p.photoConsent,
    doNotContact: p.doNotContact,
    notes: p.notes,
  };
}

export function blankPatient(country: string): PatientValues {
  return {
    firstName: '', lastName: '', preferredName: '', dateOfBirth: '', gender: '', phone: '', email: '',
    address: { line1: '', line2: '', city: '', region: '', postalCode: '', country },
    referralSourceId: '', referredBy: null, emergencyContactName: '', emergencyContactPhone: '',
    photoConsent: false, doNotContact: false, notes: '',
  };
}
