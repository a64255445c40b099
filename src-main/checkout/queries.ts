/**
 * The SQL of the desk's sale (bench row "checkout commit": a draft written, issued and paid in one call), run with
 * `cached(ctx.sqlite, …)` by the handlers and, word for word, by the bench's raw-SQL floor. A sale is a few dozen
 * small statements, and building each through Kysely cost more than running it (the row's ratio to its floor was
 * 2.2 against a target of 1.3), so this path is raw SQL; the rest of checkout stays on Kysely.
 */

const insertSql = (table: string, columns: readonly string[]) => `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`;

export const INVOICE_SQL = 'SELECT * FROM invoice WHERE id = ?';

export const INSERT_INVOICE_SQL = insertSql('invoice', [
  'id', 'number', 'patientId', 'appointmentId', 'status', 'pricesIncludeTax', 'taxRounding', 'discountKind', 'discountValue', 'grossCents',
  'discountCents', 'netCents', 'taxCents', 'totalCents', 'notes', 'issuedAt', 'issuedBy', 'voidedAt', 'voidedBy', 'voidReason', 'couponCodeId',
  'couponDiscountCents', 'memberTier', 'memberDiscountBasisPoints', 'memberCategoryIds', 'memberDiscountCents', 'createdBy', 'createdAt', 'updatedAt',
]);

export const DEFAULT_TAX_RATE_SQL = 'SELECT rateMillipercent FROM taxRate WHERE isDefault = 1 AND active = 1';

/** The services and providers a draft's lines name, given as a JSON array of ids: one text for any number of lines. */
export const SERVICES_SQL = 'SELECT id, name, priceCents, taxable, categoryId FROM service WHERE id IN (SELECT value FROM json_each(?))';
export const PROVIDERS_SQL = 'SELECT id FROM staff WHERE id IN (SELECT value FROM json_each(?))';

export const DELETE_LINES_SQL = 'DELETE FROM invoiceLine WHERE invoiceId = ?';

export const INSERT_LINE_SQL = insertSql('invoiceLine', [
  'id', 'invoiceId', 'position', 'serviceId', 'productId', 'lotId', 'description', 'staffId', 'quantity', 'unitPriceCents', 'discountKind',
  'discountValue', 'taxRateMillipercent', 'grossCents', 'discountCents', 'netCents', 'taxCents', 'totalCents', 'packagePlanId', 'topUpPlanId',
  'giftCard', 'giftCardCode',
]);

export const SET_TOTALS_SQL = `UPDATE invoice SET discountKind = @discountKind, discountValue = @discountValue, grossCents = @grossCents,
  discountCents = @discountCents, netCents = @netCents, taxCents = @taxCents, totalCents = @totalCents, couponCodeId = @couponCodeId,
  couponDiscountCents = @couponDiscountCents, memberTier = @memberTier, memberDiscountBasisPoints = @memberDiscountBasisPoints,
  memberCategoryIds = @memberCategoryIds, memberDiscountCents = @memberDiscountCents, updatedAt = @updatedAt WHERE id = @id`;

export const HAS_LINES_SQL = 'SELECT 1 FROM invoiceLine WHERE invoiceId = ? LIMIT 1';

export const ISSUE_SQL = "UPDATE invoice SET status = 'issued', number = @number, issuedAt = @at, issuedBy = @by, updatedAt = @at WHERE id = @id";

/** What an invoice's credit notes and net payments come to, for a query that has the invoice as `invoice`. */
export const CREDITED_SQL = 'coalesce((SELECT sum(c.totalCents) FROM creditNote c WHERE c.invoiceId = invoice.id), 0)';
export const PAID_SQL = 'coalesce((SELECT sum(p.amountCents) FROM payment p WHERE p.invoiceId = invoice.id), 0)';

export const SETTLEMENT_SQL = `SELECT status, totalCents, ${CREDITED_SQL} AS credited, ${PAID_SQL} AS paid FROM invoice WHERE id = ?`;

export const INSERT_PAYMENT_SQL = insertSql('payment', [
  'id', 'invoiceId', 'patientId', 'tender', 'amountCents', 'tenderedCents', 'changeCents', 'reference', 'creditNoteId', 'takenAt', 'takenBy',
  'giftCardId', 'patientPackageId', 'units', 'points',
]);

/** One invoice whole (`loadInvoice`): the invoice with its patient's name, lines, payments and credit notes. */
export const INVOICE_VIEW_SQL = `SELECT invoice.*, patient.firstName || ' ' || patient.lastName AS patientName
  FROM invoice LEFT JOIN patient ON patient.id = invoice.patientId WHERE invoice.id = ?`;
export const LINES_VIEW_SQL = `SELECT l.*, s.displayName AS staffName,
    coalesce((SELECT sum(c.quantity) FROM creditNoteLine c WHERE c.invoiceLineId = l.id), 0) AS refundedQuantity,
    coalesce((SELECT g.code FROM giftCard g WHERE g.saleLineId = l.id), l.giftCardCode) AS cardCode
  FROM invoiceLine l LEFT JOIN staff s ON s.id = l.staffId WHERE l.invoiceId = ? ORDER BY l.position`;
export const PAYMENTS_VIEW_SQL = `SELECT p.id, p.tender, p.amountCents, p.tenderedCents, p.changeCents, p.reference, p.creditNoteId, p.takenAt,
    s.displayName AS takenBy, p.giftCardId, p.patientPackageId, p.units, p.points
  FROM payment p LEFT JOIN staff s ON s.id = p.takenBy WHERE p.invoiceId = ? ORDER BY p.takenAt, p.id`;
export const CREDIT_NOTES_VIEW_SQL = 'SELECT id, number, reason, refundTo, totalCents, createdAt FROM creditNote WHERE invoiceId = ? ORDER BY createdAt';
