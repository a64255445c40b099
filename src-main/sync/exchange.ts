import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { ImportResult } from '../../src-shared/contract/sync';
import { LumenError } from '../../src-shared/errors';
import { type Actor, appendAudit } from '../core/audit';
import { cached, type Sqlite } from '../core/db';
import { parseHlc } from '../core/hlc';
import type { Runtime } from '../core/runtime';
import type { Identity } from '../core/workstation';
import { shapeOf, type TableShape } from './capture';
import { type ChangeFileBody, type ChangeTuple, openChangeFile, sealChangeFile, type WorkstationInFile } from './file';
import { type Conflict, type MergeContext, settleRow } from './merge';
import { syncPolicy } from './policy';
import { rowRules } from './rules';

/** A clock this far ahead of ours, by the files it writes, is worth telling a person about. */
const CLOCK_WARNING_MS = 5 * 60_000;
const PROGRESS_EVERY = 500;
export const CHANGE_FILE_EXTENSION = '.lumenchanges';

export function requireIdentity(runtime: Runtime): Identity {
  const identity = runtime.workstation?.identity;
  if (!identity) throw new LumenError('unavailable', 'Create the clinic first.');
  if (!identity.bound) throw new LumenError('unavailable', 'This clinic database was copied or restored. Give this computer its own workstation name first.');
  return identity;
}

/** For each workstation number, the highest change held here with none missing before it. */
function seenVector(sqlite: Sqlite): Record<string, number> {
  const seen: Record<string, number> = {};
  const origins = sqlite.prepare('SELECT origin, min(seq) AS first, max(seq) AS top, count(*) AS held FROM syncChange GROUP BY origin').all() as { origin: number; first: number; top: number; held: number }[];
  for (const { origin, first, top, held } of origins) {
    if (first !== 1) seen[origin] = 0;
    else if (held === top) seen[origin] = top;
    else {
      seen[origin] = sqlite
        .prepare('SELECT min(seq) FROM syncChange a WHERE origin = ? AND NOT EXISTS (SELECT 1 FROM syncChange b WHERE b.origin = a.origin AND b.seq = a.seq + 1)')
        .pluck()
        .get(origin) as number;
    }
  }
  return seen;
}

/** The changes held here that a workstation which has seen `seen` lacks (`onlyOrigin`: only one workstation's own). */
function changesBeyond(sqlite: Sqlite, seen: Record<string, number>, onlyOrigin?: number): ChangeTuple[] {
  const origins = onlyOrigin !== undefined ? [onlyOrigin] : (sqlite.prepare('SELECT DISTINCT origin FROM syncChange').pluck().all() as number[]);
  const select = cached(sqlite, 'SELECT origin, seq, hlc, tbl, pk, op, data, base FROM syncChange WHERE origin = ? AND seq > ? ORDER BY seq').raw(true);
  return origins.flatMap((origin) => select.all(origin, seen[origin] ?? 0) as ChangeTuple[]);
}

/** How many changes held here a workstation which has seen `seen` lacks. */
export function countBeyond(sqlite: Sqlite, seen: Record<string, number>): number {
  const origins = sqlite.prepare('SELECT DISTINCT origin FROM syncChange').pluck().all() as number[];
  const count = cached(sqlite, 'SELECT count(*) FROM syncChange WHERE origin = ? AND seq > ?').pluck();
  return origins.reduce((sum, origin) => sum + (count.get(origin, seen[origin] ?? 0) as number), 0);
}

/** What the given workstations have all seen, by their last files (nothing, for one never heard from). */
function seenByAll(sqlite: Sqlite, workstationIds: string[]): Record<string, number> {
  const vectors = workstationIds.map((id) => {
    const row = cached(sqlite, 'SELECT seen FROM syncPeer WHERE workstationId = ?').get(id) as { seen: string } | undefined;
    return row ? (JSON.parse(row.seen) as Record<string, number>) : {};
  });
  if (!vectors.length) return {};
  const common: Record<string, number> = {};
  for (const origin of Object.keys(vectors[0])) common[origin] = Math.min(...vectors.map((vector) => vector[origin] ?? 0));
  return common;
}

