import type { ProjectedSales } from '../../../src-shared/contract/reports-pipeline';
import type { ParsedInputOf } from '../../../src-shared/contract/index';
import { addCalendarDays, addCalendarMonths, localDate, startOfLocalDay } from '../../../src-shared/time';
import { cached } from '../../core/db';
import type { HandlerContext, HandlerMap } from '../../core/registry';
import { dueParams, NO_LIMIT } from '../../retention/index';
import { type Assumptions, assumptionsOf } from './assumptions';
import { daysOf, localDays, periodTarget, utcRange } from './period';
import { CATEGORY_NAMES_SQL, GAP_CLOSERS_SQL, NET_SALES_SQL, OPEN_LEADS_SQL, PROJECTED_SQL, STAFF_NAMES_SQL } from './queries';
import { monthlyTargets } from './settings';

interface Group {
  date: string;
  categoryId: number;
  staffId: number;
  treatments: number;
  treatmentsCents: number;
  consults: number;
  consultsCents: number;
}

type Expected = { treatments: number; treatmentsCents: number; consults: number; consultsCents: number; expectedCents: number };
const none = (): Expected => ({ treatments: 0, treatmentsCents: 0, consults: 0, consultsCents: 0, expectedCents: 0 });
function add(into: Expected, g: Group): void {
  into.treatments += g.treatments;
  into.treatmentsCents += g.treatmentsCents;
  into.consults += g.consults;
  into.consultsCents += g.consultsCents;
  into.expectedCents += g.treatmentsCents + g.consultsCents;
}

function addTo<K>(map: Map<K, Expected>, key: K, g: Group): void {
  const into = map.get(key) ?? none();
  add(into, g);
  map.set(key, into);
}

/** What a booked consult is worth under the assumptions (CONSULT_VALUE's parameters). */
const consultParams = (a: Assumptions) => ({ consultAsp: JSON.stringify(a.consultAspByCategory), consultBp: a.consultToTreatmentBp });

/** The parameters of the bookings behind a projected figure (PROJECTED_ROWS_SQL). */
export function projectionParams(ctx: HandlerContext, from: string, to: string, a: Assumptions) {
  const zone = ctx.clinic().timeZone;
  return { ...utcRange(from, to, zone), zone, ...consultParams(a) };
}

/** Leads of the last N days (today included), counted as of now. */
export function leadSinceOf(ctx: HandlerContext, openLeadDays: number): string {
  const zone = ctx.clinic().timeZone;
  return startOfLocalDay(addCalendarDays(localDate(ctx.now, zone), 1 - openLeadDays), zone).toISOString();
}

export function projectedSales(ctx: HandlerContext, input: ParsedInputOf<'reports.projectedSales'>): ProjectedSales {
  const { from, to } = input;
  const clinic = ctx.clinic();
  const a = assumptionsOf(ctx, input.include.leads, input.overrides);
  const groups = cached(ctx.sqlite, PROJECTED_SQL).all({ days: localDays(from, to, clinic.timeZone), ...consultParams(a) }) as Group[];
  const names = namesOf(ctx);

  const totals = none();
  const byDay = new Map<string, Expected>();
  const byCategory = new Map<number, Expected>();
  const byProvider = new Map<number, Expected>();
  for (const g of groups) {
    add(totals, g);
    addTo(byDay, g.date, g);
    addTo(byCategory, g.categoryId, g);
    addTo(byProvider, g.staffId, g);
  }
  const openLeads = a.includeLeads ? (cached(ctx.sqlite, OPEN_LEADS_SQL).get({ leadSince: leadSinceOf(ctx, a.openLeadDays) }) as { leads: number }).leads : 0;
  const leadsCents = openLeads * a.perLeadCents;

  const lastYearFrom = addCalendarMonths(from, -12);
  const lastYearTo = addCalendarMonths(to, -12);
  const { netSalesCents } = cached(ctx.sqlite, NET_SALES_SQL).get(utcRange(lastYearFrom, lastYearTo, clinic.timeZone)) as { netSalesCents: number };
  const expectedCents = totals.expectedCents + leadsCents;
  const target = periodTarget(from, to, clinic.weeklySalesTargetCents, monthlyTargets(ctx.sqlite));

  const asp = JSON.stringify(a.aspByCategory);
  const closers = (minOverdue: number, maxOverdue: number) => {
    const { scope } = dueParams(ctx.sqlite, { scheduled: 'any', sort: 'daysOverdue', limit: 1, offset: 0, format: 'json' }, from, ctx.now, { minOverdue, maxOverdue });
    return cached(ctx.sqlite, GAP_CLOSERS_SQL).get({ scope, asp }) as { patients: number; potentialCents: number };
  };

  const days = [...byDay].sort(([x], [y]) => x.localeCompare(y));
  return {
    from,
    to,
    assumptions: a.shown,
    totals: { ...totals, expectedCents, openLeads, leadsCents },
    byDay: days.map(([date, e]) => ({ date, ...e })),
    byCategory: [...byCategory].map(([categoryId, e]) => ({ categoryId, categoryName: names.category.get(categoryId) ?? '', ...e })).sort((x, y) => y.expectedCents - x.expectedCents || x.categoryName.localeCompare(y.categoryName)),
    byProvider: [...byProvider].map(([staffId, e]) => ({ staffId, staffName: names.staff.get(staffId) ?? '', ...e })).sort((x, y) => y.expectedCents - x.expectedCents || x.staffName.localeCompare(y.staffName)),
    lastYear: { from: lastYearFrom, to: lastYearTo, netSalesCents },
    target: { targetCents: target.targetCents, gapCents: target.targetCents - expectedCents, monthsWithTarget: target.monthsWithTarget },
    gapClosers: { delinquent: closers(1, NO_LIMIT), dueSoon: closers(1 - daysOf(from, to), 0) },
    emptyText:
      groups.length === 0 && openLeads === 0
        ? 'Nothing is booked in this period and there are no open leads: book consults and treatments, or widen the period.'
        : null,
  };
}

function namesOf(ctx: HandlerContext) {
  const category = new Map((cached(ctx.sqlite, CATEGORY_NAMES_SQL).all() as { id: number; name: string }[]).map((r) => [r.id, r.name]));
  const staff = new Map((cached(ctx.sqlite, STAFF_NAMES_SQL).all() as { id: number; name: string }[]).map((r) => [r.id, r.name]));
  return { category, staff };
}

export const projectedHandlers: HandlerMap<'reports.projectedSales'> = {
  'reports.projectedSales': (input, ctx) => projectedSales(ctx, input),
};
