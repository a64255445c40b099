import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { permissions as allPermissions, roles, type Permission, type Role } from '../../src-shared/permissions';
import { type Clock, systemClock } from './clock';
import { DATABASE_FILE, type Db, openDatabase, quickCheck, type Sqlite } from './db';
import { type Logger, silentLogger } from './logger';
import type { JobRow } from '../../src-shared/contract/settings';
import type { ClinicTable } from './schema';

export const LUMEN_VERSION = '0.1.0';

export interface RuntimeOptions {
  dataDir: string;
  clock?: Clock;
  logger?: Logger;
}

/** The background scheduler as handlers see it (implemented by core/scheduler.ts). */
export interface JobsControl {
  list(): JobRow[];
  runNow(name: string): Promise<JobRow>;
  setEnabled(name: string, enabled: boolean): void;
}

export type HealthState = 'needsSetup' | 'ready' | 'recovery';

/**
 * Everything one open clinic shares across calls: the database connection (replaced on restore), the clock,
 * cached role permissions and the progress of long jobs that run outside a call.
 */
export class Runtime {
  readonly dataDir: string;
  readonly clock: Clock;
  readonly logger: Logger;
  private connection: { sqlite: Sqlite; db: Db } | null = null;
  recoveryMessage: string | null = null;
  demo = { running: false, done: 0, total: 0, error: null as string | null };
  backup = { running: false, percent: 0, lastError: null as string | null };
  private permissionCache: Map<Role, Set<Permission>> | null = null;
  jobs: JobsControl | null = null;

  constructor(options: RuntimeOptions) {
    this.dataDir = options.dataDir;
    this.clock = options.clock ?? systemClock;
    this.logger = options.logger ?? silentLogger;
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

  /** Opens and migrates the database, then runs `PRAGMA quick_check`; a failure puts the clinic in recovery mode. */
  async open(): Promise<void> {
    mkdirSync(this.dataDir, { recursive: true });
    this.recoveryMessage = null;
    try {
      this.connection = await openDatabase(this.dbFile);
    } catch (error) {
      const message = (error as Error).message;
      if (/not a database|malformed|corrupt/i.test(message)) {
        this.recoveryMessage = `The clinic database cannot be opened (${message}). Restore the latest backup.`;
        this.logger.error('Database cannot be opened', error);
        return;
      }
      throw error;
    }
    const problem = quickCheck(this.connection.sqlite);
    if (problem) {
      this.recoveryMessage = `The clinic database failed its integrity check (${problem}). Restore the latest backup.`;
      this.logger.error(this.recoveryMessage);
    }
    this.permissionCache = null;
  }

  close(): void {
    this.connection?.sqlite.close();
    this.connection = null;
  }

  get state(): HealthState {
    if (this.recoveryMessage) return 'recovery';
    return this.clinicRow() ? 'ready' : 'needsSetup';
  }

  clinicRow(): ClinicTable | undefined {
    if (!this.connection) return undefined;
    return this.connection.sqlite.prepare('SELECT * FROM clinic WHERE id = 1').get() as ClinicTable | undefined;
  }

  permissionsOf(role: Role): Set<Permission> {
    if (!this.permissionCache) {
      const cache = new Map<Role, Set<Permission>>(roles.map((r) => [r, new Set<Permission>()]));
      const known = new Set<string>(allPermissions);
      for (const row of this.sqlite.prepare('SELECT role, permission FROM rolePermission').all() as { role: Role; permission: string }[]) {
        if (known.has(row.permission)) cache.get(row.role)?.add(row.permission as Permission);
      }
      this.permissionCache = cache;
    }
    return this.permissionCache.get(role) ?? new Set();
  }

  invalidatePermissions(): void {
    this.permissionCache = null;
  }
}