function fileBody(sqlite: Sqlite, changes: ChangeTuple[]): ChangeFileBody {
  return {
    seen: seenVector(sqlite),
    clocks: Object.fromEntries(sqlite.prepare('SELECT workstationId, clockAheadMs FROM syncPeer WHERE clockAheadMs <> 0').raw(true).all() as [string, number][]),
    workstations: sqlite.prepare('SELECT id, number, name, seriesPrefix, createdAt FROM workstation ORDER BY number').all() as WorkstationInFile[],
    changes,
  };
}

/** Seals `changes` into a file in `folder`; written under a temporary name and renamed, so no reader sees half a file. */
function writeChangeFile(runtime: Runtime, folder: string, fileName: string, changes: ChangeTuple[]): { file: string; bytes: number } {
  const identity = requireIdentity(runtime);
  const sealed = sealChangeFile(
    { clinicUid: identity.clinicUid, clinicName: runtime.clinicRow()?.name ?? '', clinicKey: identity.clinicKey, from: { id: identity.id, number: identity.number, name: identity.name } },
    fileBody(runtime.sqlite, changes),
    runtime.clock.now(),
  );
  try {
    mkdirSync(folder, { recursive: true });
    const file = join(folder, fileName);
    const partial = `${file}.${randomBytes(4).toString('hex')}.partial`;
    writeFileSync(partial, sealed);
    renameSync(partial, file);
    return { file, bytes: sealed.length };
  } catch (error) {
    throw new LumenError('invalid_input', `The change file could not be written to ${folder}: ${(error as Error).message}`, { fieldErrors: { folder: ['Cannot write here'] } });
  }
}

const fileStamp = (now: Date) => now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
const slug = (name: string) => name.replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '') || 'workstation';

/**
 * A change file in `folder` of what one workstation (`target`), or else any other workstation, has not yet seen by
 * its last file. Runs in the caller's write transaction (it notes when each recipient was last written for).
 */
export function exportChanges(runtime: Runtime, folder: string, target?: string): { file: string; bytes: number; changes: number; recipients: string[] } {
  const identity = requireIdentity(runtime);
  const sqlite = runtime.sqlite;
  const now = runtime.clock.now();
  const others = sqlite.prepare('SELECT id, name FROM workstation WHERE id <> ? ORDER BY name').all(identity.id) as { id: string; name: string }[];
  const recipients = target ? others.filter((w) => w.id === target) : others;
  if (target && !recipients.length) throw new LumenError('not_found', 'This workstation has not heard of that workstation.');
  const changes = changesBeyond(sqlite, seenByAll(sqlite, recipients.map((w) => w.id)));
  const forWhom = target ? `for-${slug(recipients[0].name)}-` : '';
  const written = writeChangeFile(runtime, folder, `${slug(identity.name)}-${forWhom}${fileStamp(now)}-${randomBytes(2).toString('hex')}${CHANGE_FILE_EXTENSION}`, changes);
  const noteExport = cached(sqlite, `INSERT INTO syncPeer (workstationId, lastExportedAt) VALUES (?, ?)
    ON CONFLICT (workstationId) DO UPDATE SET lastExportedAt = excluded.lastExportedAt`);
  for (const recipient of recipients) noteExport.run(recipient.id, now.toISOString());
  return { ...written, changes: changes.length, recipients: recipients.map((w) => w.name) };
}

/** `exportChanges` as a person does it, from the app or the command line: the export is audited. */
export function exportChangesAudited(runtime: Runtime, folder: string, target: string | undefined, actor: Actor): { file: string; bytes: number; changes: number } {
  const written = exportChanges(runtime, folder, target);
  appendAudit(runtime.sqlite, runtime.clock.now(), actor, {
    action: 'export',
    entity: 'sync',
    entityId: target ?? null,
    summary: `Wrote ${written.changes} changes for ${written.recipients.join(', ') || 'other workstations'} to ${basename(written.file)}`,
    details: { file: written.file, changes: written.changes, for: target ?? null },
  });
  return { file: written.file, changes: written.changes, bytes: written.bytes };
}

