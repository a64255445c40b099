import { cached, type Sqlite } from './db';
import type { Runtime } from './runtime';

/** The series of the first workstation, and of every clinic from before workstations. */
export const FIRST_SERIES = 'P';

/**
 * The numbered documents: what comes before the workstation's series prefix, and how many digits follow it. The
 * width is fixed within a series, so the latest number is also the greatest in text order, read from the end of the
 * number's unique index (a clinic's ten years of invoices cost one index step, not a scan). Seven digits give a
 * workstation ten million invoices.
 */
export const SERIES = {
  patient: { table: 'patient', before: '', digits: 6 },
  invoice: { table: 'invoice', before: 'INV-', digits: 7 },
  creditNote: { table: 'creditNote', before: 'CN-', digits: 7 },
} as const;
export type SeriesKind = keyof typeof SERIES;

/**
 * Invoices imported from another system keep their old number behind this prefix (IMP-10234): outside every
 * workstation's gapless series, and how closing tells an imported sale, which belongs to no till.
 */
export const IMPORTED_INVOICE_PREFIX = 'IMP-';
/** The condition "invoice `alias` was imported": a range of the number's unique index. */
export const importedInvoiceSql = (alias: string): string => `${alias}.number >= '${IMPORTED_INVOICE_PREFIX}' AND ${alias}.number < 'IMP.'`;

/** The prefix of the numbers this workstation gives (patients P000001, invoices INV-P0000001…). */
export function seriesPrefixOf(runtime: Runtime): string {
  return runtime.workstation?.identity?.seriesPrefix ?? FIRST_SERIES;
}

export function formatInSeries(kind: SeriesKind, seriesPrefix: string, n: number): string {
  const { before, digits } = SERIES[kind];
  return `${before}${seriesPrefix}${String(n).padStart(digits, '0')}`;
}

/**
 * The next number of a series, gapless within it: taken in the transaction that uses it, and each workstation
 * numbers from its own series, so two working offline never give the same number. Only the prefix followed by
 * digits counts ('P' is not 'PB': digits sort before letters, so the range [P0, P:) holds only P's numbers).
 */
/**
 * The greatest number of a series so far (its text order is its number order: the width is fixed), as the SQL and
 * parameters the bench's checkout floor runs too.
 */
export function latestInSeries(kind: SeriesKind, seriesPrefix: string): { sql: string; params: string[] } {
  const prefix = `${SERIES[kind].before}${seriesPrefix}`;
  return { sql: `SELECT number FROM "${SERIES[kind].table}" WHERE number >= ? AND number < ? ORDER BY number DESC LIMIT 1`, params: [`${prefix}0`, `${prefix}:`] };
}

export function nextInSeries(sqlite: Sqlite, kind: SeriesKind, seriesPrefix: string): string {
  const latest = latestInSeries(kind, seriesPrefix);
  const number = cached(sqlite, latest.sql).pluck().get(...latest.params) as string | undefined;
  const next = (number === undefined ? 0 : Number(number.slice(SERIES[kind].before.length + seriesPrefix.length))) + 1;
  if (next >= 10 ** SERIES[kind].digits) throw new Error(`The ${kind} numbers of series ${seriesPrefix} are used up (${SERIES[kind].digits} digits)`);
  return formatInSeries(kind, seriesPrefix, next);
}
