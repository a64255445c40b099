import type { CommissionLine } from '../../src-shared/contract/closing';
import { LumenError } from '../../src-shared/errors';
import { minorUnits, percentOf } from '../../src-shared/money';
import { localDate } from '../../src-shared/time';
import { cached } from '../core/db';
import { importedInvoiceSql } from '../core/series';
import type { HandlerMap } from '../core/registry';
import type { CommissionRateTable } from '../core/schema-closing';
import { rateText } from './rates';
import { dayBounds } from './till';

/*
 * Commission is earned when a sale is invoiced (issued), on the line's net: a clinic pays on what its providers sold,
 * and a refund or a void claws back what it took away, in the period it happened. Each statement line says what is
 * still owed on its invoice, so a manager can hold back commission on unpaid sales. Rates are today's rates. Sales
 * imported from another system (IMP-…) were paid their commission there: they earn and claw back none here.
 */

/** Columns every statement row shares: the invoice line, its invoice and patient, and what its invoice still owes. */
const LINE_COLUMNS = `
  i.id AS invoiceId, i.number AS invoiceNumber, p.firstName || ' ' || p.lastName AS patientName,
  l.serviceId, v.categoryId, l.description, l.quantity AS lineQuantity, l.netCents AS lineNetCents,
  CASE WHEN i.status = 'void' THEN 0 ELSE i.totalCents
    - coalesce((SELECT sum(x.totalCents) FROM creditNote x WHERE x.invoiceId = i.id), 0)
    - coalesce((SELECT sum(y.amountCents) FROM payment y WHERE y.invoiceId = i.id), 0) END AS invoiceDueCents`;
const LINE_JOINS = 'JOIN invoice i ON i.id = l.invoiceId LEFT JOIN patient p ON p.id = i.patientId LEFT JOIN service v ON v.id = l.serviceId';

/** What was refunded of the line before: its credit note lines `earlier` (a condition on their note f), net and units. */
const REFUNDED_BEFORE = (earlier: string) => `
  coalesce((SELECT sum(e.netCents) FROM creditNoteLine e JOIN creditNote f ON f.id = e.creditNoteId WHERE e.invoiceLineId = l.id AND ${earlier}), 0) AS refundedNetBefore,
  coalesce((SELECT sum(e.quantity) FROM creditNoteLine e JOIN creditNote f ON f.id = e.creditNoteId WHERE e.invoiceLineId = l.id AND ${earlier}), 0) AS refundedUnitsBefore`;

/** Lines the provider sold on invoices issued in the period (voided ones too: their void is a clawback). */
const SALES_SQL = `
  SELECT i.issuedAt AS at, ${LINE_COLUMNS}
  FROM invoiceLine l ${LINE_JOINS}
  WHERE l.staffId = @staffId AND i.issuedAt >= @start AND i.issuedAt < @end AND i.status <> 'draft' AND NOT (${importedInvoiceSql('i')})
  ORDER BY i.issuedAt, i.id, l.position`;

/** Units of the provider's lines returned by credit notes written in the period. */
const CREDITS_SQL = `
  SELECT c.createdAt AS at, c.number AS creditNoteNumber, cl.quantity, cl.netCents, ${REFUNDED_BEFORE('(f.createdAt < c.createdAt OR (f.createdAt = c.createdAt AND f.id < c.id))')}, ${LINE_COLUMNS}
  FROM creditNote c JOIN creditNoteLine cl ON cl.creditNoteId = c.id JOIN invoiceLine l ON l.id = cl.invoiceLineId ${LINE_JOINS}
  WHERE c.createdAt >= @start AND c.createdAt < @end AND l.staffId = @staffId AND NOT (${importedInvoiceSql('i')})
  ORDER BY c.createdAt, c.id`;

/** The provider's lines on invoices voided in the period: what was left of them after earlier credit notes. */
const VOIDS_SQL = `
  SELECT i.voidedAt AS at, ${REFUNDED_BEFORE('f.createdAt <= i.voidedAt')}, ${LINE_COLUMNS}
  FROM invoice i JOIN invoiceLine l ON l.invoiceId = i.id LEFT JOIN patient p ON p.id = i.patientId LEFT JOIN service v ON v.id = l.serviceId
  WHERE i.voidedAt >= @start AND i.voidedAt < @end AND l.staffId = @staffId AND NOT (${importedInvoiceSql('i')})
  ORDER BY i.voidedAt, i.id, l.position`;

interface LineRow {
  at: string;
  invoiceId: number;
  invoiceNumber: string | null;
  patientName: string | null;
  serviceId: number | null;
  categoryId: number | null;
  description: string;
  lineQuantity: number;
  lineNetCents: number;
  invoiceDueCents: number;
  creditNoteNumber?: string;
  quantity?: number;
  netCents?: number;
  refundedNetBefore?: number;
  refundedUnitsBefore?: number;
}

