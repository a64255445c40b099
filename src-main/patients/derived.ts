import { nameTokens, fold } from '../../src-shared/text';
import { reversedDigits } from '../../src-shared/phone';
import { type Db, flag } from '../core/db';
import { FIRST_SERIES, formatInSeries, nextInSeries, seriesPrefixOf } from '../core/series';
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

/** A patient number: its workstation's series prefix and six digits (P000001, R000012). */
export function formatPatientNumber(n: number, seriesPrefix = FIRST_SERIES): string {
  return formatInSeries('patient', seriesPrefix, n);
}

/** The next patient number of this workstation's series (see nextInSeries). */
export function nextPatientNumber(ctx: HandlerContext): string {
  return nextInSeries(ctx.sqlite, 'patient', seriesPrefixOf(ctx.runtime));
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
