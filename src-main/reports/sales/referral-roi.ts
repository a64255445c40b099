import type { ReferralRoi, SourceKey } from '../../../src-shared/contract/reports-sales';
import { divRound } from '../../../src-shared/money';
import { addCalendarDays, addCalendarMonths, calendarDaysBetween } from '../../../src-shared/time';
import type { HandlerMap } from '../../core/registry';
import { cached, type Sqlite } from '../../core/db';
import { LEAD_REVENUE_SQL, LEADS_SQL } from './queries';
import { averageOf, boundsOf, earlier, rateBp } from './period';

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

/** The period's buyers' first-year and lifetime revenue, per source — or per patient, for one source's rows. */
export function leadRevenue<K>(
  sqlite: Sqlite,
  params: { fromAt: string; toAt: string; nowAt: string; mode: string; source?: SourceKey },
): Map<K, { firstYearCents: number; lifetimeCents: number }> {
  const bind = { ...params, source: params.source ?? null, byPatient: params.source === undefined ? 0 : 1 };
  const rows = cached(sqlite, LEAD_REVENUE_SQL).all(bind) as { key: K; amountCents: number; firstCents: number }[];
  return new Map(rows.map((r) => [r.key, { firstYearCents: r.firstCents, lifetimeCents: r.amountCents }]));
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
    const buyers = leads.filter((l) => l.firstAt !== null);
    const revenue = leadRevenue<SourceKey>(ctx.sqlite, { fromAt: bounds.fromAt, toAt: bounds.toAt, nowAt, mode });

    const sources = await ctx.db.selectFrom('referralSource').select(['id', 'name', 'channel', 'monthlyCostCents', 'active']).orderBy('name').execute();
    const count = (key: SourceKey, list: Lead[]) => list.filter((l) => l.source === key).length;
    const figuresOf = (key: SourceKey, costCents: number): Figures => ({
      leads: count(key, leads),
      patients: count(key, buyers),
      firstYearRevenueCents: revenue.get(key)?.firstYearCents ?? 0,
      lifetimeRevenueCents: revenue.get(key)?.lifetimeCents ?? 0,
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
