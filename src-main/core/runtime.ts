import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { permissions as allPermissions, roles, type Permission, type Role } from '../../src-shared/permissions';
import { type Clock, systemClock } from './clock';
import { cached, DATABASE_FILE, type Db, openDatabase, quickCheck, type Sqlite } from './db';
import { type IntegrityCheck, startIntegrityCheck } from './integrity';
import { type Logger, silentLogger } from './logger';
import type { JobRow } from '../../src-shared/contract/settings';
import type { SyncProgress } from '../../src-shared/contract/sync';
import type { ClinicTable } from './schema';
import { keyFileBox, type SecretBox } from './secrets';
import { readIdentity, WorkstationClock } from './workstation';

export const LUMEN_VERSION = '0.1.0';

export interface RuntimeOptions {
  dataDir: string;
  clock?: Clock;
  logger?: Logger;
  /** Run on every connection after it is opened and migrated (the sync domain installs its capture triggers). */
  prepareConnection?: (sqlite: Sqlite) => void;
  /** How messaging passwords are sealed; by default a key file in the data folder (Electron passes its safeStorage). */
  secretBox?: SecretBox;
  /**
   * Check a large file in a worker after open (default). A one-shot command (the CLI) turns it off: it would only
   * wait at close for a check it cannot act on; `audit-verify` and backups check the file themselves.
   */
  backgroundIntegrityCheck?: boolean;
}

/** The background scheduler as handlers see it (implemented by core/scheduler.ts). */
export interface JobsControl {
  list(): JobRow[];
  runNow(name: string): Promise<JobRow>;
  setEnabled(name: string, enabled: boolean): void;
}

export interface StaffState {
  role: Role;
  active: number;
  displayName: string;
}

export type HealthState = 'needsSetup' | 'needsWorkstation' | 'ready' | 'recovery';

/** Below this size `PRAGMA quick_check` takes well under a tenth of a second, so it runs before anything is served. */
const CHECK_AT_OPEN_BELOW_BYTES = 32 * 1024 * 1024;

/** SQLite's words for a damaged file, whether opening it or checking it. */
const isDamage = (error: unknown) => /not a database|malformed|corrupt/i.test(error instanceof Error ? error.message : String(error));

/** What a check found: its problems, or the damage that kept it from reading the file. Other failures throw. */
async function problemFound(check: IntegrityCheck): Promise<string | null> {
  try {
    return await check.result;
  } catch (error) {
    if (isDamage(error)) return (error as Error).message;
    throw error;
  }
}

/** What the registry reads around every call (the bench's floors run them too). */
export const DATA_VERSION_SQL = 'PRAGMA data_version';
export const CACHED_TABLE_WRITES_SQL = 'SELECT n FROM temp.cachedTableWrites';

/** The tables whose rows the runtime keeps between calls: the clinic row, who staff are, what each role may do. */
const CACHED_TABLES = ['clinic', 'staff', 'rolePermission'];

/**
 * Temp triggers count this connection's writes to the cached tables, so a call that wrote elsewhere (a sale) leaves
 * the caches as they are and the next call does not read them all again.
 */
function countCachedTableWrites(sqlite: Sqlite): void {
  sqlite.exec('CREATE TEMP TABLE IF NOT EXISTS cachedTableWrites (n INTEGER NOT NULL)');
  if (!sqlite.prepare('SELECT 1 FROM temp.cachedTableWrites').get()) sqlite.exec('INSERT INTO temp.cachedTableWrites (n) VALUES (0)');
  for (const table of CACHED_TABLES) {
    for (const event of ['INSERT', 'UPDATE', 'DELETE']) {
      sqlite.exec(`CREATE TEMP TRIGGER IF NOT EXISTS cached_${table}_${event.toLowerCase()} AFTER ${event} ON main."${table}" BEGIN UPDATE temp.cachedTableWrites SET n = n + 1; END`);
    }
  }
}

/**
 * Everything one open clinic shares across calls: the database connection (replaced on restore), the clock,
 * cached role permissions and the progress of long jobs that run outside a call.
 */
