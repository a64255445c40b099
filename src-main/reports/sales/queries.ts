/**
 * The sales reports' SQL. Every report reads one set of **revenue entries** (docs/ARCHITECTURE.md, "Sales reports"):
 * - `sale`: a line of an issued invoice, net of tax, at the invoice's `issuedAt`;
 * - `refund`: a credit note line of such a line (negative), at the credit note's `createdAt`;
 * - `redemption` (only when packages count at redemption): a package's share for the units one payment used, at the
 *   ledger entry's `at`, for the category and provider of the visit line it paid.
 * Gift cards and top-ups are never entries (money held); a line a package paid is an entry of 0 (its revenue is the
 * package's); a package's own line is left out when packages count at redemption. Voided invoices give nothing.
 *
 * Two drivers select the same entries: by period (`:fromAt`–`:toAt`, the issue / credit / redemption time ranges,
 * each an index range) and by patient scope (a JSON list of `{key, patientId, fromAt, toAt, untilAt}`: invoices
 * issued in [fromAt, toAt) and their credit notes and redemptions before untilAt — one cohort's revenue).
 */

/** The category a line sells: its service's, its package's, retail for products, else other. */
const CATEGORY = `CASE WHEN l.packagePlanId IS NOT NULL THEN coalesce(pl.categoryId, ps.categoryId, 'other')
  WHEN s.id IS NOT NULL THEN s.categoryId WHEN l.productId IS NOT NULL THEN 'retail' ELSE 'other' END`;

/** What kind of sale a line is, for the provider report's columns. */
const KIND = `CASE WHEN l.packagePlanId IS NOT NULL OR s.kind = 'package' THEN 'package'
  WHEN l.productId IS NOT NULL OR s.kind = 'product' THEN 'retail' WHEN s.id IS NOT NULL THEN 'service' ELSE 'other' END`;

/** A line some package paid (a positive package payment on its invoice whose plan covers it). */
const PAID_BY_PACKAGE = `EXISTS (SELECT 1 FROM payment p JOIN patientPackage pp ON pp.id = p.patientPackageId JOIN packagePlan x ON x.id = pp.planId
  WHERE p.invoiceId = l.invoiceId AND p.patientPackageId IS NOT NULL AND p.amountCents > 0 AND (x.serviceId = l.serviceId OR x.categoryId = s.categoryId))`;
// (payment_packagePaid, 0012, holds only those payments: most lines' probe ends in a small index.)

const LINE_JOINS = `LEFT JOIN service s ON s.id = l.serviceId
  LEFT JOIN packagePlan pl ON pl.id = l.packagePlanId
  LEFT JOIN service ps ON ps.id = pl.serviceId`;

/** Lines that are sales under the clinic's package setting (`:mode`). */
const COUNTED = `l.giftCard = 0 AND l.topUpPlanId IS NULL AND NOT (l.packagePlanId IS NOT NULL AND :mode = 'redemption')`;

/** Half-up integer rounding of a ÷ b for a ≥ 0, b > 0 (exact in integers, as money is). */
const roundDiv = (a: string, b: string) => `((2 * (${a}) + (${b})) / (2 * (${b})))`;

/** Units used of the package up to and including this entry (redeemed less returned), for cumulative rounding. */
const USED_SO_FAR = `(SELECT -sum(y.units) FROM packageEntry y WHERE y.patientPackageId = e.patientPackageId AND y.kind IN ('redeemed', 'returned') AND y.id <= e.id)`;
const SHARE = `${roundDiv(`sl.netCents * ${USED_SO_FAR}`, 'pp.units')} - ${roundDiv(`sl.netCents * (${USED_SO_FAR} + e.units)`, 'pp.units')}`;

/** The first line of the redeeming invoice the plan covers: its category and provider take the redemption. */
const VISIT_LINE = `(SELECT l2.id FROM invoiceLine l2 LEFT JOIN service s2 ON s2.id = l2.serviceId
  WHERE l2.invoiceId = pay.invoiceId AND (l2.serviceId = x.serviceId OR s2.categoryId = x.categoryId) ORDER BY l2.position LIMIT 1)`;

// Only what the reports group and sum by: the drill-down joins the invoice number and line text for its page alone.
const COLUMNS = `{key} AS key, {entry} AS entry, {at} AS at, i.id AS invoiceId, i.patientId AS patientId,
  l.id AS lineId, l.staffId AS staffId, ${CATEGORY} AS category, ${KIND} AS kind`;

interface Driver {
  key: string;
  sales: string;
  refunds: string;
  redemptions: string;
}

