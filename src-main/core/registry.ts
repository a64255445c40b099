import { z } from 'zod';
import { contract, isMethodName, type MethodDef, type MethodName, type OutputOf, type ParsedInputOf } from '../../src-shared/contract/index';
import { type FieldErrors, LumenError } from '../../src-shared/errors';
import type { Permission } from '../../src-shared/permissions';
import { type Actor, type AuditEntry, appendAudit } from './audit';
import { cached, type Db, type Sqlite } from './db';
import type { Runtime } from './runtime';
import type { ClinicTable, Database } from './schema';
import { newId } from './workstation';
import type { Connection, Session } from './session';

export interface HandlerContext {
  runtime: Runtime;
  db: Db;
  sqlite: Sqlite;
  /** The instant this call started; one value per call so every row it writes agrees. */
  now: Date;
  conn: Connection;
  session: Session | null;
  actor: Actor;
  audit(entry: AuditEntry): void;
  /** Audits a refusal the handler is about to throw: written even though the call's changes roll back. */
  auditRefusal(entry: AuditEntry): void;
  /** The signed-in session; throws `unauthenticated` when there is none. */
  requireSession(): Session;
  can(permission: Permission): boolean;
  clinic(): ClinicTable;
  /** The id for a new row of `table`, from this workstation's range (every insert into a table with an `id` takes one). */
  newId(table: keyof Database & string): number;
}

export type Handler<N extends MethodName> = (input: ParsedInputOf<N>, ctx: HandlerContext) => Promise<OutputOf<N>> | OutputOf<N>;
export type HandlerMap<N extends MethodName = MethodName> = { [K in N]: Handler<K> };

/** A refusal to audit after the call's changes are rolled back. */
interface Refusal {
  actor: Actor;
  entry: AuditEntry;
}

/** Thrown by a handler whose failure must still keep what it wrote (a failed sign-in's audit row and counter). */
export class FailAfterCommit extends Error {
  constructor(readonly error: LumenError) {
    super(error.message);
  }
}

const SETUP_METHODS = new Set<MethodName>(['app.status', 'setup.createClinic', 'setup.createDemo', 'auth.session', 'auth.users']);
const RECOVERY_METHODS = new Set<MethodName>(['app.status', 'auth.signIn', 'auth.signOut', 'auth.session', 'auth.users', 'backup.list', 'backup.status', 'backup.restore']);
const NEW_WORKSTATION_METHODS = new Set<MethodName>(['app.status', 'auth.session', 'auth.users', 'workstations.claim']);
const ALWAYS_UNLOCKED = new Set<MethodName>(['app.status', 'auth.session', 'auth.signIn', 'auth.signOut', 'auth.unlock', 'auth.users', 'auth.lock']);
/** What a connection handed to a patient on the check-out tablet may do: show and score its visit, and be unlocked. */
const ON_THE_TABLET = new Set<MethodName>([...ALWAYS_UNLOCKED, 'satisfaction.visit', 'satisfaction.record']);

export interface RegistryOptions {
  /** Validate every result against the contract's output schema (tests turn this on). */
  checkOutputs?: boolean;
}

/** How long the desk is quiet before the write-ahead log is checkpointed. */
const IDLE_CHECKPOINT_MS = 2_000;

/**
 * The one door into the domain: find the method, check the session and permission, validate the input,
 * run the handler in a transaction, map errors. Every transport goes through `call`.
 */
