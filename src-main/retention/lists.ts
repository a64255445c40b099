import type { z } from 'zod';
import { csvText } from '../../src-shared/csv';
import type { DueRow, DueSoonInput, OverdueBand } from '../../src-shared/contract/retention';
import { bandLabels, channelLabels, outcomeLabels, overdueBands } from '../../src-shared/contract/retention';
import { formatMoney } from '../../src-shared/money';
import { fold } from '../../src-shared/text';
import type { Sqlite } from '../core/db';
import { cached } from '../core/db';
import type { HandlerContext, HandlerMap } from '../core/registry';
import { contactableOf } from './consent';
import { DUE_COUNT_SQL, DUE_DETAIL_SQL, DUE_PAGE_SQL, DUE_TOTAL_SQL } from './queries';
import { asOfDate, categoryIdOf, NO_LIMIT, scopeOf } from './scope';

type Filters = Omit<z.output<typeof DueSoonInput>, 'days'> & { bands?: OverdueBand[] };

export function bandOf(daysOverdue: number): OverdueBand | null {
  if (daysOverdue <= 0) return null;
  return daysOverdue <= 30 ? '0-30' : daysOverdue <= 90 ? '31-90' : daysOverdue <= 180 ? '91-180' : '180+';
}

/** The named parameters of the due-list queries. */
export function dueParams(sqlite: Sqlite, f: Filters, asOf: string, now: Date, window: { minOverdue: number; maxOverdue: number }) {
  const bands = f.bands ? f.bands.reduce((sum, band) => sum | (1 << overdueBands.indexOf(band)), 0) : 15;
  const search = f.search ? fold(f.search).trim() : null;
  return {
    scope: scopeOf(sqlite, asOf, window.minOverdue, window.maxOverdue, categoryIdOf(sqlite, f.category)),
    asOf,
    now: now.toISOString(),
    ...window,
    bands,
    provider: f.provider ?? null,
    search: search || null,
    channel: f.channel ?? null,
    scheduled: f.scheduled,
  };
}

interface Detail {
  patientNumber: string;
  patientName: string;
  phone: string | null;
  email: string | null;
  doNotContact: number;
  categoryName: string;
  lastServiceName: string | null;
  lastProviderName: string | null;
  lifetimeSpentCents: number | null;
  lastContact: string | null;
  consents: string | null;
  scheduled: string | null;
}

type Key = { patientId: number; categoryId: number; lastLocalDate: string; lastServiceId: number | null; lastStaffId: number | null; daysOverdue: number; dueDate: string };

/** A page row with everything the list shows. */
export function dueRowOf(sqlite: Sqlite, key: Key, now: string): DueRow {
  const d = cached(sqlite, DUE_DETAIL_SQL).get({ patientId: key.patientId, categoryId: key.categoryId, serviceId: key.lastServiceId, staffId: key.lastStaffId, now }) as Detail;
  const consents = JSON.parse(d.consents ?? '{}') as Record<string, number>;
  return {
    patientId: key.patientId,
    patientNumber: d.patientNumber,
    patientName: d.patientName,
    phone: d.phone,
    email: d.email,
    categoryId: key.categoryId,
    categoryName: d.categoryName,
    lastServiceId: key.lastServiceId,
    lastServiceName: d.lastServiceName,
    lastPurchaseDate: key.lastLocalDate,
    dueDate: key.dueDate,
    daysOverdue: key.daysOverdue,
    band: bandOf(key.daysOverdue),
    scheduled: d.scheduled ? (JSON.parse(d.scheduled) as DueRow['scheduled']) : null,
    lastProviderId: key.lastStaffId,
    lastProviderName: d.lastProviderName,
    lastContact: d.lastContact ? (JSON.parse(d.lastContact) as DueRow['lastContact']) : null,
    lifetimeSpentCents: d.lifetimeSpentCents ?? 0,
    doNotContact: d.doNotContact === 1,
    contactable: contactableOf({ phone: d.phone, email: d.email, doNotContact: d.doNotContact, consents }),
  };
}

const CSV_HEADER = ['Patient number', 'Patient', 'Phone', 'Email', 'Category', 'Last service', 'Last purchase', 'Due date', 'Days overdue', 'Band', 'Scheduled', 'Last provider', 'Last contact', 'Last outcome', 'Lifetime spend', 'Do not contact', 'Phone OK', 'SMS OK', 'Email OK'];

function csvOf(rows: DueRow[], currency: string): string {
  return csvText(
    CSV_HEADER,
    rows.map((r) => [
      r.patientNumber, r.patientName, r.phone, r.email, r.categoryName, r.lastServiceName, r.lastPurchaseDate, r.dueDate, r.daysOverdue,
      r.band ? bandLabels[r.band] : '', r.scheduled ? r.scheduled.startsAt : '', r.lastProviderName,
      r.lastContact ? `${r.lastContact.at.slice(0, 10)} ${channelLabels[r.lastContact.channel]}` : '', r.lastContact ? outcomeLabels[r.lastContact.outcome] : '',
      formatMoney(r.lifetimeSpentCents, currency), r.doNotContact ? 'yes' : 'no',
      r.contactable.phone.ok ? 'yes' : r.contactable.phone.why, r.contactable.sms.ok ? 'yes' : r.contactable.sms.why, r.contactable.email.ok ? 'yes' : r.contactable.email.why,
    ]),
  );
}

/** The total's SQL: without filters it is counted from the index alone. */
export const countSqlOf = (p: ReturnType<typeof dueParams>): string =>
  p.bands === 15 && p.provider === null && p.search === null && p.channel === null && p.scheduled === 'any' ? DUE_TOTAL_SQL : DUE_COUNT_SQL;

/** A due list for a window of days overdue: the page (or every row for CSV) and the total. */
export function dueList(ctx: HandlerContext, f: Filters, window: { minOverdue: number; maxOverdue: number }) {
  const clinic = ctx.clinic();
  const asOf = asOfDate(f.asOf, ctx.now, clinic.timeZone);
  const params = dueParams(ctx.sqlite, f, asOf, ctx.now, window);
  const all = f.format === 'csv';
  const keys = cached(ctx.sqlite, DUE_PAGE_SQL[f.sort]).all({ ...params, limit: all ? -1 : f.limit, offset: all ? 0 : f.offset }) as Key[];
  const rows = keys.map((key) => dueRowOf(ctx.sqlite, key, params.now));
  const total = all ? rows.length : (cached(ctx.sqlite, countSqlOf(params)).pluck().get(params) as number);
  return { asOf, total, rows: all ? [] : rows, csv: all ? csvOf(rows, clinic.currency) : null };
}

export const listHandlers: HandlerMap<'retention.delinquency' | 'retention.dueSoon'> = {
  'retention.delinquency': (input, ctx) => dueList(ctx, input, { minOverdue: 1, maxOverdue: NO_LIMIT }),
  'retention.dueSoon': ({ days, ...input }, ctx) => dueList(ctx, input, { minOverdue: -days, maxOverdue: 0 }),
};
