import { z } from 'zod';
import { method } from './method';
import { Address, CalendarDate, Color, Empty, Id, Instant, MultiLineText, Name, Ok, OneLineText, ShortText } from './common';

export const genders = ['female', 'male', 'nonBinary', 'other', 'undisclosed'] as const;
export const consentChannels = ['email', 'sms', 'phone', 'mail'] as const;
/** `reply`: the patient's own opt-out, a STOP by SMS or an unsubscribe by email. */
export const consentSources = ['form', 'verbal', 'online', 'import', 'reply'] as const;

const Email = z.string().trim().toLowerCase().pipe(z.email('Not an email address')).pipe(z.string().max(200));
const PhoneText = OneLineText.min(3).max(40);
const ShortOptional = OneLineText.max(80).optional();

export const PatientFields = z.strictObject({
  firstName: Name,
  lastName: Name,
  preferredName: ShortOptional,
  dateOfBirth: CalendarDate.optional(),
  gender: z.enum(genders).optional(),
  phone: PhoneText.optional(),
  email: Email.optional(),
  address: Address.partial().optional(),
  referralSourceId: Id.optional(),
  referredByPatientId: Id.optional(),
  doNotContact: z.boolean().optional(),
  emergencyContactName: ShortOptional,
  emergencyContactPhone: PhoneText.optional(),
  photoConsent: z.boolean().optional(),
  notes: MultiLineText.max(5000).optional(),
});
export type PatientFields = z.infer<typeof PatientFields>;

/** Fields that may be cleared on edit: null means "remove". */
const clearable = {
  preferredName: ShortOptional.nullable(),
  dateOfBirth: CalendarDate.nullable().optional(),
  gender: z.enum(genders).nullable().optional(),
  phone: PhoneText.nullable().optional(),
  email: Email.nullable().optional(),
  referralSourceId: Id.nullable().optional(),
  referredByPatientId: Id.nullable().optional(),
  emergencyContactName: ShortOptional.nullable(),
  emergencyContactPhone: PhoneText.nullable().optional(),
};
export const PatientPatch = PatientFields.partial().extend(clearable);
export type PatientPatch = z.infer<typeof PatientPatch>;

export const DuplicateCandidate = z.object({
  id: Id,
  number: z.string(),
  name: z.string(),
  dateOfBirth: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  reasons: z.array(z.enum(['phone', 'email', 'nameAndBirthDate'])),
});
export type DuplicateCandidate = z.infer<typeof DuplicateCandidate>;

export const PatientSummary = z.object({
  id: Id,
  number: z.string(),
  name: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  preferredName: z.string().nullable(),
  dateOfBirth: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  allergyAlert: z.boolean(),
  archived: z.boolean(),
});
export type PatientSummary = z.infer<typeof PatientSummary>;

export const Tag = z.object({ id: Id, name: z.string(), color: z.string() });
export type Tag = z.infer<typeof Tag>;

export const Consent = z.object({
  channel: z.enum(consentChannels),
  granted: z.boolean(),
  source: z.enum(consentSources),
  recordedAt: Instant,
  recordedBy: z.string(),
});
export type Consent = z.infer<typeof Consent>;

export const PatientProfile = z.object({
  id: Id,
  number: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  preferredName: z.string().nullable(),
  dateOfBirth: z.string().nullable(),
  gender: z.enum(genders).nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  address: z.object({ line1: z.string(), line2: z.string(), city: z.string(), region: z.string(), postalCode: z.string(), country: z.string() }),
  referralSource: z.object({ id: Id, name: z.string() }).nullable(),
  referredBy: z.object({ id: Id, name: z.string(), number: z.string() }).nullable(),
  referralsMade: z.number().int(),
  doNotContact: z.boolean(),
  emergencyContactName: z.string().nullable(),
  emergencyContactPhone: z.string().nullable(),
  photoConsent: z.boolean(),
  photoConsentAt: Instant.nullable(),
  notes: z.string(),
  /** The only clinical fact front desk sees: that there is an allergy to ask about. */
  allergyAlert: z.boolean(),
  tags: z.array(Tag),
  consents: z.array(Consent),
  archivedAt: Instant.nullable(),
  archiveReason: z.string().nullable(),
  mergedInto: Id.nullable(),
  createdAt: Instant,
  updatedAt: Instant,
});
export type PatientProfile = z.infer<typeof PatientProfile>;

export const patientSorts = ['name', 'newest', 'number'] as const;

