import type { PointsEntryKind } from '../../src-shared/contract/loyalty';

/** A patient's entry as the lots need it, in ledger order (`at`, then id). */
export interface LedgerEntry {
  id: number;
  kind: PointsEntryKind;
  points: number;
  at: string;
  expiresOn: string | null;
  lotEntryId: number | null;
}

/** What is left of one credited entry. */
export interface Lot {
  entryId: number;
  expiresOn: string | null;
  left: number;
}

const soonestFirst = (a: Lot, b: Lot) => (a.expiresOn ?? '9999') .localeCompare(b.expiresOn ?? '9999') || a.entryId - b.entryId;

/**
 * What is left of each credited entry (a lot) after every entry that took points: an `expired` row writes off its
 * own lot; anything else spends the lots usable on its day (`dayOf` its instant), the soonest to expire first, then
 * any other. The lots' sum is the balance whenever no entry took more than there was.
 */
export function lotsOf(entries: readonly LedgerEntry[], dayOf: (at: string) => string): Lot[] {
  const lots: Lot[] = [];
  const byId = new Map<number, Lot>();
  for (const entry of entries) {
    if (entry.points > 0) {
      const lot = { entryId: entry.id, expiresOn: entry.expiresOn, left: entry.points };
      lots.push(lot);
      byId.set(entry.id, lot);
      continue;
    }
    let owed = -entry.points;
    const own = entry.lotEntryId === null ? undefined : byId.get(entry.lotEntryId);
    if (own) {
      const taken = Math.min(own.left, owed);
      own.left -= taken;
      owed -= taken;
    }
    if (owed === 0) continue;
    const day = lots.some((lot) => lot.expiresOn !== null && lot.left > 0) ? dayOf(entry.at) : '';
    const usable = lots.filter((lot) => lot.left > 0 && (lot.expiresOn === null || lot.expiresOn >= day)).sort(soonestFirst);
    const rest = lots.filter((lot) => lot.left > 0 && !usable.includes(lot)).sort(soonestFirst);
    for (const lot of [...usable, ...rest]) {
      const taken = Math.min(lot.left, owed);
      lot.left -= taken;
      owed -= taken;
      if (owed === 0) break;
    }
  }
  return lots.filter((lot) => lot.left > 0);
}

/** Points usable on `day`: the lots not past their date. */
export const availableOn = (lots: readonly Lot[], day: string) => lots.reduce((sum, lot) => sum + (lot.expiresOn === null || lot.expiresOn >= day ? lot.left : 0), 0);
