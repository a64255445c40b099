import type { DuplicateCandidate } from '../../src-shared/contract/patients';
import { fold } from '../../src-shared/text';
import type { Sqlite } from '../core/db';
import { phoneReversedOf } from './derived';
import type { SummaryRow } from './queries';

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

type Row = Omit<SummaryRow, 'allergyAlert' | 'archivedAt'>;

const COLUMNS = 'id, number, firstName, lastName, preferredName, dateOfBirth, phone, email';

/** Likely existing records for the same person: same phone, same email, or a similar name with the same birth date. */
export function findLikelyDuplicates(sqlite: Sqlite, probe: DuplicateProbe): DuplicateCandidate[] {
  const found = new Map<number, { row: Row; reasons: Set<DuplicateCandidate['reasons'][number]> }>();
  const add = (rows: Row[], reason: DuplicateCandidate['reasons'][number]) => {
    for (const row of rows) {
      if (row.id === probe.excludeId) continue;
      const entry = found.get(row.id) ?? { row, reasons: new Set() };
      entry.reasons.add(reason);
      found.set(row.id, entry);
    }
  };
  const live = 'mergedIntoId IS NULL';
  if (probe.phone) add(sqlite.prepare(`SELECT ${COLUMNS} FROM patient WHERE phoneReversed = ? AND ${live} LIMIT 20`).all(phoneReversedOf(probe.phone)) as Row[], 'phone');
  if (probe.email) add(sqlite.prepare(`SELECT ${COLUMNS} FROM patient WHERE email = ? AND ${live} LIMIT 20`).all(probe.email.trim().toLowerCase()) as Row[], 'email');
  if (probe.dateOfBirth && (probe.firstName || probe.lastName)) {
    const sameBirthday = sqlite.prepare(`SELECT ${COLUMNS} FROM patient WHERE dateOfBirth = ? AND ${live} LIMIT 500`).all(probe.dateOfBirth) as Row[];
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
