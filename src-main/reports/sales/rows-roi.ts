import type { SalesRowsInput } from '../../../src-shared/contract/reports-sales';
import { fieldError } from '../../../src-shared/errors';
import type { ReportTable } from '../../../src-shared/reports/document';
import { localDate } from '../../../src-shared/time';
import type { z } from 'zod';
import type { HandlerContext } from '../../core/registry';
import { cached } from '../../core/db';
import { COUPON_USES_SQL, INVOICE_REVENUE_SQL, LEADS_SQL, SCOPE_REVENUE_SQL } from './queries';
import { type Use } from './coupon-roi';
import { type Lead, leadRevenue } from './referral-roi';
import { boundsOf, earlier, justAfter } from './period';

type Input = z.output<typeof SalesRowsInput>;
type Rows = { table: ReportTable; total: number };


function revenueBy(ctx: HandlerContext, sql: string, param: 'scope' | 'invoices', items: object[] | string): Map<number, number> {
  const json = typeof items === 'string' ? items : JSON.stringify(items);
  const rows = cached(ctx.sqlite, sql).all({ [param]: json, mode: ctx.clinic().packageRevenue }) as { key: number; amountCents: number }[];
  return new Map(rows.map((r) => [r.key, r.amountCents]));
}

async function patientNames(ctx: HandlerContext, ids: number[]): Promise<Map<number, { name: string; number: string; createdAt: string }>> {
  if (!ids.length) return new Map();
  const rows = await ctx.db.selectFrom('patient').select(['id', 'firstName', 'lastName', 'number', 'createdAt']).where('id', 'in', ids).execute();
  return new Map(rows.map((p) => [p.id, { name: `${p.lastName}, ${p.firstName}`, number: p.number, createdAt: p.createdAt }]));
}

const sumOf = (rows: Record<string, unknown>[], key: string) => rows.reduce((sum, r) => sum + (typeof r[key] === 'number' ? r[key] : 0), 0);

/** The invoices that used a coupon in the period (net uses, discount, their revenue) and the later revenue of new ones' patients. */
export async function couponRows(input: Input, ctx: HandlerContext): Promise<Rows> {
  if (typeof input.key !== 'number') throw fieldError('invalid_input', 'A coupon is given by its id.', 'key');
  const coupon = await ctx.db.selectFrom('coupon').select(['id', 'name']).where('id', '=', input.key).executeTakeFirst();
  if (!coupon) throw fieldError('not_found', 'There is no such coupon.', 'key');
  const zone = ctx.clinic().timeZone;
  const bounds = boundsOf(input.from, input.to, zone);
  const untilAt = earlier(bounds.toAt, ctx.now.toISOString());
  const uses = (cached(ctx.sqlite, COUPON_USES_SQL).all({ fromAt: bounds.fromAt, toAt: bounds.toAt }) as Use[])
    .filter((u) => u.couponId === coupon.id)
    .sort((a, b) => (a.issuedAt ?? '').localeCompare(b.issuedAt ?? '') || a.invoiceId - b.invoiceId);
  const redeeming = uses.filter((u) => u.uses > 0 && u.status === 'issued');
  const revenue = revenueBy(ctx, INVOICE_REVENUE_SQL, 'invoices', redeeming.map((u) => ({ key: u.invoiceId, invoiceId: u.invoiceId, untilAt })));
  // Later revenue belongs to each patient's first redeeming invoice (as the report counts it).
  const firsts = new Map<number, (typeof uses)[number]>();
  for (const u of redeeming) if (u.patientId !== null && u.issuedAt !== null && !firsts.has(u.patientId)) firsts.set(u.patientId, u);
  const scope = [...firsts.values()].filter((u) => justAfter(u.issuedAt!) < untilAt).map((u) => ({ key: u.invoiceId, patientId: u.patientId, fromAt: justAfter(u.issuedAt!), toAt: untilAt, untilAt }));
  const later = revenueBy(ctx, SCOPE_REVENUE_SQL, 'scope', scope);
  const numbers = new Map((await ctx.db.selectFrom('invoice').select(['id', 'number']).where('id', 'in', uses.length ? uses.map((u) => u.invoiceId) : [0]).execute()).map((i) => [i.id, i.number]));
  const names = await patientNames(ctx, [...new Set(uses.flatMap((u) => (u.patientId === null ? [] : [u.patientId])))]);
  const all = uses.map((u) => ({
    date: u.issuedAt ? localDate(u.issuedAt, zone) : null,
    invoiceId: u.invoiceId,
    invoiceNumber: numbers.get(u.invoiceId) ?? null,
    patientId: u.patientId,
    patientName: u.patientId === null ? null : (names.get(u.patientId)?.name ?? null),
    status: u.status === 'issued' ? (u.uses > 0 ? 'Redeemed' : 'Taken back') : u.status === 'void' ? 'Voided' : 'Back to draft',
    uses: u.uses,
    discountCents: u.discountCents,
    revenueCents: revenue.get(u.invoiceId) ?? 0,
    laterRevenueCents: later.get(u.invoiceId) ?? 0,
    newPatient: u.uses > 0 && u.status === 'issued' && u.firstPurchase === 1 && firsts.get(u.patientId ?? -1) === u ? 1 : 0,
  }));
  return {
    total: all.length,
    table: {
      kind: 'table',
      title: `Invoices that used ${coupon.name}`,
      columns: [
        { key: 'date', label: 'Issued', format: 'date' },
        { key: 'invoiceNumber', label: 'Invoice', format: 'text' },
        { key: 'patientName', label: 'Patient', format: 'text' },
        { key: 'status', label: 'Status', format: 'text' },
        { key: 'uses', label: 'Uses', format: 'integer' },
        { key: 'discountCents', label: 'Discount', format: 'money' },
        { key: 'revenueCents', label: 'Revenue', format: 'money' },
        { key: 'laterRevenueCents', label: 'Later revenue', format: 'money' },
        { key: 'newPatient', label: 'New patient', format: 'integer' },
      ],
      rows: all.slice(input.offset, input.offset + input.limit),
      totals: Object.fromEntries(['uses', 'discountCents', 'revenueCents', 'laterRevenueCents', 'newPatient'].map((k) => [k, sumOf(all, k)])),
      emptyText: 'This coupon was not used in the period.',
    },
  };
}

