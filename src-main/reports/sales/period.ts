import type { CategoryKey } from '../../../src-shared/contract/reports-sales';
import { divRound } from '../../../src-shared/money';
import { addCalendarDays, addCalendarMonths, calendarDaysBetween, startOfLocalDay } from '../../../src-shared/time';
import type { HandlerContext } from '../../core/registry';
import { cached } from '../../core/db';
import { INVOICE_OVERLAP_SQL } from './queries';

/** A clinic-local period as the instants that bound it: [start of `from`, start of the day after `to`). */
export interface PeriodBounds {
  from: string;
  to: string;
  fromAt: string;
  toAt: string;
}

export function boundsOf(from: string, to: string, timeZone: string): PeriodBounds {
  return { from, to, fromAt: startOfLocalDay(from, timeZone).toISOString(), toAt: startOfLocalDay(addCalendarDays(to, 1), timeZone).toISOString() };
}

/** The parameters every period read of the revenue entries (or their per-day projection) takes. */
export function entryParams(ctx: HandlerContext, bounds: PeriodBounds): { from: string; to: string; fromAt: string; toAt: string; mode: string } {
  return { from: bounds.from, to: bounds.to, fromAt: bounds.fromAt, toAt: bounds.toAt, mode: ctx.clinic().packageRevenue };
}

/** Invoices the per-day sums count on more than one day, per `dimension:key` (see INVOICE_OVERLAP_SQL). */
export function invoiceOverlap(ctx: HandlerContext, params: ReturnType<typeof entryParams>): (dimension: string, key: unknown) => number {
  const rows = cached(ctx.sqlite, INVOICE_OVERLAP_SQL).all({ fromAt: params.fromAt, toAt: params.toAt, mode: params.mode }) as { dimension: string; key: unknown; extra: number }[];
  const extra = new Map(rows.map((r) => [`${r.dimension}:${String(r.key)}`, r.extra]));
  return (dimension, key) => extra.get(`${dimension}:${String(key)}`) ?? 0;
}

/** The period to compare with: the same number of days just before, or the same dates a year earlier. */
export function comparisonOf(from: string, to: string, compareWith: 'previousPeriod' | 'lastYear' | 'none'): { from: string; to: string } | null {
  if (compareWith === 'none') return null;
  if (compareWith === 'lastYear') return { from: addCalendarMonths(from, -12), to: addCalendarMonths(to, -12) };
  const days = calendarDaysBetween(from, to) + 1;
  return { from: addCalendarDays(from, -days), to: addCalendarDays(from, -1) };
}

/** A rate in basis points, rounded half away from zero; null when there is nothing to divide by. */
export function rateBp(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : divRound(numerator * 10_000, denominator);
}

/** An average in minor units; null when there is nothing to average. */
export function averageOf(total: number, count: number): number | null {
  return count === 0 ? null : divRound(total, count);
}

/** Days of the period for a short one, months for one longer than 31 days (the chart's buckets). */
export function trendBuckets(from: string, to: string): { granularity: 'day' | 'month'; buckets: string[]; bucketOf: (day: string) => string } {
  const byMonth = calendarDaysBetween(from, to) + 1 > 31;
  const buckets: string[] = [];
  if (byMonth) for (let month = from.slice(0, 7); month <= to.slice(0, 7); month = addCalendarMonths(`${month}-01`, 1).slice(0, 7)) buckets.push(month);
  else for (let day = from; day <= to; day = addCalendarDays(day, 1)) buckets.push(day);
  return { granularity: byMonth ? 'month' : 'day', buckets, bucketOf: (day) => (byMonth ? day.slice(0, 7) : day) };
}

/** The names a category key stands for. */
export async function categoryNames(ctx: HandlerContext): Promise<(key: CategoryKey) => string> {
  const rows = await ctx.db.selectFrom('serviceCategory').select(['id', 'name']).execute();
  const names = new Map(rows.map((r) => [r.id, r.name]));
  return (key) => (key === 'retail' ? 'Retail products' : key === 'other' ? 'Other sales' : (names.get(key) ?? `Category ${key}`));
}

/** The names of staff by id; null is "No provider". */
export async function staffNames(ctx: HandlerContext): Promise<(id: number | null) => string> {
  const rows = await ctx.db.selectFrom('staff').select(['id', 'displayName']).execute();
  const names = new Map(rows.map((r) => [r.id, r.displayName]));
  return (id) => (id === null ? 'No provider' : (names.get(id) ?? `Staff ${id}`));
}

/** Shares `total` in proportion to `weights` (equally when they are all zero), by largest remainder: the parts add up. */
export function allocate(total: number, weights: readonly number[]): number[] {
  if (!weights.length) return [];
  const positive = weights.map((x) => Math.max(0, x));
  const sum = positive.reduce((a, b) => a + b, 0);
  const w = sum === 0 ? weights.map(() => 1) : positive;
  const whole = sum === 0 ? weights.length : sum;
  const parts = w.map((x) => Math.floor((total * x) / whole));
  const order = w.map((x, i) => ({ i, rest: (total * x) % whole })).sort((a, b) => b.rest - a.rest || a.i - b.i);
  let left = total - parts.reduce((a, b) => a + b, 0);
  for (const { i } of order) {
    if (left <= 0) break;
    parts[i] += 1;
    left -= 1;
  }
  return parts;
}

/** One millisecond after an ISO instant: "after this invoice" as a half-open range start. */
export const justAfter = (instant: string): string => new Date(Date.parse(instant) + 1).toISOString();

/** The earlier of two ISO instants. */
export const earlier = (a: string, b: string): string => (a < b ? a : b);
