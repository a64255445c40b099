import { z } from 'zod';
import { method } from './method';
import { Empty, Instant } from './common';

export const BackupFile = z.object({
  file: z.string(),
  path: z.string(),
  sizeBytes: z.number().int(),
  createdAt: Instant,
  kind: z.enum(['daily', 'weekly', 'manual', 'safety']),
});
export type BackupFile = z.infer<typeof BackupFile>;

export const BackupStatus = z.object({
  running: z.boolean(),
  /** 0–100 while running. */
  percent: z.number().int(),
  lastBackupAt: Instant.nullable(),
  lastError: z.string().nullable(),
  folder: z.string(),
});
export type BackupStatus = z.infer<typeof BackupStatus>;

export const backup = {
  'backup.status': method({
    summary: 'Whether a backup is running, its progress, and the last result.',
    input: Empty,
    output: BackupStatus,
    permission: 'backup.run',
    transaction: 'read',
    errors: [],
  }),
  'backup.run': method({
    summary: '“Back up now”: starts an online backup to the backup folder; poll backup.status for progress.',
    input: Empty,
    output: BackupStatus,
    permission: 'backup.run',
    transaction: 'none',
    errors: ['conflict', 'unavailable'],
  }),
  'backup.list': method({
    summary: 'Backups in the backup folder, newest first.',
    input: Empty,
    output: z.array(BackupFile),
    permission: 'backup.run',
    transaction: 'read',
    errors: [],
  }),
  'backup.restore': method({
    summary: 'Replace the clinic database with a backup after checking its integrity; the current one is kept as a safety copy.',
    input: z.strictObject({ file: z.string().min(1).max(260).regex(/^[\w.-]+$/, 'A file name from backup.list') }),
    output: z.object({ restoredFrom: z.string(), safetyCopy: z.string() }),
    permission: 'backup.restore',
    transaction: 'none',
    errors: ['invalid_input', 'not_found', 'conflict'],
  }),
} as const;
