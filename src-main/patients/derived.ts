import { nameTokens, fold } from '../../src-shared/text';
import { reversedDigits } from '../../src-shared/phone';
import type { Sqlite } from '../core/db';

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
export function nextPatientNumber(sqlite: Sqlite): string {
  const last = sqlite.prepare("SELECT max(CAST(substr(number, 2) AS INTEGER)) FROM patient").pluck().get() as number | null;
  return formatPatientNumber((last ?? 0) + 1);
}

export function writeSearchTokens(sqlite: Sqlite, patientId: number, tokens: string[], archived: boolean): void {
  sqlite.prepare('DELETE FROM patientSearch WHERE patientId = ?').run(patientId);
  const insert = sqlite.prepare('INSERT OR IGNORE INTO patientSearch (token, patientId, archived) VALUES (?, ?, ?)');
  for (const token of tokens) insert.run(token, patientId, archived ? 1 : 0);
}