const periodDriver: Driver = {
  key: 'NULL',
  sales: `FROM invoice i JOIN invoiceLine l ON l.invoiceId = i.id
    WHERE i.issuedAt >= :fromAt AND i.issuedAt < :toAt AND i.status = 'issued'`,
  refunds: `FROM creditNote n JOIN creditNoteLine c ON c.creditNoteId = n.id JOIN invoiceLine l ON l.id = c.invoiceLineId JOIN invoice i ON i.id = n.invoiceId
    WHERE n.createdAt >= :fromAt AND n.createdAt < :toAt AND i.status = 'issued'`,
  redemptions: `FROM packageEntry e JOIN payment pay ON pay.id = e.paymentId JOIN invoice i ON i.id = pay.invoiceId
    WHERE e.kind IN ('redeemed', 'returned') AND e.at >= :fromAt AND e.at < :toAt AND i.status = 'issued'`,
};

// The JSON lists are read once into a materialized table (`WITH sc AS MATERIALIZED`): referenced inline, every
// json_extract would run again for each invoice row they are joined to.
const SCOPE = 'sc';
const SCOPE_TABLE = `sc AS MATERIALIZED (SELECT json_extract(value, '$.key') AS key, json_extract(value, '$.patientId') AS patientId,
  json_extract(value, '$.fromAt') AS fromAt, json_extract(value, '$.toAt') AS toAt, json_extract(value, '$.untilAt') AS untilAt FROM json_each(:scope))`;

// CROSS JOIN keeps SQLite's join order: the listed patients (or invoices) drive every read, never a table scan.
const scopeDriver: Driver = {
  key: 'sc.key',
  sales: `FROM ${SCOPE} CROSS JOIN invoice i ON i.patientId = sc.patientId CROSS JOIN invoiceLine l ON l.invoiceId = i.id
    WHERE i.issuedAt >= sc.fromAt AND i.issuedAt < sc.toAt AND i.status = 'issued'`,
  refunds: `FROM ${SCOPE} CROSS JOIN invoice i ON i.patientId = sc.patientId CROSS JOIN creditNote n ON n.invoiceId = i.id
    CROSS JOIN creditNoteLine c ON c.creditNoteId = n.id CROSS JOIN invoiceLine l ON l.id = c.invoiceLineId
    WHERE i.issuedAt >= sc.fromAt AND i.issuedAt < sc.toAt AND i.status = 'issued' AND n.createdAt < sc.untilAt`,
  redemptions: `FROM ${SCOPE} CROSS JOIN invoice i ON i.patientId = sc.patientId CROSS JOIN payment pay ON pay.invoiceId = i.id AND pay.patientPackageId IS NOT NULL
    CROSS JOIN packageEntry e ON e.patientPackageId = pay.patientPackageId AND e.paymentId = pay.id
    WHERE e.kind IN ('redeemed', 'returned') AND i.issuedAt >= sc.fromAt AND i.issuedAt < sc.toAt AND i.status = 'issued' AND e.at < sc.untilAt`,
};

const INVOICES = 'sc';
const INVOICES_TABLE = `sc AS MATERIALIZED (SELECT json_extract(value, '$.key') AS key, json_extract(value, '$.invoiceId') AS invoiceId,
  json_extract(value, '$.untilAt') AS untilAt FROM json_each(:invoices))`;

/** Given invoices, and their credit notes and redemptions before untilAt (the revenue of coupons' redeeming invoices). */
const invoiceDriver: Driver = {
  key: 'sc.key',
  sales: `FROM ${INVOICES} CROSS JOIN invoice i ON i.id = sc.invoiceId CROSS JOIN invoiceLine l ON l.invoiceId = i.id WHERE i.status = 'issued'`,
  refunds: `FROM ${INVOICES} CROSS JOIN invoice i ON i.id = sc.invoiceId CROSS JOIN creditNote n ON n.invoiceId = i.id
    CROSS JOIN creditNoteLine c ON c.creditNoteId = n.id CROSS JOIN invoiceLine l ON l.id = c.invoiceLineId WHERE i.status = 'issued' AND n.createdAt < sc.untilAt`,
  redemptions: `FROM ${INVOICES} CROSS JOIN invoice i ON i.id = sc.invoiceId CROSS JOIN payment pay ON pay.invoiceId = i.id AND pay.patientPackageId IS NOT NULL
    CROSS JOIN packageEntry e ON e.patientPackageId = pay.patientPackageId AND e.paymentId = pay.id
    WHERE e.kind IN ('redeemed', 'returned') AND i.status = 'issued' AND e.at < sc.untilAt`,
};

function columns(driver: Driver, entry: string, at: string): string {
  return COLUMNS.replace('{key}', driver.key).replace('{entry}', `'${entry}'`).replace('{at}', at);
}

