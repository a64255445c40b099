import { z } from 'zod';
import { method } from './method';
import { CountryCode, Empty, Id, Instant, OneLineText, Ok } from './common';

/**
 * Importing a clinic's history from its old system (issue 20). A file is added once (kept in the data folder under its
 * SHA-256, named by `fileId` afterwards), its columns are mapped to the fields of one import kind, the rows are
 * previewed, dry-run and imported as one batch (one transaction), which can be undone as a whole. Each row gets a key
 * (kind + legacy id when mapped, else a hash of its mapped values): a row an earlier batch (not undone) imported is
 * "already imported", so the same file twice creates nothing twice.
 */
export const importKinds = ['patients', 'clinical', 'balances', 'appointments'] as const;
export type ImportKind = (typeof importKinds)[number];

export const importKindLabels: Record<ImportKind, string> = {
  patients: 'Patients',
  clinical: 'Allergies, medications and conditions',
  balances: 'Opening balances (stored value, loyalty points)',
  appointments: 'Appointment history (and booked visits to come)',
};

/** How a cell is read: the wizard shows it beside the field, and the date/number options apply to its type. */
export const fieldTypes = ['text', 'date', 'dateTime', 'time', 'phone', 'email', 'flag', 'flagOrDate', 'sex', 'list', 'cents', 'whole'] as const;
export type FieldType = (typeof fieldTypes)[number];

export interface ImportField {
  key: string;
  label: string;
  type: FieldType;
  /** Header names that mean this field (vendor exports: Mindbody, Zenoti, Boulevard, Aesthetic Record, Nextech, PatientNow, Pabau, Jane, Vagaro). */
  synonyms: readonly string[];
}

const field = (key: string, label: string, type: FieldType, synonyms: readonly string[]): ImportField => ({ key, label, type, synonyms });

/** The fields that find the patient a row is about (clinical, balances and appointment rows): legacy id, else number, else email, else name + birth date. */
const patientFinders: readonly ImportField[] = [
  field('legacyId', 'ID in the old system', 'text', ['Client ID', 'Patient ID', 'Customer ID', 'Guest ID', 'Record ID', 'ID', 'Client Number', 'Chart Number', 'Account Number', 'Patient Number', 'MRN', 'External ID', 'Legacy ID', 'Guest Code', 'Client Code']),
  field('patientNumber', 'Lumen patient number', 'text', ['Lumen Number', 'Lumen Patient Number', 'Patient No']),
  field('email', 'Email', 'email', ['Email Address', 'E-mail', 'Email 1', 'Primary Email', 'Client Email', 'Mail']),
  field('firstName', 'First name', 'text', ['First Name', 'Given Name', 'Forename', 'Client First Name', 'Patient First Name', 'Vorname', 'Prénom']),
  field('lastName', 'Last name', 'text', ['Last Name', 'Surname', 'Family Name', 'Client Last Name', 'Patient Last Name', 'Nachname', 'Nom']),
  field('dateOfBirth', 'Date of birth', 'date', ['Birth Date', 'Birthdate', 'Birthday', 'DOB', 'Date Of Birth', 'Geburtsdatum', 'Date de naissance']),
];

