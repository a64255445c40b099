import { z } from 'zod';
import { method } from './method';
import { Empty, Id, Instant, OneLineText } from './common';

export const auditActions = [
  'login',
  'login_failed',
  'logout',
  'denied',
  'view',
  'create',
  'update',
  'archive',
  'merge',
  'export',
  'import',
  'backup',
  'restore',
  'setup',
  'erase',
] as const;
export type AuditAction = (typeof auditActions)[number];

export const AuditRow = z.object({
  id: Id,
  at: Instant,
  staffId: Id.nullable(),
  staffName: z.string(),
  action: z.enum(auditActions),
  entity: z.string(),
  entityId: z.string().nullable(),
  summary: z.string(),
  details: z.unknown(),
});
export type AuditRow = z.infer<typeof AuditRow>;

export const AuditFilter = z.strictObject({
  from: Instant.optional(),
  to: Instant.optional(),
  staffId: Id.optional(),
  action: z.enum(auditActions).optional(),
  entity: OneLineText.max(40).optional(),
  entityId: OneLineText.max(40).optional(),
});

export const audit = {
  'audit.list': method({
    summary: 'Audit entries, newest first; pass beforeId of the last row for the next page.',
    input: AuditFilter.extend({
      beforeId: Id.optional(),
      limit: z.number().int().min(1).max(500).default(100),
    }),
    output: z.array(AuditRow),
    permission: 'audit.read',
    transaction: 'read',
    errors: ['invalid_input'],
  }),
  'audit.export': method({
    summary: 'The filtered audit log as CSV (the export itself is audited).',
    input: AuditFilter.extend({ format: z.enum(['csv', 'json']).default('csv') }),
    output: z.object({ filename: z.string(), mimeType: z.string(), content: z.string(), rows: z.number().int() }),
    permission: 'audit.export',
    transaction: 'write',
    errors: ['invalid_input'],
  }),
  'audit.verify': method({
    summary: 'Recompute the hash chain (finds any edited, inserted or deleted entry) and check every ledger balances.',
    input: Empty,
    output: z.object({ ok: z.boolean(), checked: z.number().int(), firstBadId: Id.nullable(), message: z.string(), ledgerProblems: z.array(z.string()) }),
    permission: 'audit.read',
    transaction: 'read',
    errors: [],
  }),
} as const;