/** The leads of one referral source in the period: each patient, their first purchase and their revenue. */
export async function referralRows(input: Input, ctx: HandlerContext): Promise<Rows> {
  let title: string;
  if (input.key === 'patient') title = 'New patients referred by a patient';
  else if (input.key === 'unknown') title = 'New patients without a referral source';
  else if (typeof input.key === 'number') {
    const source = await ctx.db.selectFrom('referralSource').select('name').where('id', '=', input.key).executeTakeFirst();
    if (!source) throw fieldError('not_found', 'There is no such referral source.', 'key');
    title = `New patients from ${source.name}`;
  } else throw fieldError('invalid_input', 'A source is a referral source id, “patient” or “unknown”.', 'key');
  const zone = ctx.clinic().timeZone;
  const bounds = boundsOf(input.from, input.to, zone);
  const nowAt = ctx.now.toISOString();
  const leads = (cached(ctx.sqlite, LEADS_SQL).all({ fromAt: bounds.fromAt, toAt: bounds.toAt }) as Lead[]).filter(
    (l) => l.source === input.key,
  );
  // The report's own cohort, keyed by patient instead of source: each row is one lead's share of the figure.
  const revenue = leadRevenue<number>(ctx.sqlite, { fromAt: bounds.fromAt, toAt: bounds.toAt, nowAt, mode: ctx.clinic().packageRevenue, source: input.key });
  const names = await patientNames(ctx, leads.map((l) => l.patientId));
  const all = leads
    .map((l) => {
      const p = names.get(l.patientId);
      return {
        patientId: l.patientId,
        patientNumber: p?.number ?? null,
        patientName: p?.name ?? null,
        added: p ? localDate(p.createdAt, zone) : null,
        firstPurchase: l.firstAt ? localDate(l.firstAt, zone) : null,
        patient: l.firstAt ? 1 : 0,
        firstYearRevenueCents: revenue.get(l.patientId)?.firstYearCents ?? 0,
        lifetimeRevenueCents: revenue.get(l.patientId)?.lifetimeCents ?? 0,
      };
    })
    .sort((a, b) => (a.added ?? '').localeCompare(b.added ?? '') || a.patientId - b.patientId);
  return {
    total: all.length,
    table: {
      kind: 'table',
      title,
      columns: [
        { key: 'added', label: 'Added', format: 'date' },
        { key: 'patientNumber', label: 'Number', format: 'text' },
        { key: 'patientName', label: 'Patient', format: 'text' },
        { key: 'firstPurchase', label: 'First purchase', format: 'date' },
        { key: 'firstYearRevenueCents', label: 'First-year revenue', format: 'money' },
        { key: 'lifetimeRevenueCents', label: 'Lifetime revenue', format: 'money' },
      ],
      rows: all.slice(input.offset, input.offset + input.limit),
      totals: { patient: sumOf(all, 'patient'), firstYearRevenueCents: sumOf(all, 'firstYearRevenueCents'), lifetimeRevenueCents: sumOf(all, 'lifetimeRevenueCents') },
      emptyText: 'No new patients from this source in the period.',
    },
  };
}