/** The revenue entries as a SELECT (amountCents, plus what the drill-down shows and the reports group by). */
function entriesOf(driver: Driver): string {
  return `
  SELECT ${columns(driver, 'sale', 'i.issuedAt')}, l.quantity AS quantity, CASE WHEN ${PAID_BY_PACKAGE} THEN 0 ELSE l.netCents END AS amountCents
  ${driver.sales.replace('WHERE', `${LINE_JOINS} WHERE ${COUNTED} AND`)}
  UNION ALL
  SELECT ${columns(driver, 'refund', 'n.createdAt')}, -c.quantity, CASE WHEN ${PAID_BY_PACKAGE} THEN 0 ELSE -c.netCents END
  ${driver.refunds.replace(/WHERE(?![\s\S]*WHERE)/, `${LINE_JOINS} WHERE ${COUNTED} AND`)}
  UNION ALL
  SELECT ${columns(driver, 'redemption', 'e.at')}, -e.units, ${SHARE}
  ${driver.redemptions.replace(
    'WHERE',
    `JOIN patientPackage pp ON pp.id = e.patientPackageId JOIN invoiceLine sl ON sl.id = pp.saleLineId
    JOIN invoice si ON si.id = sl.invoiceId AND si.status = 'issued' JOIN packagePlan x ON x.id = pp.planId
    JOIN invoiceLine l ON l.id = ${VISIT_LINE} ${LINE_JOINS} WHERE :mode = 'redemption' AND`,
  )}`;
}

export const PERIOD_ENTRIES = entriesOf(periodDriver);
export const SCOPE_ENTRIES = entriesOf(scopeDriver);
export const INVOICE_ENTRIES = entriesOf(invoiceDriver);

const CATEGORY_GROUPS = `
SELECT category, NULL AS day, sum(amountCents) AS amountCents, -sum(CASE WHEN entry = 'refund' THEN amountCents ELSE 0 END) AS refundsCents,
  count(DISTINCT CASE WHEN entry <> 'refund' THEN invoiceId END) AS count
FROM entries GROUP BY category
UNION ALL
-- The clinic's line ('*'): an invoice selling two categories is one sale, counted once.
SELECT '*', NULL, sum(amountCents), -sum(CASE WHEN entry = 'refund' THEN amountCents ELSE 0 END), count(DISTINCT CASE WHEN entry <> 'refund' THEN invoiceId END)
FROM entries`;

/** Sales by category: per category (and '*' for all), net sales, refunds and distinct invoices with a sale. */
export const CATEGORY_TOTALS_SQL = `WITH entries AS MATERIALIZED (${PERIOD_ENTRIES}) ${CATEGORY_GROUPS}`;

/**
 * The same, and the trend: rows with a `day` are a category's net sales in one slice of UTC time — the instant's first
 * `:slice` characters, an hour (13) for zones whose offsets are whole hours, else a minute (16) — which the handler
 * turns into clinic-local days (a JS time-zone call per sale would cost more than the whole query).
 */
export const CATEGORY_REPORT_SQL = `WITH entries AS MATERIALIZED (${PERIOD_ENTRIES}) ${CATEGORY_GROUPS}
UNION ALL
SELECT category, substr(at, 1, :slice), sum(amountCents), 0, 0 FROM entries GROUP BY 1, 2`;

/** Sales by provider: per provider, kinds of sale, refunds, invoices, patients treated and how many rebooked. */
export const PROVIDER_TOTALS_SQL = `
WITH entries AS MATERIALIZED (${PERIOD_ENTRIES}),
treated AS (
  SELECT staffId, patientId, max(at) AS lastAt FROM entries
  WHERE entry <> 'refund' AND kind = 'service' AND patientId IS NOT NULL GROUP BY staffId, patientId
),
rebooked AS (
  -- A visit (not cancelled or missed) starting from 12 hours to 90 days after the last sale with this provider, or still ahead.
  SELECT t.staffId, count(*) AS patients,
    sum(EXISTS (SELECT 1 FROM appointment a WHERE a.patientId = t.patientId AND a.startsAt >= strftime('%Y-%m-%dT%H:%M:%fZ', t.lastAt, '+12 hours')
      AND (a.startsAt < strftime('%Y-%m-%dT%H:%M:%fZ', t.lastAt, '+90 days') OR a.startsAt > :nowAt) AND a.status NOT IN ('cancelled', 'noShow'))) AS rebooked
  FROM treated t GROUP BY t.staffId
)
SELECT e.staffId AS staffId,
  sum(CASE WHEN entry <> 'refund' AND kind = 'service' THEN amountCents ELSE 0 END) AS servicesCents,
  sum(CASE WHEN entry <> 'refund' AND kind = 'retail' THEN amountCents ELSE 0 END) AS retailCents,
  sum(CASE WHEN entry <> 'refund' AND kind = 'package' THEN amountCents ELSE 0 END) AS packagesCents,
  sum(CASE WHEN entry <> 'refund' AND kind = 'other' THEN amountCents ELSE 0 END) AS otherCents,
  -sum(CASE WHEN entry = 'refund' THEN amountCents ELSE 0 END) AS refundsCents,
  sum(amountCents) AS netCents,
  count(DISTINCT CASE WHEN entry <> 'refund' THEN invoiceId END) AS invoices,
  coalesce(r.patients, 0) AS patients, coalesce(r.rebooked, 0) AS rebooked
FROM entries e LEFT JOIN rebooked r ON r.staffId IS e.staffId
GROUP BY e.staffId`;