export const importFields: Record<ImportKind, readonly ImportField[]> = {
  patients: [
    ...patientFinders.filter((f) => f.key !== 'patientNumber'),
    field('preferredName', 'Preferred name', 'text', ['Preferred Name', 'Nickname', 'Nick Name', 'Known As', 'Goes By']),
    field('gender', 'Sex / gender', 'sex', ['Gender', 'Sex', 'Geschlecht', 'Sexe']),
    field('mobilePhone', 'Mobile phone', 'phone', ['Mobile Phone', 'Mobile', 'Cell Phone', 'Cell', 'Mobile Number', 'Cell Number', 'SMS Number', 'Handy', 'Mobil']),
    field('homePhone', 'Home phone', 'phone', ['Home Phone', 'Phone', 'Telephone', 'Phone Number', 'Home Number', 'Primary Phone', 'Telefon']),
    field('workPhone', 'Work phone', 'phone', ['Work Phone', 'Business Phone', 'Office Phone', 'Work Number']),
    field('addressLine1', 'Address', 'text', ['Address', 'Address 1', 'Address Line 1', 'Street', 'Street Address', 'Address1', 'Strasse', 'Straße', 'Adresse']),
    field('addressLine2', 'Address line 2', 'text', ['Address 2', 'Address Line 2', 'Address2', 'Apt', 'Suite']),
    field('city', 'City', 'text', ['City', 'Town', 'Suburb', 'Ort', 'Stadt', 'Ville']),
    field('region', 'State / region', 'text', ['State', 'Province', 'Region', 'County', 'State/Province', 'Bundesland']),
    field('postalCode', 'Postal code', 'text', ['Zip', 'Zip Code', 'Postal Code', 'Postcode', 'Post Code', 'PLZ', 'Code Postal']),
    field('country', 'Country', 'text', ['Country', 'Country Code', 'Land', 'Pays']),
    field('referralSource', 'Referral source', 'text', ['Referral Source', 'Referred By', 'Referral', 'Source', 'Lead Source', 'How did you hear about us', 'Marketing Source']),
    field('tags', 'Tags', 'list', ['Tags', 'Tag', 'Labels', 'Groups', 'Client Tags', 'Indicators']),
    field('notes', 'Notes', 'text', ['Notes', 'Note', 'Comments', 'Client Notes', 'Patient Notes', 'Remarks', 'Bemerkungen']),
    field('deceased', 'Deceased (yes/no or date)', 'flagOrDate', ['Deceased', 'Deceased Date', 'Date of Death', 'Died', 'Is Deceased']),
    field('allergies', 'Allergies', 'list', ['Allergies', 'Allergy', 'Known Allergies', 'Allergien', 'Allergies/Sensitivities']),
    field('medications', 'Medications', 'list', ['Medications', 'Medication', 'Current Medications', 'Meds', 'Medikamente']),
    field('alerts', 'Medical alerts / conditions', 'list', ['Alerts', 'Medical Alerts', 'Alert', 'Conditions', 'Medical Conditions', 'Contraindications', 'Medical History']),
    field('storedValue', 'Stored value balance', 'cents', ['Account Balance', 'Credit Balance', 'Stored Value', 'Store Credit', 'Balance', 'Credit', 'Wallet Balance']),
    field('loyaltyPoints', 'Loyalty points', 'whole', ['Loyalty Points', 'Points', 'Points Balance', 'Reward Points', 'Rewards Balance']),
    field('emailMarketing', 'Email marketing consent', 'flag', ['Email Opt In', 'Email Marketing', 'Email Consent', 'Accepts Email Marketing', 'Marketing Email', 'Email Subscribed', 'Opt In Email']),
    field('smsMarketing', 'SMS marketing consent', 'flag', ['SMS Opt In', 'Text Opt In', 'SMS Marketing', 'SMS Consent', 'Accepts SMS Marketing', 'Marketing SMS', 'Text Marketing']),
  ],
  clinical: [
    ...patientFinders,
    field('allergies', 'Allergies', 'list', ['Allergies', 'Allergy', 'Known Allergies', 'Allergien', 'Allergies/Sensitivities']),
    field('medications', 'Medications', 'list', ['Medications', 'Medication', 'Current Medications', 'Meds', 'Medikamente']),
    field('alerts', 'Conditions / alerts', 'list', ['Conditions', 'Medical Conditions', 'Alerts', 'Medical Alerts', 'Contraindications', 'Medical History']),
  ],
  balances: [
    ...patientFinders,
    field('storedValue', 'Stored value balance', 'cents', ['Account Balance', 'Credit Balance', 'Stored Value', 'Store Credit', 'Wallet Balance']),
    field('loyaltyPoints', 'Loyalty points', 'whole', ['Loyalty Points', 'Points', 'Points Balance', 'Reward Points', 'Rewards Balance']),
  ],
  appointments: [
    ...patientFinders,
    field('appointmentId', 'Appointment ID in the old system', 'text', ['Appointment ID', 'Appt ID', 'Booking ID', 'Visit ID', 'Appointment Number', 'Booking Reference']),
    field('start', 'Date (and time)', 'dateTime', ['Appointment Date', 'Date', 'Start Date', 'Date/Time', 'Start', 'Appointment Start', 'Scheduled', 'Visit Date', 'Start Date Time']),
    field('startTime', 'Start time', 'time', ['Time', 'Start Time', 'Appointment Time', 'From']),
    field('endTime', 'End time', 'time', ['End Time', 'End', 'To', 'Finish Time']),
    field('durationMinutes', 'Duration (minutes)', 'whole', ['Duration', 'Duration (min)', 'Duration Minutes', 'Length', 'Minutes', 'Mins']),
    field('service', 'Service (by name)', 'text', ['Service', 'Service Name', 'Treatment', 'Appointment Type', 'Procedure', 'Service Type', 'Item']),
    field('provider', 'Provider (staff by name)', 'text', ['Provider', 'Staff', 'Practitioner', 'Staff Member', 'Employee', 'Therapist', 'Injector', 'Clinician', 'Staff Name']),
    field('status', 'Status (completed, no-show, cancelled)', 'text', ['Status', 'Appointment Status', 'Booking Status', 'State']),
    field('notes', 'Notes', 'text', ['Notes', 'Appointment Notes', 'Comments', 'Booking Notes', 'Memo']),
  ],
};

