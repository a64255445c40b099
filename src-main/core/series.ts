import { sql } from 'kysely';
import type { Db } from './db';
import type { Runtime } from './runtime';

/** The series of the first workstation, and of every clinic from before workstations. */
export const FIRST_SERIES = 'P';

/** The prefix of the numbers this workstation gives (patients P000001, invoices INV-P000001…). */
export function seriesPrefixOf(runtime: Runtime): string {
  return runtime.workstation?.identity?.seriesPrefix ?? FIRST_SERIES;
}

export function formatInSeries(prefix: string, n: number): string {
  return `${prefix}${String(n).padStart(6, '0')}`;
}

/**
 * The next number of a series (its prefix and at least six digits), gapless within it: taken in the transaction that
 * uses it, and each workstation numbers from its own series, so two working offline never give the same number. Only
 * the prefix followed by digits counts ('P' is not 'PB').
 */
export async function nextInSeries(db: Db, table: 'patient' | 'invoice' | 'creditNote', prefix: string): Promise<string> {
  const { rows } = await sql<{ last: number | null }>`SELECT max(CAST(substr(number, ${prefix.length + 1}) AS INTEGER)) AS last FROM ${sql.table(table)} WHERE number GLOB ${`${prefix}[0-9]*`}`.execute(db);
  return formatInSeries(prefix, (rows[0]?.last ?? 0) + 1);
}