export class Registry {
  /** Settles when the last queued call or job has; never rejects, so one failure does not stop the queue. */
  private queue: Promise<unknown> = Promise.resolve();
  private checkpointTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    readonly runtime: Runtime,
    private readonly handlers: HandlerMap,
    private readonly options: RegistryOptions = {},
  ) {}

  /** Calls run one at a time, in the order made: SQLite has one writer, and a handler may await inside its transaction. */
  exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  call<N extends MethodName>(name: N, rawInput: unknown, conn: Connection): Promise<OutputOf<N>>;
  call(name: string, rawInput: unknown, conn: Connection): Promise<unknown>;
  call(name: string, rawInput: unknown, conn: Connection): Promise<unknown> {
    if (typeof name === 'string' && isMethodName(name) && contract[name].queued === false) return this.run(name, rawInput, conn);
    return this.exclusive(() => this.run(name, rawInput, conn));
  }

  /** One call in its own transaction: committed when the handler returns, rolled back when it throws. */
  private async run(name: string, rawInput: unknown, conn: Connection): Promise<unknown> {
    if (typeof name !== 'string' || !isMethodName(name)) throw new LumenError('not_found', `There is no method called ${String(name).slice(0, 60)}`);
    const def: MethodDef = contract[name];
    const runtime = this.runtime;
    const now = runtime.clock.now();
    if (runtime.demo.running && name !== 'app.status') throw new LumenError('unavailable', 'The demo clinic is still being prepared.');
    if (!runtime.isOpen && name !== 'app.status') throw new LumenError('unavailable', runtime.recoveryMessage ?? 'The clinic database is not open.');

    // The transaction opens first, so the checks below and the handler see one snapshot of the database.
    const sqlite = runtime.isOpen ? runtime.sqlite : null;
    const inTransaction = sqlite !== null && def.transaction !== 'none';
    const writes = def.transaction === 'write';
    const refusals: Refusal[] = [];
    let result: unknown;
    let committed = false;
    try {
      if (inTransaction) cached(sqlite, writes ? 'BEGIN IMMEDIATE' : 'BEGIN').run();
      if (writes) runtime.workstation?.stamp(now);
      result = await this.checkedCall(name, def, rawInput, conn, now, refusals);
      if (inTransaction) cached(sqlite, 'COMMIT').run();
      committed = true;
      if (writes) this.checkpointWhenIdle();
    } catch (error) {
      if (error instanceof FailAfterCommit) {
        if (inTransaction) cached(sqlite, 'COMMIT').run();
        committed = true;
        throw error.error;
      }
      if (sqlite?.inTransaction) cached(sqlite, 'ROLLBACK').run();
      // Refusals are audited even though everything else the call did is undone.
      if (sqlite) for (const { actor, entry } of refusals) appendAudit(sqlite, now, actor, entry);
      throw error;
    } finally {
      if (writes) runtime.afterWrite(committed);
    }
    if (this.options.checkOutputs) {
      const checked = def.output.safeParse(result);
      if (!checked.success) throw new Error(`${name} returned a result that breaks its contract: ${z.prettifyError(checked.error)}`);
    }
    return result;
  }

  /**
   * Copies the write-ahead log into the database once the desk has been quiet for a moment, in the queue like a call:
   * that copy (and its fsync) would otherwise land in whichever sale crossed SQLite's threshold. The database's own
   * threshold stays as the safety net for a desk that is never quiet (core/db.ts).
   */
  private checkpointWhenIdle(): void {
    // Pushed back rather than replaced: a new timer per sale was a measurable part of the checkout's ratio (issue 15).
    if (this.checkpointTimer) {
      this.checkpointTimer.refresh();
      return;
    }
    this.checkpointTimer = setTimeout(() => {
      this.checkpointTimer = null;
      void this.exclusive(async () => {
        if (this.runtime.isOpen) this.runtime.sqlite.pragma('wal_checkpoint(PASSIVE)');
      });
    }, IDLE_CHECKPOINT_MS);
    this.checkpointTimer.unref();
  }

  /** Clinic state, session, idle lock, permission and input, then the handler. */
  private checkedCall(name: MethodName, def: MethodDef, rawInput: unknown, conn: Connection, now: Date, refusals: Refusal[]): unknown {
    const runtime = this.runtime;
    runtime.refreshCaches();
    const state = runtime.isOpen ? runtime.state : 'recovery';
    if (state === 'needsSetup' && !SETUP_METHODS.has(name)) throw new LumenError('unavailable', 'Create the clinic first.');
    if (state === 'needsWorkstation' && !NEW_WORKSTATION_METHODS.has(name)) {
      throw new LumenError('unavailable', 'This clinic database was copied or restored. Give this computer its own workstation name first.');
    }
    if (state === 'recovery' && !RECOVERY_METHODS.has(name)) throw new LumenError('unavailable', runtime.recoveryMessage ?? 'The clinic is in recovery mode.');

    const session = runtime.isOpen ? this.refreshSession(conn, now) : null;
    if (session?.locked && !ALWAYS_UNLOCKED.has(name)) throw new LumenError('locked', 'This desk is locked. Enter your password to continue.');
    if (session?.tabletVisitId && !ON_THE_TABLET.has(name)) throw new LumenError('locked', 'This screen is with a patient. A staff member unlocks it with their password.');
    if (def.permission !== null) {
      if (!session) throw new LumenError('unauthenticated', 'Please sign in.');
      if (!runtime.permissionsOf(session.role).has(def.permission)) {
        refusals.push({
          actor: actorOf(session),
          entry: {
            action: 'denied',
            entity: 'method',
            entityId: name,
            summary: `${session.displayName} was refused ${name} (needs ${def.permission})`,
            details: { method: name, permission: def.permission, transport: conn.transport },
          },
        });
        throw new LumenError('forbidden', 'You do not have permission for this.', { permission: def.permission });
      }
    }
    if (session && !ALWAYS_UNLOCKED.has(name)) session.lastActivityMs = now.getTime();

    const parsed = def.input.safeParse(rawInput === undefined ? {} : rawInput);
    if (!parsed.success) throw new LumenError('invalid_input', 'Check the highlighted fields.', fieldErrorsOf(parsed.error));
    return (this.handlers[name] as Handler<MethodName>)(parsed.data as never, handlerContext(runtime, conn, now, refusals));
  }

  /** Re-reads the signed-in staff member (role changes and deactivation apply at once) and applies the idle lock. */
  private refreshSession(conn: Connection, now: Date): Session | null {
    const session = conn.session;
    if (!session) return null;
    const row = this.runtime.staffRow(session.staffId);
    if (!row || !row.active) {
      conn.session = null;
      return null;
    }
    session.role = row.role;
    session.displayName = row.displayName;
    if (now.getTime() - session.lastActivityMs > (this.runtime.clinicRow()?.idleLockMinutes ?? 10) * 60_000) session.locked = true;
    return session;
  }
}

