import { z } from 'zod';
import { method } from './method';
import { CalendarDate, Empty } from './common';
import { ExportedFile } from './reports-output';

/**
 * Taking the clinic's data out: the whole clinic as one archive (a .zip of one CSV per table, a manifest, a README and
 * the photos), and single lists (patients, sales, appointments) as CSV or .xlsx. Every file is written into
 * `<data dir>/exports` and every export is audited (what, how many rows, the file's name; never the rows).
 */
export const exportLists = ['patients', 'sales', 'appointments'] as const;
export type ExportList = (typeof exportLists)[number];
export const exportListLabels: Record<ExportList, string> = { patients: 'Patients', sales: 'Sales (invoice lines)', appointments: 'Appointments' };
export const listFormats = ['csv', 'xlsx'] as const;
export type ListFormat = (typeof listFormats)[number];

/** A dated list (sales, appointments) takes clinic-local dates, both included; the patients list ignores them. */
export const ListExportInput = z
  .strictObject({ list: z.enum(exportLists), format: z.enum(listFormats), from: CalendarDate.optional(), to: CalendarDate.optional() })
  .refine((input) => !input.from || !input.to || input.from <= input.to, { message: 'The end is before the start', path: ['to'] });
export type ListExportInput = z.input<typeof ListExportInput>;

/** A file written into <data dir>/exports, with its bytes for the renderer to save (base64; the CSV also as text). */
export const SavedFile = ExportedFile.extend({
  mimeType: z.string(),
  base64: z.string(),
});
export type SavedFile = z.infer<typeof SavedFile>;

export const ListExport = SavedFile.extend({ list: z.enum(exportLists), rows: z.number().int() });
export type ListExport = z.infer<typeof ListExport>;

export const ArchiveTable = z.object({ table: z.string(), file: z.string(), rows: z.number().int() });

/** The whole-clinic archive: where it was written and what it holds (too large to hand over: the path is the answer). */
export const ClinicArchive = z.object({
  path: z.string(),
  fileName: z.string(),
  bytes: z.number().int(),
  tables: z.array(ArchiveTable),
  rows: z.number().int(),
  photos: z.number().int(),
  /** Secret columns and tables left out (password hashes, sealed passwords, the clinic key, the change log). */
  omitted: z.array(z.object({ table: z.string(), column: z.string().nullable(), reason: z.string() })),
  seconds: z.number(),
});
export type ClinicArchive = z.infer<typeof ClinicArchive>;

export const ExportProgress = z.object({
  running: z.boolean(),
  /** The table (or "photos") being written. */
  step: z.string().nullable(),
  tablesDone: z.number().int(),
  tablesTotal: z.number().int(),
  rows: z.number().int(),
  lastError: z.string().nullable(),
});
export type ExportProgress = z.infer<typeof ExportProgress>;

export const dataExports = {
  'exports.clinic': method({
    summary: 'Write the whole clinic into <data dir>/exports as one .zip: a CSV per table (secrets left out), manifest.json with checksums, README.txt and the photos. Owner; audited.',
    input: Empty,
    output: ClinicArchive,
    permission: 'exports.clinic',
    transaction: 'write',
    errors: ['forbidden', 'unavailable'],
  }),
  'exports.progress': method({
    summary: 'Progress of the whole-clinic export in progress (answers at once, beside it).',
    input: Empty,
    output: ExportProgress,
    permission: 'exports.clinic',
    transaction: 'none',
    errors: [],
    queued: false,
  }),
  'exports.list': method({
    summary: 'One list (patients, sales lines, appointments) as a CSV or .xlsx file in <data dir>/exports, returned for saving. Allergies and medications only with clinical.read. Audited.',
    input: ListExportInput,
    output: ListExport,
    permission: 'exports.lists',
    transaction: 'write',
    errors: ['invalid_input', 'unavailable'],
  }),
} as const;