type Rate = Pick<CommissionRateTable, 'kind' | 'value' | 'serviceCategoryId' | 'serviceId'>;

/** The most specific rate: the service's, then its category's, then the provider's default. */
function rateFor(rates: Rate[], row: Pick<LineRow, 'serviceId' | 'categoryId'>): Rate | null {
  return (
    rates.find((r) => r.serviceId !== null && r.serviceId === row.serviceId) ??
    rates.find((r) => r.serviceCategoryId !== null && r.serviceCategoryId === row.categoryId) ??
    rates.find((r) => r.serviceId === null && r.serviceCategoryId === null) ??
    null
  );
}

/** Commission on a share of a line: units and net counted from the line's start, so every clawback of a line adds up to exactly what it earned. */
const commissionOn = (rate: Rate | null, units: number, netCents: number) => (!rate ? 0 : rate.kind === 'percent' ? percentOf(netCents, rate.value) : units * rate.value);

export const commissionHandlers: HandlerMap<'commission.statement'> = {
  'commission.statement': async ({ staffId, from, to }, ctx) => {
    const provider = await ctx.db.selectFrom('staff').select(['id', 'displayName']).where('id', '=', staffId).executeTakeFirst();
    if (!provider) throw new LumenError('not_found', 'There is no such staff member.');
    const { timeZone, currency } = ctx.clinic();
    // Newest first: of two rates for one scope (set on two workstations offline), the later applies.
    const rates = await ctx.db.selectFrom('commissionRate').select(['kind', 'value', 'serviceCategoryId', 'serviceId']).where('staffId', '=', staffId).orderBy('updatedAt', 'desc').orderBy('id', 'desc').execute();
    const exponent = minorUnits(currency);
    const params = { staffId, start: dayBounds(from, timeZone, 'all').start, end: dayBounds(to, timeZone, 'all').end };

    const line = (row: LineRow, kind: CommissionLine['kind'], quantity: number, netCents: number, commissionCents: number): CommissionLine => ({
      kind,
      date: localDate(row.at, timeZone),
      invoiceId: row.invoiceId,
      invoiceNumber: row.invoiceNumber,
      creditNoteNumber: row.creditNoteNumber ?? null,
      patientName: row.patientName,
      description: row.description,
      quantity,
      netCents,
      rate: rateText(rateFor(rates, row), exponent),
      commissionCents,
      invoiceDueCents: row.invoiceDueCents,
    });
    const sales = (cached(ctx.sqlite, SALES_SQL).all(params) as LineRow[]).map((row) =>
      line(row, 'sale', row.lineQuantity, row.lineNetCents, commissionOn(rateFor(rates, row), row.lineQuantity, row.lineNetCents)),
    );
    // A clawback takes back the commission on the units returned: what the refunded share earned, counted cumulatively.
    const clawback = (row: LineRow, units: number, netCents: number) => {
      const rate = rateFor(rates, row);
      const before = commissionOn(rate, row.refundedUnitsBefore!, row.refundedNetBefore!);
      const after = commissionOn(rate, row.refundedUnitsBefore! + units, row.refundedNetBefore! + netCents);
      return line(row, 'clawback', -units, -netCents, before - after);
    };
    const credits = (cached(ctx.sqlite, CREDITS_SQL).all(params) as LineRow[]).map((row) => clawback(row, row.quantity!, row.netCents!));
    const voids = (cached(ctx.sqlite, VOIDS_SQL).all(params) as LineRow[])
      .filter((row) => row.lineQuantity > row.refundedUnitsBefore!)
      .map((row) => clawback(row, row.lineQuantity - row.refundedUnitsBefore!, row.lineNetCents - row.refundedNetBefore!));

    const lines = [...sales, ...credits, ...voids].sort((a, b) => a.date.localeCompare(b.date));
    const total = (of: CommissionLine[], key: 'netCents' | 'commissionCents') => of.reduce((sum, l) => sum + l[key], 0);
    const earned = lines.filter((l) => l.kind === 'sale');
    const clawedBack = lines.filter((l) => l.kind === 'clawback');
    return {
      staffId,
      staffName: provider.displayName,
      from,
      to,
      currency,
      lines,
      salesNetCents: total(earned, 'netCents'),
      clawbackNetCents: total(clawedBack, 'netCents'),
      earnedCents: total(earned, 'commissionCents'),
      clawedBackCents: total(clawedBack, 'commissionCents'),
      totalCents: total(lines, 'commissionCents'),
    };
  },
};
