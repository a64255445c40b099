import { sql } from 'kysely';
import { nameTokens, fold } from '../../src-shared/text';
import { reversedDigits } from '../../src-shared/phone';
import { type Db, flag } from '../core/db';

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

export function formatPatientNumber(n: number): string {
  return `P${String(n).padStart(6, '0')}`;
}

/** The next free patient number (P000001, P000002, …). */
export async function nextPatientNumber(db: Db): Promise<string> {
  const { last } = await db
    .selectFrom('patient')
    .select(sql<number | null>`max(CAST(substr(number, 2) AS INTEGER))`.as('last'))
    .executeTakeFirstOrThrow();
  return formatPatientNumber((last ?? 0) + 1);
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
