import { sql } from 'kysely';
import { nameTokens, fold } from '../../src-shared/text';
import { reversedDigits } from '../../src-shared/phone';
import { type Db, flag } from '../core/db';
import type { HandlerContext } from '../core/registry';

/** Columns computed from what a person typed, kept in one place so every writer (forms, merge, demo) agrees. */
export function sortNameOf(firstName: string, lastName: string): string {
  return `${fold(lastName)}\u0001${fold(firstName)}`;
}

export function searchTokensOf(p: { firstName: string; lastName: string; preferredName?: string | null }): string[] {
  return nameTokens(p.firstName, p.lastName, p.preferredName);
}

export function phoneReversedOf(phone: string | null | undefined): string | null {
  return phone ? reversedDigits(phone) : null;
}

/** The series of the first workstation, and of every clinic from before workstations. */
const FIRST_SERIES = 'P';

/** A patient number: its workstation's series prefix and six digits (P000001, R000012). */
export function formatPatientNumber(n: number, seriesPrefix = FIRST_SERIES): string {
  return `${seriesPrefix}${String(n).padStart(6, '0')}`;
}

/** The prefix of the patient numbers this workstation gives. */
export function seriesPrefixOf(ctx: HandlerContext): string {
  return ctx.runtime.workstation?.identity?.seriesPrefix ?? FIRST_SERIES;
}

/**
 * The next number of this workstation's series, gapless within it: each workstation numbers from its own series, so
 * two working offline never give the same number. Only the prefix followed by digits counts ('P' is not 'PB').
 */
export async function nextPatientNumber(ctx: HandlerContext): Promise<string> {
  const prefix = seriesPrefixOf(ctx);
  const { last } = await ctx.db
    .selectFrom('patient')
    .select(sql<number | null>`max(CAST(substr(number, ${prefix.length + 1}) AS INTEGER))`.as('last'))
    .where(sql<boolean>`number GLOB ${`${prefix}[0-9]*`}`)
    .executeTakeFirstOrThrow();
  return formatPatientNumber((last ?? 0) + 1, prefix);
}

export async function writeSearchTokens(db: Db, patientId: number, tokens: string[], archived: boolean): Promise<void> {
  await db.deleteFrom('patientSearch').where('patientId', '=', patientId).execute();
  if (!tokens.length) return;
  await db
    .insertInto('patientSearch')
    .values(tokens.map((token) => ({ token, patientId, archived: flag(archived) })))
    .orIgnore()
    .execute();
}
