/**
 * The SQL prepaid runs on every sale (issued and paid), exported so the bench's checkout floor runs the same text:
 * the lines that sell something ahead (a package, a top-up, a gift card) with the quantity refunded of each.
 */
export const SOLD_AHEAD_LINES_SQL = `SELECT l.id, l.description, l.unitPriceCents, l.packagePlanId, l.topUpPlanId, l.giftCard, l.giftCardCode,
    coalesce((SELECT sum(c.quantity) FROM creditNoteLine c WHERE c.invoiceLineId = l.id), 0) AS refunded
  FROM invoiceLine l
  WHERE l.invoiceId = ? AND (l.packagePlanId IS NOT NULL OR l.topUpPlanId IS NOT NULL OR l.giftCard = 1)
  ORDER BY l.position`;