const FieldKey = z.string().trim().regex(/^[a-zA-Z][a-zA-Z0-9]{0,39}$/, 'A field name');
/** Per column of the file (in file order), the field it fills or null when it is not imported. */
export const ColumnMapping = z.array(FieldKey.nullable()).max(500);
export type ColumnMapping = z.infer<typeof ColumnMapping>;

export const FileId = z.string().regex(/^[0-9a-f]{64}$/, 'A file added with imports.addFile');
export const dateOrders = ['dayFirst', 'monthFirst'] as const;
export const numberStyles = ['dotDecimal', 'commaDecimal'] as const;

export const ImportOptions = z.strictObject({
  /** Required when the mapped date columns do not tell (ambiguous) or disagree (conflicting): never guessed silently. */
  dateOrder: z.enum(dateOrders).optional(),
  /** 1,234.56 or 1.234,56; required when the mapped amounts do not tell. */
  numberStyle: z.enum(numberStyles).optional(),
  /** Country for phone numbers written without one (default: the clinic's). */
  defaultCountry: CountryCode.optional(),
  /** The sheet of an .xlsx file (default: the first with data). */
  sheet: OneLineText.min(1).max(100).optional(),
});
export type ImportOptions = z.input<typeof ImportOptions>;

const Selection = {
  fileId: FileId,
  kind: z.enum(importKinds),
  mapping: ColumnMapping,
  options: ImportOptions.default({}),
};

/** 64 MB of file as base64. */
export const MAX_IMPORT_BASE64 = Math.ceil((64 * 1024 * 1024) / 3) * 4;

export const TableShape = z.object({
  fileId: FileId,
  fileName: z.string(),
  format: z.enum(['csv', 'xlsx']),
  encoding: z.string().nullable(),
  bom: z.boolean(),
  delimiter: z.string().nullable(),
  sheet: z.string().nullable(),
  sheets: z.array(z.string()),
  headerLine: z.number().int(),
  header: z.array(z.string()),
  rowCount: z.number().int(),
  skipped: z.array(z.object({ line: z.number().int(), reason: z.enum(['empty', 'repeatedHeader']) })),
  emptyColumns: z.array(z.number().int()),
  /** The first 20 data rows. */
  sample: z.array(z.object({ line: z.number().int(), cells: z.array(z.string()) })),
});

export const Batch = z.object({
  id: Id,
  kind: z.enum(importKinds),
  fileName: z.string(),
  sha256: z.string(),
  at: Instant,
  by: z.string(),
  imported: z.number().int(),
  matched: z.number().int(),
  skipped: z.number().int(),
  alreadyImported: z.number().int(),
  undoneAt: Instant.nullable(),
});
export type Batch = z.infer<typeof Batch>;

