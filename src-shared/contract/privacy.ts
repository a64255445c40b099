import { z } from 'zod';
import { method } from './method';
import { CalendarDate, Empty, Id, Instant, OneLineText } from './common';
import { SavedFile } from './exports';

/**
 * Patients' rights (GDPR): access/portability (the complete record as JSON plus a readable PDF) and erasure
 * (anonymised everywhere, keeping invoices and signed clinical records within their retention period).
 */
export const PrivacySettings = z.object({
  /** How long signed clinical records (visit notes, charts) are kept after they were signed, in whole years. */
  clinicalRetentionYears: z.number().int(),
  updatedAt: Instant.nullable(),
});
export type PrivacySettings = z.infer<typeof PrivacySettings>;

export const PrivacySettingsInput = z.strictObject({
  clinicalRetentionYears: z.number({ error: 'Whole years from 1 to 100' }).int('Whole years from 1 to 100').min(1, 'At least 1 year').max(100, 'At most 100 years'),
});
export type PrivacySettingsInput = z.input<typeof PrivacySettingsInput>;

export const AccessExport = z.object({
  patientId: Id,
  json: SavedFile,
  pdf: SavedFile,
  /** How many rows of each table the record holds. */
  counts: z.record(z.string(), z.number().int()),
});
export type AccessExport = z.infer<typeof AccessExport>;

export const ErasureInput = z.strictObject({
  patientId: Id,
  reason: OneLineText.min(3, 'Say why (the patient’s request, its date)').max(300),
  /** The patient's number, typed again to confirm (P000123). */
  confirm: OneLineText.min(1, 'Type the patient’s number to confirm').max(20),
});
export type ErasureInput = z.input<typeof ErasureInput>;

export const ErasureResult = z.object({
  patientId: Id,
  number: z.string(),
  /** Rows anonymised or removed per table ("patient", "appointment.notes", "photo files"…). */
  changed: z.record(z.string(), z.number().int()),
  /** What stays by law: invoices and their lines, payments, credit notes, signed clinical records. */
  kept: z.array(z.string()),
});
export type ErasureResult = z.infer<typeof ErasureResult>;

/**
 * Why an erasure is refused (error `conflict`, details.blockers): signed clinical records still within their retention
 * period (with the date erasure becomes possible), money owed, or value the patient still holds.
 */
export const ErasureBlocker = z.object({
  kind: z.enum(['retention', 'owes', 'storedValue', 'giftCard', 'points', 'package']),
  message: z.string(),
  /** retention: the first day the erasure becomes possible (clinic-local). */
  possibleOn: CalendarDate.optional(),
  cents: z.number().int().optional(),
  points: z.number().int().optional(),
});
export type ErasureBlocker = z.infer<typeof ErasureBlocker>;

export const privacy = {
  'privacy.settings': method({
    summary: 'The retention period of signed clinical records (years; default 10), which erasure respects.',
    input: Empty,
    output: PrivacySettings,
    permission: 'settings.read',
    transaction: 'read',
    errors: [],
  }),
  'privacy.saveSettings': method({
    summary: 'Set the retention period of signed clinical records in years.',
    input: PrivacySettingsInput,
    output: PrivacySettings,
    permission: 'privacy.manage',
    transaction: 'write',
    errors: ['invalid_input'],
  }),
  'privacy.access': method({
    summary: 'A patient’s complete record (every table naming them, clinical record, notes, photos list, consents, messages, invoices, ledgers) as JSON and a readable PDF in <data dir>/exports. Needs clinical.read; audited as a clinical view and an export.',
    input: z.strictObject({ patientId: Id }),
    output: AccessExport,
    permission: 'privacy.manage',
    transaction: 'write',
    errors: ['not_found', 'forbidden', 'unavailable'],
  }),
  'privacy.erase': method({
    summary: 'Anonymise a patient everywhere (names, contact details, notes, free text, photos, search), keeping invoices and signed clinical records; refused (conflict, details.blockers) within retention or while money or value is outstanding. Audited with the number and reason, never the name.',
    input: ErasureInput,
    output: ErasureResult,
    permission: 'privacy.manage',
    transaction: 'write',
    errors: ['invalid_input', 'not_found', 'conflict'],
  }),
} as const;
