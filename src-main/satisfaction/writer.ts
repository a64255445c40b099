import { type AuditEntry, appendAudit } from '../core/audit';
import type { Sqlite } from '../core/db';
import type { HandlerContext } from '../core/registry';
import type { Runtime } from '../core/runtime';
import { newId } from '../core/workstation';

/**
 * What the score's consequences write with, the same from a call (the registry's transaction) and from the replies
 * and survey jobs (their own better-sqlite3 transactions, where Kysely's async calls cannot run): so they are raw SQL.
 */
export interface Writer {
  runtime: Runtime;
  sqlite: Sqlite;
  now: Date;
  staffId: number | null;
  timeZone: string;
  clinicName: string;
  newId(table: string): number;
  audit(entry: AuditEntry): void;
}

export function writerOf(ctx: HandlerContext): Writer {
  const clinic = ctx.clinic();
  return {
    runtime: ctx.runtime,
    sqlite: ctx.sqlite,
    now: ctx.now,
    staffId: ctx.session?.staffId ?? null,
    timeZone: clinic.timeZone,
    clinicName: clinic.name,
    newId: (table) => ctx.newId(table as never),
    audit: (entry) => ctx.audit(entry),
  };
}

/** A writer for a job: audited as `actor` (the system, or the patient replying). */
export function jobWriter(runtime: Runtime, now: Date, actor: string): Writer {
  const clinic = runtime.clinicRow()!;
  return {
    runtime,
    sqlite: runtime.sqlite,
    now,
    staffId: null,
    timeZone: clinic.timeZone,
    clinicName: clinic.name,
    newId: (table) => newId(runtime.sqlite, table),
    audit: (entry) => appendAudit(runtime.sqlite, now, { staffId: null, name: actor }, entry),
  };
}