export interface ApplyOptions {
  /** Shown in the result and the log (the file name). */
  label: string;
  /** Runs in the import's transaction once the changes are in (the shared folder records the file as applied). */
  alsoInTransaction?: (sqlite: Sqlite) => void;
}

/**
 * Applies a change file in one transaction: a file that is refused, or fails anywhere, changes nothing. The changes
 * not held yet go into the log, then every row they touch is settled from its whole history (merge.ts), so files
 * applied in any order, twice, or late give the same database. Foreign keys are not checked while a file is
 * applied: a visit may arrive before its patient, whose file is still on its way. It writes no audit entry of its
 * own: the entries of the changes it brings arrive with them, and an entry per import would itself be a change to
 * send back, for ever.
 * Runs inside the registry's queue (a call or a queued job): it yields between batches so progress can be polled.
 */
export async function applyChangeFile(runtime: Runtime, bytes: Buffer, options: ApplyOptions): Promise<ImportResult> {
  const identity = requireIdentity(runtime);
  const { header, body } = openChangeFile(bytes, identity.clinicUid, identity.clinicKey);
  const sqlite = runtime.sqlite;
  const clock = runtime.workstation!;
  const now = runtime.clock.now();
  const progress = runtime.sync;
  Object.assign(progress, { running: true, phase: 'applying', done: 0, total: body.changes.length, lastError: null });
  await runtime.outsideTransaction();
  sqlite.pragma('foreign_keys = OFF');
  sqlite.exec('BEGIN IMMEDIATE');
  try {
    clock.setMode('off');
    // Guards of rows that never change (a signed chart, an issued invoice) let the file replay what happened elsewhere.
    sqlite.prepare('UPDATE syncApplying SET active = 1').run();
    learnWorkstations(sqlite, body.workstations);
    const names = new Map((sqlite.prepare('SELECT number, name FROM workstation').all() as { number: number; name: string }[]).map((w) => [w.number, w.name]));
    const shapes = new Map<string, TableShape>();
    const touched = new Map<string, Set<string>>();
    const insert = cached(sqlite, 'INSERT OR IGNORE INTO syncChange (origin, seq, hlc, tbl, pk, op, data, base) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    let applied = 0;
    let latest = '';
    for (const change of body.changes) {
      const table = change[3];
      if (!shapes.has(table)) shapes.set(table, syncedShape(sqlite, table));
      if (insert.run(...change).changes) {
        applied++;
        if (!touched.has(table)) touched.set(table, new Set());
        touched.get(table)!.add(change[4]);
      }
      if (change[2] > latest) latest = change[2];
    }
    const conflicts: Conflict[] = [];
    const merge: MergeContext = {
      sqlite,
      db: runtime.db,
      now,
      timeZone: runtime.clinicRow()?.timeZone ?? 'UTC',
      workstationName: (number) => names.get(number) ?? `workstation ${number}`,
      conflict: (table, rowKey, conflict) => {
        const added = cached(sqlite, 'INSERT OR IGNORE INTO syncConflict (key, kind, tbl, rowKey, summary, details, detectedAt) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
          conflict.key, conflict.kind, table, rowKey, conflict.summary, JSON.stringify(conflict.details), now.toISOString(),
        );
        if (added.changes) conflicts.push(conflict);
      },
    };
    let settled = 0;
    for (const [table, rows] of touched) {
      for (const rowKey of rows) {
        await settleRow(merge, shapes.get(table)!, rowRules[table] ?? {}, rowKey);
        if (++settled % PROGRESS_EVERY === 0) {
          progress.done = Math.round((settled / Math.max(1, applied)) * body.changes.length);
          await new Promise(setImmediate);
        }
      }
    }
    if (latest) clock.receive(parseHlc(latest));
    const clockAheadMs = Math.max(Date.parse(header.writtenAt), latest ? parseHlc(latest).ms : 0) - now.getTime();
    if (header.from.id !== identity.id) {
      cached(sqlite, `INSERT INTO syncPeer (workstationId, seen, lastFileAt, lastChanges, clockAheadMs, saysWeAreAheadMs) VALUES (?, ?, ?, ?, ?, ?)
        ON CONFLICT (workstationId) DO UPDATE SET seen = excluded.seen, lastFileAt = excluded.lastFileAt, lastChanges = excluded.lastChanges,
          clockAheadMs = excluded.clockAheadMs, saysWeAreAheadMs = excluded.saysWeAreAheadMs`)
        .run(header.from.id, JSON.stringify(body.seen), now.toISOString(), body.changes.length, clockAheadMs, body.clocks[identity.id] ?? 0);
    }
    options.alsoInTransaction?.(sqlite);
    sqlite.prepare('UPDATE syncApplying SET active = 0').run();
    clock.setMode('capture');
    sqlite.exec('COMMIT');
    runtime.invalidateCaches();
    runtime.logger.info(`Applied ${applied} of ${body.changes.length} changes from ${header.from.name} (${options.label})`);
    const warnings = clockAheadMs > CLOCK_WARNING_MS ? [clockWarning(header.from.name, clockAheadMs)] : [];
    return { file: options.label, from: header.from.name, changes: body.changes.length, applied, alreadyHad: body.changes.length - applied, conflicts: conflicts.length, warnings };
  } catch (error) {
    if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
    progress.lastError = error instanceof Error ? error.message : String(error);
    throw error;
  } finally {
    sqlite.pragma('foreign_keys = ON');
    Object.assign(progress, { running: false, phase: 'idle' });
  }
}

const span = (ms: number) => {
  const minutes = Math.round(ms / 60_000);
  return minutes >= 120 ? `${Math.round(minutes / 60)} hours` : `${minutes} minutes`;
};

export function clockWarning(name: string, aheadMs: number): string {
  return `${name}'s clock is ${span(aheadMs)} ahead of this computer's (or this one is behind). Set both to the right time: changes are ordered by the clocks that made them.`;
}

/**
 * What to tell a person about clocks: this computer's own clock running ahead of another's (which only the others'
 * files can say), else another's running ahead of this one; null when every clock agrees within a few minutes.
 */
export function clockWarningOf(sqlite: Sqlite): string | null {
  const peers = sqlite
    .prepare('SELECT w.name, p.clockAheadMs, p.saysWeAreAheadMs FROM syncPeer p JOIN workstation w ON w.id = p.workstationId')
    .all() as { name: string; clockAheadMs: number; saysWeAreAheadMs: number }[];
  const ours = peers.filter((p) => p.saysWeAreAheadMs > CLOCK_WARNING_MS).sort((a, b) => b.saysWeAreAheadMs - a.saysWeAreAheadMs)[0];
  if (ours) return `This computer's clock is ${span(ours.saysWeAreAheadMs)} ahead of ${ours.name}'s. Set it to the right time: its changes would win over later ones made elsewhere.`;
  const theirs = peers.filter((p) => p.clockAheadMs > CLOCK_WARNING_MS).sort((a, b) => b.clockAheadMs - a.clockAheadMs)[0];
  return theirs ? clockWarning(theirs.name, theirs.clockAheadMs) : null;
}

function syncedShape(sqlite: Sqlite, table: string): TableShape {
  if (syncPolicy[table]?.sync === 'fields' || syncPolicy[table]?.sync === 'facts') return shapeOf(sqlite, table);
  throw new LumenError('invalid_input', `This change file holds changes to "${table.slice(0, 40)}", which this version of Lumen does not sync. Update Lumen on this computer first.`, { reason: 'newerVersion' });
}

/** Workstations named in the file that this database has not met yet; two that share a number or a series are refused. */
function learnWorkstations(sqlite: Sqlite, workstations: WorkstationInFile[]): void {
  for (const workstation of workstations) {
    const holder = cached(sqlite, 'SELECT id, name FROM workstation WHERE number = ?').get(workstation.number) as { id: string; name: string } | undefined;
    if (holder && holder.id !== workstation.id) {
      throw new LumenError('conflict', `${workstation.name} and ${holder.name} were given the same workstation number (${workstation.number}). Give one of them a new identity before exchanging changes.`);
    }
    const series = cached(sqlite, 'SELECT id, name FROM workstation WHERE seriesPrefix = ?').get(workstation.seriesPrefix) as { id: string; name: string } | undefined;
    if (series && series.id !== workstation.id) {
      throw new LumenError('conflict', `${workstation.name} and ${series.name} both number with ${workstation.seriesPrefix}, so their numbers would repeat. Give one of them a new identity before exchanging changes.`);
    }
    if (!holder) {
      cached(sqlite, 'INSERT OR IGNORE INTO workstation (id, number, name, seriesPrefix, createdAt) VALUES (?, ?, ?, ?, ?)').run(
        workstation.id, workstation.number, workstation.name, workstation.seriesPrefix, workstation.createdAt,
      );
    }
  }
}

/** The shared folder's layout: one sub-folder per clinic, one per workstation inside it, each holding only its own changes. */
function sharedFolderOf(identity: Identity): string {
  return join(identity.sharedFolder, `lumen-${identity.clinicUid}`);
}

/**
 * Applies every other workstation's files in the shared folder not applied yet, then writes this workstation's own
 * changes not yet there (after, so the file it writes acknowledges what it just applied). Each workstation writes
 * only its own changes and everyone reads everyone's, so none is relayed. A refused file stays and is retried next
 * time (a folder synchroniser may still be copying it).
 */
export async function exchangeWithSharedFolder(runtime: Runtime): Promise<{ exported: number; imported: ImportResult[]; refused: string[] }> {
  const identity = requireIdentity(runtime);
  if (!identity.sharedFolder) throw new LumenError('unavailable', 'No shared folder is set for this workstation.');
  const clinicFolder = sharedFolderOf(identity);
  const sqlite = runtime.sqlite;
  await runtime.outsideTransaction();
  const imported: ImportResult[] = [];
  const refused: string[] = [];
  for (const folder of safeList(clinicFolder).filter((name) => name !== identity.id).sort()) {
    for (const name of safeList(join(clinicFolder, folder)).filter((file) => file.endsWith(CHANGE_FILE_EXTENSION)).sort()) {
      const fileKey = `${folder}/${name}`;
      if (cached(sqlite, 'SELECT 1 FROM syncFile WHERE name = ?').get(fileKey)) continue;
      const bytes = readFileSync(join(clinicFolder, folder, name));
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      try {
        imported.push(
          await applyChangeFile(runtime, bytes, {
            label: name,
            alsoInTransaction: (db) => db.prepare('INSERT INTO syncFile (name, sha256, importedAt) VALUES (?, ?, ?)').run(fileKey, sha256, runtime.clock.now().toISOString()),
          }),
        );
      } catch (error) {
        if (!(error instanceof LumenError)) throw error;
        refused.push(`${name}: ${error.message}`);
      }
    }
  }
  const sharedSeq = sqlite.prepare('SELECT sharedSeq FROM thisWorkstation').pluck().get() as number;
  const own = changesBeyond(sqlite, { [identity.number]: sharedSeq }, identity.number);
  if (own.length) {
    const top = own[own.length - 1][1];
    writeChangeFile(runtime, join(clinicFolder, identity.id), `${String(top).padStart(12, '0')}${CHANGE_FILE_EXTENSION}`, own);
    sqlite.transaction(() => {
      sqlite.prepare('UPDATE thisWorkstation SET sharedSeq = ?').run(top);
      sqlite.prepare(`INSERT INTO syncPeer (workstationId, lastExportedAt) SELECT id, ? FROM workstation WHERE id <> ?
        ON CONFLICT (workstationId) DO UPDATE SET lastExportedAt = excluded.lastExportedAt`).run(runtime.clock.now().toISOString(), identity.id);
    })();
  }
  return { exported: own.length, imported, refused };
}

function safeList(folder: string): string[] {
  try {
    return readdirSync(folder);
  } catch {
    return [];
  }
}