/**
 * What a handler may touch during one call. The session, actor and connection are read when asked: signing in or
 * out changes them mid-call, and a restore replaces the database connection.
 */
function handlerContext(runtime: Runtime, conn: Connection, now: Date, refusals: Refusal[]): HandlerContext {
  let clinicRow: ClinicTable | undefined;
  const actor = (): Actor => (conn.session ? actorOf(conn.session) : { staffId: null, name: conn.transport === 'cli' ? 'command line' : 'system' });
  return {
    runtime,
    conn,
    now,
    get db() {
      return runtime.db;
    },
    get sqlite() {
      return runtime.sqlite;
    },
    get session() {
      return conn.session;
    },
    get actor() {
      return actor();
    },
    audit: (entry) => appendAudit(runtime.sqlite, now, actor(), entry),
    auditRefusal: (entry) => {
      refusals.push({ actor: actor(), entry });
    },
    requireSession: () => {
      if (!conn.session) throw new LumenError('unauthenticated', 'Please sign in.');
      return conn.session;
    },
    can: (permission) => (conn.session ? runtime.permissionsOf(conn.session.role).has(permission) : false),
    newId: (table) => newId(runtime.sqlite, table),
    clinic: () => {
      clinicRow ??= runtime.clinicRow();
      if (!clinicRow) throw new LumenError('unavailable', 'Create the clinic first.');
      return clinicRow;
    },
  };
}

/** Zod issues as `{ formErrors, fieldErrors }` keyed by the full dotted path ("patch.email"), so forms can show each beside its field. */
function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const result: FieldErrors = { formErrors: [], fieldErrors: {} };
  for (const issue of error.issues) {
    const path = issue.path.map(String).join('.');
    if (!path) result.formErrors.push(issue.message);
    else (result.fieldErrors[path] ??= []).push(issue.message);
  }
  return result;
}

export function actorOf(session: Session): Actor {
  return { staffId: session.staffId, name: session.displayName };
}

/** Turns a result or failure into the one envelope every transport sends; unexpected errors never leak a stack. */
export async function settle<T>(fn: () => Promise<T>, onUnexpected?: (error: unknown) => void): Promise<{ ok: true; value: T } | { ok: false; error: ReturnType<LumenError['toJSON']> }> {
  try {
    return { ok: true, value: await fn() };
  } catch (error) {
    if (error instanceof LumenError) return { ok: false, error: error.toJSON() };
    onUnexpected?.(error);
    return { ok: false, error: { code: 'internal', message: 'Something went wrong. The details are in the log.' } };
  }
}