export const FileSummary = TableShape.extend({
  /** Earlier batches of this exact file (by SHA-256), newest first. */
  importedBefore: z.array(Batch),
  /** The guessed field per column, for each kind. */
  guesses: z.record(z.enum(importKinds), ColumnMapping),
});
export type FileSummary = z.infer<typeof FileSummary>;

export const Problem = z.object({ line: z.number().int(), column: z.string().nullable(), message: z.string() });
export type Problem = z.infer<typeof Problem>;

/** `create`: a new record; `match`: an existing patient (merged into or kept apart on run); `skip`: problems; `already`: an earlier batch imported it. */
export const rowOutcomes = ['create', 'match', 'skip', 'already'] as const;
export type RowOutcome = (typeof rowOutcomes)[number];

const PatientRef = z.object({ id: Id, number: z.string(), name: z.string() });

export const RowResult = z.object({
  line: z.number().int(),
  outcome: z.enum(rowOutcomes),
  /** The patient created, matched or (clinical, balances) found. */
  patient: PatientRef.nullable(),
  /** For a match: why it is one (legacy id, phone, email, name and birth date); on run, whether it was merged. */
  matchedBy: z.array(z.string()),
  merged: z.boolean().nullable(),
  problems: z.array(Problem),
});
export type RowResult = z.infer<typeof RowResult>;

export const Totals = z.object({ create: z.number().int(), match: z.number().int(), skip: z.number().int(), already: z.number().int() });
export type Totals = z.infer<typeof Totals>;

/** What the options resolved to, and what the data said about them. */
export const Detected = z.object({
  dateOrder: z.enum(['dayFirst', 'monthFirst', 'ambiguous', 'conflicting']).nullable(),
  numberStyle: z.enum(numberStyles).nullable(),
  defaultCountry: z.string(),
});

export const Preview = z.object({
  totals: Totals,
  detected: Detected,
  /** Rows of the page (after the filter), and how many rows the filter keeps. */
  rows: z.array(RowResult),
  total: z.number().int(),
});
export type Preview = z.infer<typeof Preview>;

export const onMatchChoices = ['merge', 'keepApart'] as const;

export const Report = z.object({
  /** Null for a dry run: nothing was kept. */
  batchId: Id.nullable(),
  dryRun: z.boolean(),
  totals: Totals,
  merged: z.number().int(),
  keptApart: z.number().int(),
  /** Every row that was not simply created (matched, skipped, already imported); the CSV report lists every row. */
  rows: z.array(RowResult),
});
export type Report = z.infer<typeof Report>;

export const ImportProgress = z.object({
  running: z.boolean(),
  phase: z.enum(['idle', 'reading', 'importing', 'rollingBack', 'committing']),
  fileName: z.string().nullable(),
  done: z.number().int(),
  total: z.number().int(),
});
export type ImportProgress = z.infer<typeof ImportProgress>;

export const SavedMapping = z.object({
  id: Id,
  name: z.string(),
  kind: z.enum(importKinds),
  /** Column header text → field; applied to a file by matching header text. */
  columns: z.record(z.string(), FieldKey),
  updatedAt: Instant,
});
export type SavedMapping = z.infer<typeof SavedMapping>;

export const SaveMappingInput = z.strictObject({
  name: OneLineText.min(1).max(80),
  kind: z.enum(importKinds),
  columns: z.record(OneLineText.min(1).max(200), FieldKey).refine((c) => Object.keys(c).length > 0 && Object.keys(c).length <= 500, 'Map at least one column'),
});
export type SaveMappingInput = z.input<typeof SaveMappingInput>;

export const RunInput = z.strictObject({
  ...Selection,
  dryRun: z.boolean().default(false),
  /** What to do with rows that match an existing patient (patients kind): fill the patient's empty fields, or create a separate record. */
  onMatch: z.enum(onMatchChoices).default('keepApart'),
  /** Per line, a choice that overrides `onMatch`. */
  decisions: z.record(z.string().regex(/^\d{1,9}$/, 'A line number'), z.enum(onMatchChoices)).default({}),
});
export type RunInput = z.input<typeof RunInput>;