export class Runtime {
  readonly dataDir: string;
  readonly clock: Clock;
  readonly logger: Logger;
  private readonly prepareConnection: ((sqlite: Sqlite) => void) | undefined;
  private readonly backgroundIntegrityCheck: boolean;
  /** Which workstation this database is, its hybrid clock and its id range; null before the clinic exists. */
  workstation: WorkstationClock | null = null;
  private connection: { sqlite: Sqlite; db: Db } | null = null;
  recoveryMessage: string | null = null;
  demo = { running: false, done: 0, total: 0, error: null as string | null };
  backup = { running: false, percent: 0, lastError: null as string | null };
  sync: SyncProgress = { running: false, phase: 'idle', done: 0, total: 0, lastError: null };
  private permissionCache: Map<Role, Set<Permission>> | null = null;
  private clinicCache: ClinicTable | undefined;
  private readonly staffCache = new Map<number, StaffState | undefined>();
  private readonly memos = new Map<string, unknown>();
  private dataVersion = -1;
  private cachedTableWrites = 0;
  /**
   * Settles when the check started by `open` has finished (at once when it ran during open). Calls do not wait
   * for it; tests and the benchmark may.
   */
  integrityChecked: Promise<void> = Promise.resolve();
  private backgroundCheck: IntegrityCheck | null = null;
  jobs: JobsControl | null = null;
  readonly secretBox: SecretBox;

  constructor(options: RuntimeOptions) {
    this.dataDir = options.dataDir;
    this.clock = options.clock ?? systemClock;
    this.logger = options.logger ?? silentLogger;
    this.prepareConnection = options.prepareConnection;
    this.backgroundIntegrityCheck = options.backgroundIntegrityCheck ?? true;
    this.secretBox = options.secretBox ?? keyFileBox(options.dataDir);
  }

  get dbFile(): string {
    return join(this.dataDir, DATABASE_FILE);
  }

  get sqlite(): Sqlite {
    if (!this.connection) throw new Error('The clinic database is not open');
    return this.connection.sqlite;
  }

  get db(): Db {
    if (!this.connection) throw new Error('The clinic database is not open');
    return this.connection.db;
  }

  get isOpen(): boolean {
    return this.connection !== null;
  }

  /** Resolves once no call holds a transaction: long jobs (backup, reminders) write between calls, never inside one. */
  async outsideTransaction(): Promise<void> {
    while (this.isOpen && this.sqlite.inTransaction) await new Promise((resolve) => setTimeout(resolve, 5));
  }

  /**
   * Opens and migrates the database; a damaged file puts the clinic in recovery mode. Its integrity is checked
   * where the check cannot hold the desk up: before serving only after an unclean shutdown (SQLite deletes the
   * `-wal` file when the last connection closes, so finding one means Lumen stopped without closing, or another
   * process has the clinic open) or when the file is small; otherwise in a worker thread after open (unless
   * `backgroundIntegrityCheck` is off), and before every backup (`checkIntegrity`). A failed check switches the
   * clinic to recovery mode whenever it is found.
   */
  async open(): Promise<void> {
    mkdirSync(this.dataDir, { recursive: true });
    this.recoveryMessage = null;
    const uncleanShutdown = existsSync(`${this.dbFile}-wal`);
    const checkNow = uncleanShutdown || (statSync(this.dbFile, { throwIfNoEntry: false })?.size ?? 0) < CHECK_AT_OPEN_BELOW_BYTES;
    try {
      this.connection = await openDatabase(this.dbFile);
    } catch (error) {
      if (isDamage(error)) {
        this.recoveryMessage = `The clinic database cannot be opened (${(error as Error).message}). Restore the latest backup.`;
        this.logger.error('Database cannot be opened', error);
        return;
      }
      throw error;
    }
    this.prepareConnection?.(this.connection.sqlite);
    countCachedTableWrites(this.connection.sqlite);
    this.loadWorkstation();
    this.invalidateCaches();
    if (checkNow) this.failIntegrity(quickCheck(this.connection.sqlite));
    else if (this.backgroundIntegrityCheck) this.integrityChecked = this.checkInBackground();
  }

  /**
   * Checks the open database in a worker thread (before a backup), or waits for the check already running since
   * open rather than reading the whole file twice; a problem switches to recovery mode and throws.
   */
  async checkIntegrity(): Promise<void> {
    if (this.backgroundCheck) await this.integrityChecked;
    else this.failIntegrity(await problemFound(startIntegrityCheck(this.dbFile)));
    if (this.recoveryMessage) throw new Error(this.recoveryMessage);
  }