export const patients = {
  'patients.create': method({
    summary: 'Add a patient; refuses with possible_duplicate unless acceptDuplicateOf names the match shown.',
    input: PatientFields.extend({ acceptDuplicateOf: Id.optional() }),
    output: z.object({ id: Id, number: z.string() }),
    permission: 'patients.write',
    transaction: 'write',
    errors: ['invalid_input', 'possible_duplicate', 'not_found'],
  }),
  'patients.update': method({
    summary: 'Change a patient’s details; null clears a field. Checks for duplicates like create.',
    input: z.strictObject({ id: Id, patch: PatientPatch, acceptDuplicateOf: Id.optional() }),
    output: Ok,
    permission: 'patients.write',
    transaction: 'write',
    errors: ['invalid_input', 'not_found', 'possible_duplicate'],
  }),
  'patients.findDuplicates': method({
    summary: 'Likely existing patients for what is being typed (same phone or email, or similar name and same birth date).',
    input: z.strictObject({
      firstName: OneLineText.max(80).default(''),
      lastName: OneLineText.max(80).default(''),
      dateOfBirth: CalendarDate.optional(),
      phone: OneLineText.max(40).optional(),
      email: OneLineText.max(200).optional(),
      excludeId: Id.optional(),
    }),
    output: z.array(DuplicateCandidate),
    permission: 'patients.read',
    transaction: 'read',
    errors: ['invalid_input'],
  }),
  'patients.get': method({
    summary: 'A patient’s profile (no clinical details).',
    input: z.strictObject({ id: Id }),
    output: PatientProfile,
    permission: 'patients.read',
    transaction: 'read',
    errors: ['invalid_input', 'not_found'],
  }),
  'patients.search': method({
    summary: 'Quick search by name prefix (any accents or case), phone in any format or its last digits, email, or patient number.',
    input: z.strictObject({
      q: OneLineText.min(1).max(100),
      limit: z.number().int().min(1).max(50).default(20),
      includeArchived: z.boolean().default(false),
    }),
    output: z.array(PatientSummary),
    permission: 'patients.read',
    transaction: 'read',
    errors: ['invalid_input'],
  }),
  'patients.list': method({
    summary: 'One page of the patient list, with the total for scrolling.',
    input: z.strictObject({
      offset: z.number().int().min(0).max(10_000_000).default(0),
      limit: z.number().int().min(1).max(500).default(100),
      sort: z.enum(patientSorts).default('name'),
      includeArchived: z.boolean().default(false),
      tagId: Id.optional(),
    }),
    output: z.object({ total: z.number().int(), rows: z.array(PatientSummary) }),
    permission: 'patients.read',
    transaction: 'read',
    errors: ['invalid_input'],
  }),
  'patients.archive': method({
    summary: 'Archive (or restore) a patient; nothing is ever deleted.',
    input: z.strictObject({ id: Id, archived: z.boolean(), reason: ShortText.optional() }),
    output: Ok,
    permission: 'patients.write',
    transaction: 'write',
    errors: ['invalid_input', 'not_found', 'conflict'],
  }),
  'patients.merge': method({
    summary: 'Merge a duplicate into the record to keep: every related row moves, in one transaction.',
    input: z.strictObject({ keepId: Id, mergeId: Id }),
    output: z.object({ keepId: Id, moved: z.record(z.string(), z.number().int()) }),
    permission: 'patients.merge',
    transaction: 'write',
    errors: ['invalid_input', 'not_found', 'conflict'],
  }),
  'patients.setConsent': method({
    summary: 'Record marketing consent for one channel, with its source.',
    input: z.strictObject({ patientId: Id, channel: z.enum(consentChannels), granted: z.boolean(), source: z.enum(consentSources) }),
    output: Ok,
    permission: 'patients.write',
    transaction: 'write',
    errors: ['invalid_input', 'not_found'],
  }),
  'patients.setTags': method({
    summary: 'Replace a patient’s manual tags.',
    input: z.strictObject({ patientId: Id, tagIds: z.array(Id).max(50) }),
    output: Ok,
    permission: 'patients.write',
    transaction: 'write',
    errors: ['invalid_input', 'not_found'],
  }),
  'tags.list': method({
    summary: 'The clinic’s manual patient tags.',
    input: Empty,
    output: z.array(Tag.extend({ patientCount: z.number().int() })),
    permission: 'patients.read',
    transaction: 'read',
    errors: [],
  }),
  'tags.save': method({
    summary: 'Create a tag, or rename/recolour it when an id is given.',
    input: z.strictObject({ id: Id.optional(), name: OneLineText.min(1).max(40), color: Color }),
    output: z.object({ id: Id }),
    permission: 'patients.write',
    transaction: 'write',
    errors: ['invalid_input', 'not_found', 'conflict'],
  }),
} as const;
