import { hash } from 'node:crypto';
import type { AuditAction } from '../../src-shared/contract/audit';
import { cached, type Sqlite } from './db';
import { firstIdOf, newId, workstationNumberOfId } from './workstation';

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
  return hash('sha256', canonical, 'hex');
}

/** The statements of one audit entry after its id (the bench's floors run them too). */
export const AUDIT_HASH_SQL = 'SELECT hash FROM audit WHERE id = ?';
export const INSERT_AUDIT_SQL = `INSERT INTO audit (id, at, staffId, staffName, action, entity, entityId, summary, details, prevHash, hash)
  VALUES (@id, @at, @staffId, @staffName, @action, @entity, @entityId, @summary, @details, @prevHash, @hash)`;

/**
 * Appends to the hash-chained audit log. Each workstation writes its own chain in its own id range, so chains stay
 * whole when other workstations' entries arrive: each row's hash covers its id and the hash of the entry before it
 * in the same range, and an edited, inserted or deleted row breaks the chain at that point (`verifyAuditChain`).
 * It writes inside whatever transaction is open, so an entry stands or falls with the change it describes.
 */
export function appendAudit(sqlite: Sqlite, at: Date, actor: Actor, entry: AuditEntry): void {
  const id = newId(sqlite, 'audit');
  const firstOfRange = id === firstIdOf(workstationNumberOfId(id));
  const previousHash = firstOfRange ? undefined : (cached(sqlite, AUDIT_HASH_SQL).pluck().get(id - 1) as string);
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
    prevHash: previousHash ?? GENESIS,
  };
  cached(sqlite, INSERT_AUDIT_SQL).run({ ...row, hash: hashOf(row) });
}

export interface ChainReport {
  ok: boolean;
  checked: number;
  firstBadId: number | null;
  message: string;
}

/**
 * Verifies each workstation's chain on its own: in id order, a range's entries follow one another from the range's
 * first id. Messages name the workstation and count entries within its chain (ids of later ranges are large).
 */
export function verifyAuditChain(sqlite: Sqlite): ChainReport {
  const workstations = sqlite.prepare('SELECT number, name FROM workstation').all() as { number: number; name: string }[];
  const names = new Map(workstations.map((w) => [w.number, w.name]));
  let range = -1;
  let firstId = 0;
  let prevHash = GENESIS;
  let expectedId = 0;
  let checked = 0;
  for (const row of sqlite.prepare('SELECT * FROM audit ORDER BY id').iterate() as IterableIterator<ChainFields & { hash: string }>) {
    if (workstationNumberOfId(row.id) !== range) {
      range = workstationNumberOfId(row.id);
      firstId = firstIdOf(range);
      prevHash = GENESIS;
      expectedId = firstId;
    }
    const log = `the log of “${names.get(range) ?? `workstation number ${range}`}”`;
    const broken = (message: string): ChainReport => ({ ok: false, checked, firstBadId: row.id, message });
    const position = row.id - firstId + 1;
    if (row.id !== expectedId) return broken(`Entry ${expectedId - firstId + 1} in ${log} is missing (the next is entry ${position}).`);
    if (row.prevHash !== prevHash) return broken(`Entry ${position} in ${log} does not follow the entry before it: an entry was removed or replaced.`);
    if (hashOf(row) !== row.hash) return broken(`Entry ${position} in ${log} was changed after it was written.`);
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
