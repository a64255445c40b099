import type { ReferralRoi, SourceKey } from '../../../src-shared/contract/reports-sales';
import { divRound } from '../../../src-shared/money';
import { addCalendarDays, addCalendarMonths, calendarDaysBetween } from '../../../src-shared/time';
import type { HandlerMap } from '../../core/registry';
import { cached } from '../../core/db';
import { LEADS_SQL, SCOPE_REVENUE_SQL } from './queries';
import { averageOf, boundsOf, earlier, rateBp } from './period';

const DAY_MS = 86_400_000;

/**
 * A monthly cost over a period, pro rata by days: each calendar month the period touches costs its share (days of
 * the period in that month ÷ days in the month), rounded once per month; a whole month costs exactly its amount.
 */
export function costOverPeriod(monthlyCents: number, from: string, to: string): number {
  let cost = 0;
  for (let start = from; start <= to; ) {
    const monthStart = `${start.slice(0, 7)}-01`;
    const nextMonth = addCalendarMonths(monthStart, 1);
    const end = earlier(to, addCalendarDays(nextMonth, -1));
    cost += divRound(monthlyCents * (calendarDaysBetween(start, end) + 1), calendarDaysBetween(monthStart, nextMonth));
    start = nextMonth;
  }
  return cost;
}

export interface Lead {
  patientId: number;
  source: SourceKey;
  firstAt: string | null;
}

/** The revenue reads' scopes (JSON parameters): each buyer's first 365 days from their first purchase, and their lifetime. */
export function leadScopes(buyers: readonly (Lead & { firstAt: string })[], nowAt: string): { firstYear: string; lifetime: string } {
  const firstYear = buyers.map((l) => {
    const yearEnd = earlier(new Date(Date.parse(l.firstAt) + 365 * DAY_MS).toISOString(), nowAt);
    return { key: l.source, patientId: l.patientId, fromAt: l.firstAt, toAt: yearEnd, untilAt: yearEnd };
  });
  const lifetime = buyers.map((l) => ({ key: l.source, patientId: l.patientId, fromAt: '', toAt: nowAt, untilAt: nowAt }));
  return { firstYear: JSON.stringify(firstYear), lifetime: JSON.stringify(lifetime) };
}

type Figures = Omit<ReferralRoi['totals'], 'conversionBp' | 'costPerPatientCents' | 'roiBp'>;

const withRates = (f: Figures): ReferralRoi['totals'] => ({
  ...f,
  conversionBp: rateBp(f.patients, f.leads),
  costPerPatientCents: f.costCents === 0 ? null : averageOf(f.costCents, f.patients),
  roiBp: rateBp(f.lifetimeRevenueCents - f.costCents, f.costCents),
});

export const referralRoiHandlers: HandlerMap<'reports.referralRoi'> = {
  'reports.referralRoi': async ({ from, to }, ctx) => {
    const bounds = boundsOf(from, to, ctx.clinic().timeZone);
    const nowAt = ctx.now.toISOString();
    const mode = ctx.clinic().packageRevenue;
    const leads = cached(ctx.sqlite, LEADS_SQL).all({ fromAt: bounds.fromAt, toAt: bounds.toAt }) as Lead[];
    const buyers = leads.filter((l): l is Lead & { firstAt: string } => l.firstAt !== null);
    const scopes = leadScopes(buyers, nowAt);
    const revenue = (scope: string) =>
      new Map((cached(ctx.sqlite, SCOPE_REVENUE_SQL).all({ scope, mode }) as { key: SourceKey; amountCents: number }[]).map((r) => [r.key, r.amountCents]));
    const firstYear = revenue(scopes.firstYear);
    const lifetime = revenue(scopes.lifetime);

    const sources = await ctx.db.selectFrom('referralSource').select(['id', 'name', 'channel', 'monthlyCostCents', 'active']).orderBy('name').execute();
    const count = (key: SourceKey, list: Lead[]) => list.filter((l) => l.source === key).length;
    const figuresOf = (key: SourceKey, costCents: number): Figures => ({
      leads: count(key, leads),
      patients: count(key, buyers),
      firstYearRevenueCents: firstYear.get(key) ?? 0,
      lifetimeRevenueCents: lifetime.get(key) ?? 0,
      costCents,
    });
    const rows: ReferralRoi['rows'] = sources
      .filter((s) => s.active === 1 || count(s.id, leads) > 0)
      .map((s) => ({ source: s.id, name: s.name, channel: s.channel, ...withRates(figuresOf(s.id, costOverPeriod(s.monthlyCostCents, from, to))) }));
    for (const [key, name] of [
      ['patient', 'Referred by a patient'],
      ['unknown', 'Unknown'],
    ] as const)
      if (count(key, leads) > 0) rows.push({ source: key, name, channel: null, ...withRates(figuresOf(key, 0)) });

    const total: Figures = { leads: 0, patients: 0, firstYearRevenueCents: 0, lifetimeRevenueCents: 0, costCents: 0 };
    for (const r of rows) for (const k of Object.keys(total) as (keyof Figures)[]) total[k] += r[k];
    return {
      from,
      to,
      rows,
      totals: withRates(total),
      emptyText: leads.length ? null : 'No new patients in this period: each patient’s referral source (or the patient who referred them) shows here once they are added.',
    };
  },
};
