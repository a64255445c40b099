import { z } from 'zod';
import { method } from './method';
import { Id, Instant, LongText, Ok, OneLineText } from './common';

export const allergySeverities = ['mild', 'moderate', 'severe', 'anaphylaxis'] as const;

export const Allergy = z.strictObject({
  substance: OneLineText.min(1).max(120),
  reaction: OneLineText.max(200).default(''),
  severity: z.enum(allergySeverities),
});
export const Medication = z.strictObject({
  name: OneLineText.min(1).max(120),
  dose: OneLineText.max(120).default(''),
});

export const ClinicalInput = z.strictObject({
  allergies: z.array(Allergy).max(100),
  medications: z.array(Medication).max(100),
  medicalHistory: LongText,
  /** E.g. pregnancy, anticoagulants, active infection at site, keloid history. */
  contraindications: z.array(OneLineText.min(1).max(200)).max(100),
  /** Expectations and psychological note (body dysmorphia screening, goals). */
  expectationsNote: LongText,
});
export type ClinicalInput = z.infer<typeof ClinicalInput>;

export const ClinicalRecord = z.object({
  patientId: Id,
  allergies: z.array(z.object({ substance: z.string(), reaction: z.string(), severity: z.enum(allergySeverities) })),
  medications: z.array(z.object({ name: z.string(), dose: z.string() })),
  medicalHistory: z.string(),
  contraindications: z.array(z.string()),
  expectationsNote: z.string(),
  updatedAt: Instant.nullable(),
  updatedBy: z.string().nullable(),
});
export type ClinicalRecord = z.infer<typeof ClinicalRecord>;

export const clinical = {
  'clinical.get': method({
    summary: 'A patient’s medical history, allergies, medications and contraindications (every view is audited).',
    input: z.strictObject({ patientId: Id }),
    output: ClinicalRecord,
    permission: 'clinical.read',
    transaction: 'write',
    errors: ['invalid_input', 'not_found'],
  }),
  'clinical.update': method({
    summary: 'Record a patient’s clinical details; the audit log keeps before and after.',
    input: ClinicalInput.extend({ patientId: Id }),
    output: Ok,
    permission: 'clinical.write',
    transaction: 'write',
    errors: ['invalid_input', 'not_found'],
  }),
} as const;