/** One cohort's revenue per scope key (a coupon, a referral source …). */
export const SCOPE_REVENUE_SQL = `WITH ${SCOPE_TABLE} SELECT key, sum(amountCents) AS amountCents FROM (${SCOPE_ENTRIES}) GROUP BY key`;
/** Given invoices' revenue per key. */
export const INVOICE_REVENUE_SQL = `WITH ${INVOICES_TABLE} SELECT key, sum(amountCents) AS amountCents FROM (${INVOICE_ENTRIES}) GROUP BY key`;

/** Coupon uses in the period, per coupon and invoice (+1 issued, −1 taken back), with what the invoice is now. */
export const COUPON_USES_SQL = `
SELECT r.couponId, r.invoiceId, sum(r.uses) AS uses, sum(r.discountCents) AS discountCents,
  i.status AS status, i.issuedAt AS issuedAt, i.patientId AS patientId,
  NOT EXISTS (SELECT 1 FROM invoice j WHERE j.patientId = i.patientId AND j.status = 'issued' AND j.issuedAt < i.issuedAt) AS firstPurchase
FROM couponRedemption r JOIN invoice i ON i.id = r.invoiceId
WHERE r.at >= :fromAt AND r.at < :toAt
GROUP BY r.couponId, r.invoiceId`;

/** Coupons to list: those used in the period or valid during it, with their campaign. */
export const COUPONS_SQL = `
SELECT k.id AS couponId, k.name AS name, c.id AS campaignId, c.name AS campaignName, c.channel AS channel, c.costCents AS campaignCostCents
FROM coupon k JOIN campaign c ON c.id = k.campaignId
WHERE (k.validFrom <= :to AND k.validTo >= :from) OR k.id IN (SELECT couponId FROM couponRedemption WHERE at >= :fromAt AND at < :toAt)
ORDER BY c.name, k.name, k.id`;

/** Leads of the period: patients created in it (not merged away), their source and first purchase. */
export const LEADS_SQL = `
SELECT p.id AS patientId, CASE WHEN p.referralSourceId IS NOT NULL THEN p.referralSourceId WHEN p.referredByPatientId IS NOT NULL THEN 'patient' ELSE 'unknown' END AS source,
  pp.firstAt AS firstAt
FROM patient p LEFT JOIN patientPurchase pp ON pp.patientId = p.id
WHERE p.createdAt >= :fromAt AND p.createdAt < :toAt AND p.mergedIntoId IS NULL`;

/** The drill-down's entries of one category or one provider (`:by` = 'category' | 'staff'), paged, and their sum. */
const DRILL = `WITH entries AS MATERIALIZED (${PERIOD_ENTRIES}) SELECT {columns} FROM entries e LEFT JOIN patient p ON p.id = e.patientId
  JOIN invoice iv ON iv.id = e.invoiceId JOIN invoiceLine ln ON ln.id = e.lineId
  WHERE (:by = 'category' AND e.category = :key) OR (:by = 'staff' AND e.staffId IS :key)`;
export const DRILL_ROWS_SQL = `${DRILL.replace(
  '{columns}',
  `e.entry, e.at, e.invoiceId, iv.number AS invoiceNumber, e.patientId, p.lastName || ', ' || p.firstName AS patientName, e.lineId, ln.description, e.staffId, e.category, e.kind, e.quantity, e.amountCents`,
)} ORDER BY e.at, e.lineId, CASE e.entry WHEN 'sale' THEN 0 WHEN 'refund' THEN 1 ELSE 2 END LIMIT :limit OFFSET :offset`;
export const DRILL_SUM_SQL = DRILL.replace('{columns}', 'count(*) AS total, coalesce(sum(e.amountCents), 0) AS amountCents');
