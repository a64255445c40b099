import type { LoyaltySettings, PointsEntryKind } from '../../src-shared/contract/loyalty';
import { fieldError, LumenError } from '../../src-shared/errors';
import { localDate } from '../../src-shared/time';
import { cached, type Sqlite } from '../core/db';
import type { HandlerContext } from '../core/registry';
import type { MergeCarrier } from '../patients/index';
import type { PointsEntryTable } from '../core/schema-loyalty';
import { type LedgerEntry, availableOn, lotsOf } from './lots';
import { expiryOfCredit, programOf } from './program';
import { INSERT_ENTRY_SQL, PATIENT_ENTRIES_SQL } from './queries';

export type NewEntry = Omit<PointsEntryTable, 'id' | 'at' | 'by' | 'expiresOn' | 'lotEntryId' | 'invoiceId' | 'creditNoteId' | 'paymentId' | 'lines' | 'dedupeKey'> &
  Partial<Pick<PointsEntryTable, 'expiresOn' | 'lotEntryId' | 'invoiceId' | 'creditNoteId' | 'paymentId' | 'lines' | 'dedupeKey'>>;

/** The entries of one patient in ledger order. */
export const entriesOf = (sqlite: Sqlite, patientId: number) => cached(sqlite, PATIENT_ENTRIES_SQL).all(patientId) as LedgerEntry[];

/** Balance, lots and what is usable today of one patient. */
export function standingOf(sqlite: Sqlite, patientId: number, now: Date, timeZone: string) {
  const entries = entriesOf(sqlite, patientId);
  const today = localDate(now.toISOString(), timeZone);
  const lots = lotsOf(entries, (at) => localDate(at, timeZone));
  return { entries, today, lots, balance: entries.reduce((sum, e) => sum + e.points, 0), available: availableOn(lots, today) };
}

/** The points a patient can use today (what a reversal may still take back). */
export const availablePoints = (ctx: Pick<HandlerContext, 'sqlite' | 'now' | 'clinic'>, patientId: number): number => standingOf(ctx.sqlite, patientId, ctx.now, ctx.clinic().timeZone).available;

/**
 * Writes one entry (a credit gets its expiry date from the program, unless it brings its own; a caller that has
 * read the program passes it). Returns its id, or null when its once-only key was already written.
 */
export function addEntry(ctx: Pick<HandlerContext, 'sqlite' | 'now' | 'session' | 'newId' | 'clinic'>, entry: NewEntry, program?: LoyaltySettings): number | null {
  const id = ctx.newId('pointsEntry');
  const credited = entry.points > 0 && entry.expiresOn === undefined;
  const row: PointsEntryTable = {
    expiresOn: credited ? expiryOfCredit(program ?? programOf(ctx.sqlite), ctx.now, ctx.clinic().timeZone) : null,
    lotEntryId: null,
    invoiceId: null,
    creditNoteId: null,
    paymentId: null,
    lines: null,
    dedupeKey: null,
    ...entry,
    id,
    at: ctx.now.toISOString(),
    by: ctx.session?.staffId ?? null,
  };
  return cached(ctx.sqlite, INSERT_ENTRY_SQL).run(row).changes ? id : null;
}

export interface Award {
  patientId: number;
  kind: Extract<PointsEntryKind, 'referral' | 'review' | 'adjustment'>;
  /** Positive to give; an adjustment may take (never below what the patient can use today). */
  points: number;
  note: string;
  refs?: { invoiceId?: number; dedupeKey?: string };
}

/**
 * Gives (or, for an adjustment, takes) points: what referrals, reviews and a manager's adjustment call. Refused
 * while the program is off (adjustments aside), for no points, or for taking more than the patient can use today.
 * Returns the entry's id (null when `refs.dedupeKey` was already awarded) and the new balance.
 */
export async function awardPoints(ctx: HandlerContext, award: Award): Promise<{ entryId: number | null; balance: number }> {
  const program = programOf(ctx.sqlite);
  if (!program.enabled && award.kind !== 'adjustment') throw new LumenError('invalid_transition', 'The loyalty program is switched off.');
  if (!Number.isInteger(award.points) || award.points === 0) throw fieldError('invalid_input', 'Give a whole number of points other than 0.', 'points');
  if (award.points < 0 && award.kind !== 'adjustment') throw fieldError('invalid_input', 'Only an adjustment takes points.', 'points');
  const patient = cached(ctx.sqlite, 'SELECT id FROM patient WHERE id = ?').get(award.patientId);
  if (!patient) throw fieldError('not_found', 'No such patient.', 'patientId');
  const { timeZone } = ctx.clinic();
  if (award.points < 0) {
    const { available } = standingOf(ctx.sqlite, award.patientId, ctx.now, timeZone);
    if (-award.points > available) throw fieldError('invalid_input', `The patient can use ${available} points today; an adjustment cannot take more.`, 'points');
  }
  const entryId = addEntry(ctx, { patientId: award.patientId, kind: award.kind, points: award.points, note: award.note, invoiceId: award.refs?.invoiceId ?? null, dedupeKey: award.refs?.dedupeKey ?? null });
  const { balance } = standingOf(ctx.sqlite, award.patientId, ctx.now, timeZone);
  ctx.audit({ action: 'create', entity: 'pointsEntry', entityId: entryId, summary: `${award.points > 0 ? 'Gave' : 'Took'} ${Math.abs(award.points)} points (${award.kind}): ${award.note}`, details: { ...award, balance } });
  return { entryId, balance };
}

/**
 * A merge carries the merged record's usable points to the kept one: each lot with what is left and its own expiry
 * date, and one entry taking them from the merged record. Points past their date stay for the daily run to write off.
 */
export const carryPoints: MergeCarrier = async (ctx, fromId, toId, note): Promise<Record<string, number>> => {
  const { lots, today, available } = standingOf(ctx.sqlite, fromId, ctx.now, ctx.clinic().timeZone);
  if (available === 0) return {};
  addEntry(ctx, { patientId: fromId, kind: 'adjustment', points: -available, note });
  for (const lot of lots) {
    if (lot.expiresOn === null || lot.expiresOn >= today) addEntry(ctx, { patientId: toId, kind: 'adjustment', points: lot.left, expiresOn: lot.expiresOn, note });
  }
  return { 'pointsEntry.points': available };
};
