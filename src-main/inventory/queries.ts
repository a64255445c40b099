import { NO_LOT } from '../../db/migrations/0027_stock_on_hand';

/**
 * The SQL of inventory's hot lists, exported so the benchmark's raw-SQL floor runs exactly the same text.
 * On hand is read from stockOnHand (db/migrations/0027_stock_on_hand.ts): each product's and lot's sum of movements,
 * kept by a trigger on the ledger, a row per lot.
 */
export const LOW_STOCK_SQL = `
  SELECT p.id, p.name, p.sku, p.barcode, p.kind, p.unit, p.unitsPerPackage, p.priceCents, p.taxable, p.reorderLevel, p.active, s.onHand
  FROM product p
  JOIN (SELECT p2.id AS productId, (SELECT coalesce(sum(o.onHand), 0) FROM stockOnHand o WHERE o.productId = p2.id) AS onHand
        FROM product p2 WHERE p2.active = 1) s ON s.productId = p.id
  WHERE s.onHand <= p.reorderLevel
  ORDER BY s.onHand - p.reorderLevel, p.name`;

const onHandSql = (where: string) => `
  SELECT p.id AS productId, p.name AS productName, p.unit, nullif(o.lotKey, ${NO_LOT}) AS lotId, l.lotNumber, l.expiry, o.onHand
  FROM stockOnHand o
  JOIN product p ON p.id = o.productId
  LEFT JOIN stockLot l ON l.id = o.lotKey
  WHERE (@includeEmpty OR o.onHand <> 0) ${where}
  ORDER BY p.name, l.expiry IS NULL, l.expiry, l.lotNumber`;

/**
 * The lines of an invoice whose products leave stock when it is issued, in line order. Retail and consumables leave
 * then; injectables leave when the visit note that records the injection is signed (the clinical record of what went
 * into whom), so a toxin billed on the invoice is never taken twice.
 */
export const STOCK_LINES_SQL = `SELECT l.id, l.position, l.productId, l.lotId, l.quantity, p.name, p.kind, i.patientId, i.appointmentId, i.number
  FROM invoiceLine l JOIN product p ON p.id = l.productId JOIN invoice i ON i.id = l.invoiceId
  WHERE l.invoiceId = ? AND p.kind IN ('retail', 'consumable')
  ORDER BY l.position`;

/** Stock on hand per lot (and without a lot) of one product. */
export const ON_HAND_SQL = onHandSql('AND o.productId = @productId');
/** The same for every product. */
export const ON_HAND_ALL_SQL = onHandSql('');
