import { valueOfPoints } from '../../src-shared/loyalty';
import type { Invoice } from '../../src-shared/contract/checkout';
import type { PatientLoyalty, PointsEntry } from '../../src-shared/contract/loyalty';
import { addCalendarDays, addCalendarMonths, localDate, startOfLocalDay } from '../../src-shared/time';
import { cached, type Sqlite } from '../core/db';
import type { HandlerMap } from '../core/registry';
import { requirePatient } from '../patients/index';
import { awardPoints, entriesOf, standingOf } from './ledger';
import type { LedgerEntry } from './lots';
import { programOf, tierOf } from './program';
import { STATEMENT_SQL } from './queries';

/** What counts towards a tier: points earned by buying (net of reversals), referrals and reviews — not birthdays, returns or adjustments. */
export const TIER_KINDS: readonly string[] = ['earned', 'reversed', 'referral', 'review'];
export const EXPIRING_SOON_DAYS = 60;

export type MemberDiscount = Omit<NonNullable<Invoice['memberDiscount']>, 'discountCents'>;

/** The first instant of the 12-month window ending with `today` (clinic-local days: the day after the same date a year back). */
export const tierWindowStart = (today: string, timeZone: string) => startOfLocalDay(addCalendarDays(addCalendarMonths(today, -12), 1), timeZone).toISOString();

export const earnedSince = (entries: readonly LedgerEntry[], from: string) => entries.reduce((sum, e) => sum + (e.at >= from && TIER_KINDS.includes(e.kind) ? e.points : 0), 0);

/** The tier discount a patient's invoice takes now: null while the program is off or their tier gives none. */
export function memberDiscountOf(sqlite: Sqlite, patientId: number, now: Date, timeZone: string): MemberDiscount | null {
  const program = programOf(sqlite);
  if (!program.enabled || !program.tiers.some((t) => t.discountPercent > 0)) return null;
  const earned12Months = earnedSince(entriesOf(sqlite, patientId), tierWindowStart(localDate(now.toISOString(), timeZone), timeZone));
  const { tier } = tierOf(program, earned12Months);
  return tier && tier.discountPercent > 0 ? { tier: tier.name, basisPoints: tier.discountPercent * 100, categoryIds: tier.categoryIds } : null;
}

/** A patient's points, tier, what expires soon and a page of the statement: one read of their ledger, one of the page. */
export function patientLoyalty(sqlite: Sqlite, patientId: number, now: Date, timeZone: string, page: number, pageSize: number): PatientLoyalty {
  const program = programOf(sqlite);
  const { entries, today, lots, balance, available } = standingOf(sqlite, patientId, now, timeZone);
  const earned12Months = earnedSince(entries, tierWindowStart(today, timeZone));
  const { tier, next } = tierOf(program, earned12Months);
  const horizon = addCalendarDays(today, EXPIRING_SOON_DAYS);
  const expiring = new Map<string, number>();
  for (const lot of lots) if (lot.expiresOn !== null && lot.expiresOn >= today && lot.expiresOn <= horizon) expiring.set(lot.expiresOn, (expiring.get(lot.expiresOn) ?? 0) + lot.left);
  const after = new Map<number, number>();
  let running = 0;
  for (const entry of entries) after.set(entry.id, (running += entry.points));
  const rows = cached(sqlite, STATEMENT_SQL).all(patientId, pageSize, page * pageSize) as Omit<PointsEntry, 'balance'>[];
  return {
    patientId,
    enabled: program.enabled,
    balance,
    available,
    valueCents: valueOfPoints(program, available),
    earned12Months,
    tier,
    nextTier: next && { name: next.name, thresholdPoints: next.thresholdPoints, missingPoints: next.thresholdPoints - earned12Months },
    expiringSoon: [...expiring].sort(([a], [b]) => a.localeCompare(b)).map(([expiresOn, points]) => ({ expiresOn, points })),
    statement: rows.map((row) => ({ ...row, balance: after.get(row.id)! })),
    statementTotal: entries.length,
  };
}

export const profileHandlers: HandlerMap<'loyalty.forPatient' | 'loyalty.benefits' | 'loyalty.adjust'> = {
  'loyalty.forPatient': async ({ patientId, page, pageSize }, ctx) => {
    await requirePatient(ctx, patientId);
    return patientLoyalty(ctx.sqlite, patientId, ctx.now, ctx.clinic().timeZone, page, pageSize);
  },

  'loyalty.benefits': async ({ patientId }, ctx) => {
    await requirePatient(ctx, patientId);
    const { tier, valueCents, available } = patientLoyalty(ctx.sqlite, patientId, ctx.now, ctx.clinic().timeZone, 0, 1);
    return { tier, available, valueCents };
  },

  'loyalty.adjust': async ({ patientId, points, reason }, ctx) => {
    const { entryId, balance } = await awardPoints(ctx, { patientId, kind: 'adjustment', points, note: reason });
    return { entryId: entryId!, balance };
  },
};
