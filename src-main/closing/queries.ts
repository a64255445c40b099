import { importedInvoiceSql } from '../core/series';

/*
 * The Z report's SQL, run by closing/report.ts and timed by its bench row beside the same text as its floor. A day
 * is [start, end) of its clinic-local date as UTC instants; a till is its workstation's id range [first, last] (every
 * row a workstation writes takes an id from its own range, so the rows of one till need no column of their own; the
 * clinic's total is the whole range). The range is written `+id` so it is never used as an index: the day's instant
 * range is what narrows the rows (a till's range is most of the table on a clinic with one workstation).
 * Sales imported from another system (imports/sales.ts, numbered `IMP-…`) belong to no till: their invoices, their
 * payment and an undo's reversal and void are left out. A credit note on one is the desk's own refund and counts.
 */

/** Money in and out per tender: payments taken that day on the till (positive in, negative refunds). */
export const TENDERS_SQL = `
  SELECT tender, count(*) AS count,
    coalesce(sum(CASE WHEN amountCents > 0 THEN amountCents END), 0) AS takenCents,
    coalesce(-sum(CASE WHEN amountCents < 0 THEN amountCents END), 0) AS refundedCents,
    coalesce(sum(changeCents), 0) AS changeCents
  FROM payment
  WHERE takenAt >= @start AND takenAt < @end AND +id BETWEEN @first AND @last
    AND NOT (creditNoteId IS NULL AND invoiceId IN (SELECT x.id FROM invoice x WHERE ${importedInvoiceSql('x')}))
  GROUP BY tender`;

/** Credit notes written that day on the till, with the money each sent back (its negative payments). */
export const REFUNDS_SQL = `
  SELECT c.number, i.number AS invoiceNumber, c.reason, c.refundTo, c.totalCents,
    coalesce((SELECT -sum(p.amountCents) FROM payment p WHERE p.invoiceId = c.invoiceId AND p.creditNoteId = c.id), 0) AS refundedCents
  FROM creditNote c JOIN invoice i ON i.id = c.invoiceId
  WHERE c.createdAt >= @start AND c.createdAt < @end AND +c.id BETWEEN @first AND @last
  ORDER BY c.createdAt, c.id`;

/** Invoices of the till voided that day. */
export const VOIDS_SQL = `
  SELECT number, totalCents, coalesce(voidReason, '') AS reason
  FROM invoice
  WHERE voidedAt >= @start AND voidedAt < @end AND +id BETWEEN @first AND @last AND NOT (${importedInvoiceSql('invoice')})
  ORDER BY voidedAt, id`;

/** Invoices issued that day and still standing: their sums, and what is still owed on them now. */
export const ISSUED_SQL = `
  SELECT count(*) AS count,
    coalesce(sum(i.discountCents), 0) AS discountCents,
    coalesce(sum(i.netCents), 0) AS netCents,
    coalesce(sum(i.taxCents), 0) AS taxCents,
    coalesce(sum(i.totalCents), 0) AS totalCents,
    coalesce(sum(max(0, i.totalCents
      - coalesce((SELECT sum(c.totalCents) FROM creditNote c WHERE c.invoiceId = i.id), 0)
      - coalesce((SELECT sum(p.amountCents) FROM payment p WHERE p.invoiceId = i.id), 0))), 0) AS owedCents
  FROM invoice i
  WHERE i.issuedAt >= @start AND i.issuedAt < @end AND i.status = 'issued' AND +i.id BETWEEN @first AND @last AND NOT (${importedInvoiceSql('i')})`;

/** Net and tax by rate of the invoices issued that day (each line keeps its share of tax, whatever the rounding). */
export const TAXES_SQL = `
  SELECT l.taxRateMillipercent AS rateMillipercent, sum(l.netCents) AS netCents, sum(l.taxCents) AS taxCents
  FROM invoice i CROSS JOIN invoiceLine l ON l.invoiceId = i.id
  WHERE i.issuedAt >= @start AND i.issuedAt < @end AND i.status = 'issued' AND +i.id BETWEEN @first AND @last AND NOT (${importedInvoiceSql('i')})
  GROUP BY l.taxRateMillipercent
  ORDER BY l.taxRateMillipercent`;

/** The float each till's last close before the date left in its drawer (the till's, or every till's summed). */
export const OPENING_FLOAT_SQL = `
  SELECT coalesce(sum((SELECT d.floatLeftCents FROM dayClose d WHERE d.workstationNumber = w.number AND d.date < @date ORDER BY d.date DESC LIMIT 1)), 0)
  FROM workstation w
  WHERE w.number BETWEEN @firstTill AND @lastTill`;

/** The closes of a date (one till's, or every till's). */
export const CLOSES_SQL = `
  SELECT d.*, coalesce(w.name, 'Workstation ' || d.workstationNumber) AS workstationName, s.displayName AS closedByName
  FROM dayClose d LEFT JOIN workstation w ON w.number = d.workstationNumber LEFT JOIN staff s ON s.id = d.closedBy
  WHERE d.date = @date AND d.workstationNumber BETWEEN @firstTill AND @lastTill
  ORDER BY d.workstationNumber`;
