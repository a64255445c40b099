import type { Sqlite } from '../../src-main/core/db';

/** The indexes SQLite's plans for the INSERT and DELETE statements of `sql` read, sorted. */
export function indexesRead(sqlite: Sqlite, sql: string): string[] {
  const statements = sql.split(';').filter((statement) => /^\s*(INSERT|DELETE)/.test(statement));
  const plans = statements.flatMap((statement) => sqlite.prepare(`EXPLAIN QUERY PLAN ${statement}`).all() as { detail: string }[]);
  return [...new Set(plans.flatMap((step) => step.detail.match(/INDEX (\w+)/)?.[1] ?? []))].sort();
}
