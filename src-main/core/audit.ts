import { createHash } from 'node:crypto';
import type { AuditAction } from '../../src-shared/contract/audit';
import type { Sqlite } from './db';
import { newId } from './workstation';

export interface Actor {
  staffId: number | null;
  name: string;
}

export interface AuditEntry {
  action: AuditAction;
  entity: string;
  entityId?: string | number | null;
  summary: string;
  details?: unknown;
}

const GENESIS = '0'.repeat(64);

interface ChainFields {
  id: number;
  at: string;
  staffId: number | null;
  staffName: string;
  action: string;
  entity: string;
  entityId: string | null;
  summary: string;
  details: string;
  prevHash: string;
}

function hashOf(row: ChainFields): string {
  const canonical = JSON.stringify([row.id, row.at, row.staffId, row.staffName, row.action, row.entity, row.entityId, row.summary, row.details, row.prevHash]);
  return createHash('sha256').update(canonical).digest('hex');
}

/**
 * Appends to the hash-chained audit log. Each row's hash covers its id and its predecessor's hash, so an
 * edited, inserted or deleted row breaks the chain at that point (`verifyAuditChain`).
 * It writes inside whatever transaction is open, so an entry stands or falls with the change it describes.
 */
export function appendAudit(sqlite: Sqlite, at: Date, actor: Actor, entry: AuditEntry): void {
  const id = newId(sqlite, 'audit');
  const last = sqlite.prepare('SELECT id, hash FROM audit WHERE id = ?').get(id - 1) as { id: number; hash: string } | undefined;
  const row: ChainFields = {
    id,
    at: at.toISOString(),
    staffId: actor.staffId,
    staffName: actor.name,
    action: entry.action,
    entity: entry.entity,
    entityId: entry.entityId == null ? null : String(entry.entityId),
    summary: entry.summary,
    details: JSON.stringify(entry.details ?? null),
    prevHash: last?.hash ?? GENESIS,
  };
  sqlite
    .prepare(
      `INSERT INTO audit (id, at, staffId, staffName, action, entity, entityId, summary, details, prevHash, hash)
       VALUES (@id, @at, @staffId, @staffName, @action, @entity, @entityId, @summary, @details, @prevHash, @hash)`,
    )
    .run({ ...row, hash: hashOf(row) });
}

export interface ChainReport {
  ok: boolean;
  checked: number;
  firstBadId: number | null;
  message: string;
}

export function verifyAuditChain(sqlite: Sqlite): ChainReport {
  let prevHash = GENESIS;
  let expectedId = 1;
  let checked = 0;
  for (const row of sqlite.prepare('SELECT * FROM audit ORDER BY id').iterate() as IterableIterator<ChainFields & { hash: string }>) {
    if (row.id !== expectedId) return { ok: false, checked, firstBadId: row.id, message: `Entry ${expectedId} is missing (the next entry is ${row.id}).` };
    if (row.prevHash !== prevHash) return { ok: false, checked, firstBadId: row.id, message: `Entry ${row.id} does not follow the entry before it: an entry was removed or replaced.` };
    if (hashOf(row) !== row.hash) return { ok: false, checked, firstBadId: row.id, message: `Entry ${row.id} was changed after it was written.` };
    prevHash = row.hash;
    expectedId++;
    checked++;
  }
  return { ok: true, checked, firstBadId: null, message: `All ${checked} entries are intact.` };
}

/** Before/after of only the fields that changed, for a readable audit trail. */
export function changedFields(before: Record<string, unknown>, after: Record<string, unknown>): Record<string, { from: unknown; to: unknown }> {
  const diff: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of Object.keys(after)) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) diff[key] = { from: before[key] ?? null, to: after[key] ?? null };
  }
  return diff;
}
