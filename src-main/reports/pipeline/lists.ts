import type { OpenQuotes, StalledConsults } from '../../../src-shared/contract/reports-pipeline';
import { addCalendarDays, calendarDaysBetween, localDate } from '../../../src-shared/time';
import { cached } from '../../core/db';
import type { HandlerContext, HandlerMap } from '../../core/registry';
import { utcRange } from './period';
import { OPEN_QUOTES_ROWS_SQL, OPEN_QUOTES_TOTAL_SQL, STALLED_ROWS_SQL, STALLED_TOTAL_SQL } from './queries';
import { pipelineWindows } from './settings';

/** A consult older than a year is no longer a call worth making: the list looks back 365 days. */
export const STALLED_LOOKBACK_DAYS = 365;

export function stalledParams(ctx: HandlerContext, asOf: string, days: number) {
  const zone = ctx.clinic().timeZone;
  return {
    zone,
    oldest: utcRange(addCalendarDays(asOf, -STALLED_LOOKBACK_DAYS), asOf, zone).start,
    // More than `days` days ago: on or before asOf − days − 1.
    before: utcRange(addCalendarDays(asOf, -days), asOf, zone).start,
    asOfEnd: utcRange(asOf, asOf, zone).end,
  };
}

interface StalledRow {
  patientId: number;
  patientNumber: string;
  patientName: string;
  phone: string | null;
  doNotContact: number;
  phoneConsent: number;
  appointmentId: number;
  consultDate: string;
  staffId: number;
  staffName: string;
  categoryId: number;
  categoryName: string;
}

interface QuoteRow {
  invoiceId: number;
  patientId: number;
  patientNumber: string;
  patientName: string;
  phone: string | null;
  doNotContact: number;
  appointmentId: number | null;
  startedOn: string;
  netCents: number;
  totalCents: number;
  startedById: number | null;
  startedByName: string | null;
  services: string | null;
}

export const listHandlers: HandlerMap<'reports.stalledConsults' | 'reports.openQuotes'> = {
  'reports.stalledConsults': (input, ctx): StalledConsults => {
    const asOf = input.asOf ?? localDate(ctx.now, ctx.clinic().timeZone);
    const days = input.days ?? pipelineWindows(ctx.sqlite).stallDays;
    const params = stalledParams(ctx, asOf, days);
    const { total } = cached(ctx.sqlite, STALLED_TOTAL_SQL).get(params) as { total: number };
    const rows = cached(ctx.sqlite, STALLED_ROWS_SQL).all({ ...params, limit: input.limit, offset: input.offset }) as StalledRow[];
    return {
      asOf,
      days,
      total,
      rows: rows.map((r) => ({ ...r, ageDays: calendarDaysBetween(r.consultDate, asOf), doNotContact: r.doNotContact === 1, phoneConsent: r.phoneConsent === 1 })),
      emptyText: total === 0 ? `No stalled consults: every consult of the last year more than ${days} days old was followed by a treatment or a booking.` : null,
    };
  },

  'reports.openQuotes': (input, ctx): OpenQuotes => {
    const zone = ctx.clinic().timeZone;
    const asOf = input.asOf ?? localDate(ctx.now, zone);
    const params = { zone, asOfEnd: utcRange(asOf, asOf, zone).end };
    const totals = cached(ctx.sqlite, OPEN_QUOTES_TOTAL_SQL).get(params) as { total: number; netCents: number; totalCents: number };
    const rows = cached(ctx.sqlite, OPEN_QUOTES_ROWS_SQL).all({ ...params, limit: input.limit, offset: input.offset }) as QuoteRow[];
    return {
      asOf,
      total: totals.total,
      totalNetCents: totals.netCents,
      totalCents: totals.totalCents,
      rows: rows.map((r) => ({ ...r, services: r.services ?? '', ageDays: calendarDaysBetween(r.startedOn, asOf), doNotContact: r.doNotContact === 1 })),
      emptyText: totals.total === 0 ? 'No quotes on the table: every draft invoice of a patient has been issued or discarded.' : null,
    };
  },
};
