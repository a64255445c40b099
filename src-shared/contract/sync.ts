import { z } from 'zod';
import { method } from './method';
import { Empty, Id, Instant, Name, Ok, OneLineText, Password, Username } from './common';

/** A workstation's patient (and later invoice) numbers start with this: one to three capital letters. */
export const SeriesPrefix = z.string().trim().regex(/^[A-Z]{1,3}$/, 'One to three capital letters, e.g. R');
/** A folder or file on this computer (or a network share it can reach). */
export const LocalPath = OneLineText.min(1).max(1000);
export const WorkstationId = z.string().uuid();

export const WorkstationRow = z.object({
  id: WorkstationId,
  number: z.number().int(),
  name: z.string(),
  seriesPrefix: z.string(),
  createdAt: Instant,
  /** When its last change file was applied here (null: never). */
  lastFileAt: Instant.nullable(),
  /** When a file meant for it was last written here. */
  lastExportedAt: Instant.nullable(),
  /** Changes this workstation holds that it has not acknowledged having (by its last file). */
  changesItLacks: z.number().int(),
  /** How far its clock was ahead of this computer's by its last file (negative: behind); 0 when unknown. */
  clockAheadMs: z.number().int(),
});
export type WorkstationRow = z.infer<typeof WorkstationRow>;

export const WorkstationsStatus = z.object({
  self: z.object({ id: WorkstationId, number: z.number().int(), name: z.string(), seriesPrefix: z.string() }),
  others: z.array(WorkstationRow),
  clinicUid: z.string(),
  sharedFolder: z.string(),
  changesMade: z.number().int(),
  openConflicts: z.number().int(),
  /** Set when another workstation's clock and this one's disagree by more than a few minutes. */
  clockWarning: z.string().nullable(),
});
export type WorkstationsStatus = z.infer<typeof WorkstationsStatus>;

export const SyncProgress = z.object({
  running: z.boolean(),
  phase: z.enum(['idle', 'reading', 'applying', 'writing']),
  done: z.number().int(),
  total: z.number().int(),
  lastError: z.string().nullable(),
});
export type SyncProgress = z.infer<typeof SyncProgress>;

export const ImportResult = z.object({
  file: z.string(),
  from: z.string(),
  changes: z.number().int(),
  applied: z.number().int(),
  alreadyHad: z.number().int(),
  conflicts: z.number().int(),
  warnings: z.array(z.string()),
});
export type ImportResult = z.infer<typeof ImportResult>;

export const ExportResult = z.object({ file: z.string(), changes: z.number().int(), bytes: z.number().int() });
export type ExportResult = z.infer<typeof ExportResult>;

export const conflictKinds = ['clinicalEdit', 'mergedPatientEdited', 'doubleBooking', 'sealedEdit', 'duplicateName'] as const;

export const ConflictRow = z.object({
  id: Id,
  kind: z.enum(conflictKinds),
  table: z.string(),
  rowKey: z.string(),
  summary: z.string(),
  /** What was kept and what was set aside, field by field; clinical values only for those who may read them. */
  details: z.unknown(),
  detectedAt: Instant,
  reviewedAt: Instant.nullable(),
});
export type ConflictRow = z.infer<typeof ConflictRow>;

export const ClaimInput = z.strictObject({
  name: Name,
  seriesPrefix: SeriesPrefix,
  username: Username,
  password: Password,
});

export const sync = {
  'workstations.status': method({
    summary: 'This workstation, the others it has heard of (last file, clock), changes made here and conflicts to review.',
    input: Empty,
    output: WorkstationsStatus,
    permission: 'sync.exchange',
    transaction: 'read',
    errors: [],
  }),
  'workstations.claim': method({
    summary: 'A copied or restored database becomes a new workstation (name, number series); an owner or manager confirms with their password.',
    input: ClaimInput,
    output: Ok,
    permission: null,
    transaction: 'write',
    errors: ['invalid_input', 'conflict', 'unauthenticated', 'forbidden'],
  }),
  'workstations.rename': method({
    summary: "Rename this workstation (its number series stays).",
    input: z.strictObject({ name: Name }),
    output: Ok,
    permission: 'sync.manage',
    transaction: 'write',
    errors: ['invalid_input'],
  }),
  'sync.setSharedFolder': method({
    summary: "The folder every workstation can reach where the scheduler exchanges change files ('' turns it off).",
    input: z.strictObject({ folder: z.union([LocalPath, z.literal('')]) }),
    output: Ok,
    permission: 'sync.manage',
    transaction: 'write',
    errors: ['invalid_input'],
  }),
  'sync.export': method({
    summary: 'Write the changes a workstation (or, without one, any workstation) has not yet seen into one change file in a folder.',
    input: z.strictObject({ folder: LocalPath, for: WorkstationId.optional() }),
    output: ExportResult,
    permission: 'sync.exchange',
    transaction: 'write',
    errors: ['invalid_input', 'not_found'],
  }),
  'sync.import': method({
    summary: 'Apply a change file from another workstation; a foreign, edited or incomplete file is refused whole.',
    input: z.strictObject({ file: LocalPath }),
    output: ImportResult,
    permission: 'sync.exchange',
    transaction: 'none',
    errors: ['invalid_input', 'not_found', 'conflict'],
  }),
  'sync.now': method({
    summary: 'Exchange change files with the shared folder now (the scheduler does it every minute).',
    input: Empty,
    /** `refused`: files of the shared folder not applied, each with why (retried at the next exchange). */
    output: z.object({ exported: z.number().int(), imported: z.array(ImportResult), refused: z.array(z.string()) }),
    permission: 'sync.exchange',
    transaction: 'none',
    errors: ['unavailable', 'conflict'],
  }),
  'sync.progress': method({
    summary: 'Progress of an import or export in progress.',
    input: Empty,
    output: SyncProgress,
    permission: 'sync.exchange',
    transaction: 'none',
    errors: [],
    queued: false,
  }),
  'sync.conflicts': method({
    summary: 'What merges decided by rule for a person to review, newest first.',
    input: z.strictObject({ includeReviewed: z.boolean().default(false) }),
    output: z.array(ConflictRow),
    permission: 'sync.manage',
    transaction: 'read',
    errors: [],
  }),
  'sync.reviewConflict': method({
    summary: 'Mark a conflict as reviewed.',
    input: z.strictObject({ id: Id }),
    output: Ok,
    permission: 'sync.manage',
    transaction: 'write',
    errors: ['not_found'],
  }),
} as const;
