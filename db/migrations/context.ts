import type { Kysely } from 'kysely';

export interface MigrationContext {
  /** Kysely for data changes that read better as queries. */
  db: Kysely<unknown>;
  /** Raw multi-statement SQL, for DDL. */
  exec(sql: string): void;
}