  private async checkInBackground(): Promise<void> {
    const check = startIntegrityCheck(this.dbFile);
    this.backgroundCheck = check;
    let problem: string | null = null;
    try {
      problem = await problemFound(check);
    } catch (error) {
      // Stopped (close, restore), or the worker could not run at all: not a reason to lock the clinic out.
      if (this.backgroundCheck === check) this.logger.warn('The background integrity check could not run', error);
    }
    // A result counts only for the database it was started for (not one closed or replaced meanwhile).
    if (this.backgroundCheck !== check) return;
    this.backgroundCheck = null;
    this.failIntegrity(problem);
  }

  private failIntegrity(problem: string | null): void {
    if (!problem) return;
    this.recoveryMessage = `The clinic database failed its integrity check (${problem}). Restore the latest backup.`;
    this.logger.error(this.recoveryMessage);
  }

  /** Ends a background check still running; resolves when its connection is closed, so the main one closes last. */
  async stopIntegrityCheck(): Promise<void> {
    const check = this.backgroundCheck;
    this.backgroundCheck = null;
    await check?.stop();
  }

  /** Closes the database once a background check's connection is closed, so no reader outlives it (and SQLite removes its -wal). */
  async close(): Promise<void> {
    await this.stopIntegrityCheck();
    this.connection?.sqlite.close();
    this.connection = null;
    this.workstation = null;
    this.invalidateCaches();
  }

  get state(): HealthState {
    if (this.recoveryMessage) return 'recovery';
    if (!this.clinicRow()) return 'needsSetup';
    return this.workstation?.identity?.bound === false ? 'needsWorkstation' : 'ready';
  }

  /** Reads which workstation this database is (after open, setup, or taking a new identity). */
  loadWorkstation(): void {
    this.workstation = new WorkstationClock(this.sqlite, readIdentity(this.sqlite, this.dbFile));
  }

  /** The clinic row, read once and kept until something may have changed it (see `invalidateCaches`). */
  clinicRow(): ClinicTable | undefined {
    if (!this.connection) return undefined;
    this.clinicCache ??= cached(this.connection.sqlite, 'SELECT * FROM clinic WHERE id = 1').get() as ClinicTable | undefined;
    return this.clinicCache;
  }

  /** Who a session belongs to (role, active), cached like the clinic row. */
  staffRow(id: number): StaffState | undefined {
    if (!this.staffCache.has(id)) {
      this.staffCache.set(id, cached(this.sqlite, 'SELECT role, active, displayName FROM staff WHERE id = ?').get(id) as StaffState | undefined);
    }
    return this.staffCache.get(id);
  }

  /**
   * Small reference data a domain reads on every call (the calendar's services, staff, rooms, hours), kept until the
   * next write or a change by another connection. Only for data a handler does not change within the same call.
   */
  memo<T>(key: string, load: () => T): T {
    if (!this.memos.has(key)) this.memos.set(key, load());
    return this.memos.get(key) as T;
  }

  /** After this process writes: the caches may hold what the write changed (or what a rollback undid). */
  invalidateCaches(): void {
    this.clinicCache = undefined;
    this.permissionCache = null;
    this.staffCache.clear();
    this.memos.clear();
  }

  /**
   * After this process's write call: the reference memos go, and the clinic, staff and permission caches too when the
   * call changed one of their tables, or was rolled back (what they read during it may have been undone).
   */
  afterWrite(committed: boolean): void {
    this.memos.clear();
    const writes = this.connection ? (cached(this.connection.sqlite, CACHED_TABLE_WRITES_SQL).pluck().get() as number) : -1;
    if (!committed || writes !== this.cachedTableWrites) {
      this.cachedTableWrites = writes;
      this.invalidateCaches();
    }
  }

  /**
   * Called at the start of every call and job: SQLite's data_version moves when another connection (the CLI,
   * a restore, another workstation's import) has committed, and then nothing cached can be trusted.
   */
  refreshCaches(): void {
    if (!this.connection) return;
    const version = cached(this.sqlite, DATA_VERSION_SQL).pluck().get() as number;
    if (version !== this.dataVersion) {
      this.dataVersion = version;
      this.invalidateCaches();
    }
  }

  permissionsOf(role: Role): Set<Permission> {
    if (!this.permissionCache) {
      const cache = new Map<Role, Set<Permission>>(roles.map((r) => [r, new Set<Permission>()]));
      const known = new Set<string>(allPermissions);
      for (const row of cached(this.sqlite, 'SELECT role, permission FROM rolePermission').all() as { role: Role; permission: string }[]) {
        if (known.has(row.permission)) cache.get(row.role)?.add(row.permission as Permission);
      }
      this.permissionCache = cache;
    }
    return this.permissionCache.get(role) ?? new Set();
  }

}