export const imports = {
  'imports.addFile': method({
    summary: 'Add a CSV or .xlsx file to import: its table, whether it was imported before, and a guessed mapping per kind.',
    input: z.strictObject({
      fileName: OneLineText.min(1).max(255),
      dataBase64: z.string().min(4).max(MAX_IMPORT_BASE64).regex(/^[A-Za-z0-9+/]+={0,2}$/, 'Base64 file data'),
      sheet: OneLineText.min(1).max(100).optional(),
    }),
    output: FileSummary,
    permission: 'imports.run',
    transaction: 'read',
    errors: ['invalid_input'],
  }),
  'imports.file': method({
    summary: 'The table of a file added before (another sheet of an .xlsx file).',
    input: z.strictObject({ fileId: FileId, sheet: OneLineText.min(1).max(100).optional() }),
    output: FileSummary,
    permission: 'imports.run',
    transaction: 'read',
    errors: ['invalid_input', 'not_found'],
  }),
  'imports.fields': method({
    summary: 'The fields each kind of import fills, with their labels and the header names that mean them.',
    input: Empty,
    output: z.record(z.enum(importKinds), z.array(z.object({ key: z.string(), label: z.string(), type: z.enum(fieldTypes), synonyms: z.array(z.string()) }))),
    permission: 'imports.run',
    transaction: 'none',
    errors: [],
  }),
  'imports.saveMapping': method({
    summary: 'Save a named column mapping (header text → field) for the next file from the same system.',
    input: SaveMappingInput,
    output: z.object({ id: Id }),
    permission: 'imports.run',
    transaction: 'write',
    errors: ['invalid_input'],
  }),
  'imports.mappings': method({
    summary: 'Saved column mappings, by name.',
    input: z.strictObject({ kind: z.enum(importKinds).optional() }),
    output: z.array(SavedMapping),
    permission: 'imports.run',
    transaction: 'read',
    errors: [],
  }),
  'imports.deleteMapping': method({
    summary: 'Delete a saved column mapping.',
    input: z.strictObject({ id: Id }),
    output: Ok,
    permission: 'imports.run',
    transaction: 'write',
    errors: ['not_found'],
  }),
  'imports.preview': method({
    summary: 'Every row’s outcome (create, match, skip with its problems, already imported), paged; refuses until an ambiguous date order or number style is chosen.',
    input: z.strictObject({
      ...Selection,
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(500).default(50),
      outcome: z.enum(rowOutcomes).optional(),
    }),
    output: Preview,
    permission: 'imports.run',
    transaction: 'read',
    errors: ['invalid_input', 'not_found'],
  }),
  'imports.run': method({
    summary: 'Import the file as one batch, all or nothing (dryRun: the same, rolled back); returns the report.',
    input: RunInput,
    output: Report,
    permission: 'imports.run',
    transaction: 'write',
    errors: ['invalid_input', 'not_found', 'conflict'],
  }),
  'imports.progress': method({
    summary: 'Progress of the import running now.',
    input: Empty,
    output: ImportProgress,
    permission: 'imports.run',
    transaction: 'none',
    errors: [],
    queued: false,
  }),
  'imports.batches': method({
    summary: 'Past imports, newest first.',
    input: Empty,
    output: z.array(Batch),
    permission: 'imports.run',
    transaction: 'read',
    errors: [],
  }),
  'imports.report': method({
    summary: 'A batch’s report: every row’s outcome and reason, as rows or as CSV.',
    input: z.strictObject({ batchId: Id, format: z.enum(['json', 'csv']).default('json') }),
    output: z.object({ batch: Batch, rows: z.array(RowResult), csv: z.string().nullable(), fileName: z.string() }),
    permission: 'imports.run',
    transaction: 'read',
    errors: ['not_found'],
  }),
  'imports.undo': method({
    summary: 'Undo a batch: remove what it created and restore what it merged, all or nothing; refused when something it created has been used since.',
    input: z.strictObject({ batchId: Id }),
    /** `archived`: records the import created that carry ledger entries (facts stay): archived, their balances reversed. */
    output: z.object({ removed: z.number().int(), restored: z.number().int(), archived: z.number().int() }),
    permission: 'imports.run',
    transaction: 'write',
    errors: ['not_found', 'conflict', 'invalid_transition'],
  }),
} as const;
