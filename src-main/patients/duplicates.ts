import type { InferResult } from 'kysely';
import type { DuplicateCandidate } from '../../src-shared/contract/patients';
import { LumenError } from '../../src-shared/errors';
import { normalizePhone } from '../../src-shared/phone';
import { fold } from '../../src-shared/text';
import type { Db } from '../core/db';
import type { HandlerContext, HandlerMap } from '../core/registry';
import { phoneReversedOf } from './derived';

export interface DuplicateProbe {
  firstName: string;
  lastName: string;
  dateOfBirth?: string | null;
  /** E.164 */
  phone?: string | null;
  email?: string | null;
  excludeId?: number;
}

/** Levenshtein distance, stopping early once it exceeds `max`. */
function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      best = Math.min(best, row[j]);
    }
    if (best > max) return max + 1;
    prev = row;
  }
  return prev[b.length];
}

/** "Ana" ~ "Anna", "Jon" ~ "Jonathan", "Müller" ~ "Muller": close enough to ask before creating a second record. */
export function similarNames(a: string, b: string): boolean {
  const x = fold(a).replace(/[^\p{L}]/gu, '');
  const y = fold(b).replace(/[^\p{L}]/gu, '');
  if (!x || !y) return false;
  if (x === y || (Math.min(x.length, y.length) >= 3 && (x.startsWith(y) || y.startsWith(x)))) return true;
  return editDistance(x, y, x.length > 6 ? 2 : 1) <= (x.length > 6 ? 2 : 1);
}

/** Likely existing records for the same person: same phone, same email, or a similar name with the same birth date. */
export async function findLikelyDuplicates(db: Db, probe: DuplicateProbe): Promise<DuplicateCandidate[]> {
  const live = db
    .selectFrom('patient')
    .select(['id', 'number', 'firstName', 'lastName', 'preferredName', 'dateOfBirth', 'phone', 'email'])
    .where('mergedIntoId', 'is', null);
  type Row = InferResult<typeof live>[number];
  const found = new Map<number, { row: Row; reasons: Set<DuplicateCandidate['reasons'][number]> }>();
  const add = (rows: Row[], reason: DuplicateCandidate['reasons'][number]) => {
    for (const row of rows) {
      if (row.id === probe.excludeId) continue;
      const entry = found.get(row.id) ?? { row, reasons: new Set() };
      entry.reasons.add(reason);
      found.set(row.id, entry);
    }
  };
  if (probe.phone) add(await live.where('phoneReversed', '=', phoneReversedOf(probe.phone)).limit(20).execute(), 'phone');
  if (probe.email) add(await live.where('email', '=', probe.email.trim().toLowerCase()).limit(20).execute(), 'email');
  if (probe.dateOfBirth && (probe.firstName || probe.lastName)) {
    const sameBirthday = await live.where('dateOfBirth', '=', probe.dateOfBirth).limit(500).execute();
    add(
      sameBirthday.filter(
        (r) => similarNames(r.lastName, probe.lastName) && (similarNames(r.firstName, probe.firstName) || (r.preferredName !== null && similarNames(r.preferredName, probe.firstName))),
      ),
      'nameAndBirthDate',
    );
  }
  return [...found.values()]
    .sort((a, b) => b.reasons.size - a.reasons.size || a.row.id - b.row.id)
    .slice(0, 10)
    .map(({ row, reasons }) => ({
      id: row.id,
      number: row.number,
      name: `${row.firstName} ${row.lastName}`,
      dateOfBirth: row.dateOfBirth,
      phone: row.phone,
      email: row.email,
      reasons: [...reasons],
    }));
}

/** Refuses with the likely matches unless the person confirmed one of them is a different patient. */
export async function guardDuplicates(ctx: HandlerContext, columns: Omit<DuplicateProbe, 'excludeId'>, acceptDuplicateOf: number | undefined, excludeId?: number): Promise<void> {
  const likely = await findLikelyDuplicates(ctx.db, { ...columns, excludeId });
  if (likely.length && !likely.some((c) => c.id === acceptDuplicateOf)) {
    throw new LumenError('possible_duplicate', `This may be an existing patient: ${likely[0].name} (${likely[0].number}).`, { likely });
  }
}

export const duplicateHandlers: HandlerMap<'patients.findDuplicates'> = {
  'patients.findDuplicates': (input, ctx) =>
    findLikelyDuplicates(ctx.db, {
      ...input,
      phone: input.phone ? normalizePhone(input.phone, ctx.clinic().country) : null,
      email: input.email || null,
    }),
};
