/**
 * The sales reports' SQL. Every report reads one set of **revenue entries** (docs/ARCHITECTURE.md, "Sales reports"):
 * - `sale`: a line of an issued invoice, net of tax, at the invoice's `issuedAt`;
 * - `refund`: a credit note line of such a line (negative), at the credit note's `createdAt`;
 * - `redemption` (only when packages count at redemption): a package's share for the units one payment used, at the
 *   ledger entry's `at`, for the category and provider of the visit line it paid.
 * Gift cards and top-ups are never entries (money held); a line a package paid is an entry of 0 (its revenue is the
 * package's); a package's own line is left out when packages count at redemption. Voided invoices give nothing.
 *
 * The entries are selected by period (`:fromAt`–`:toAt`, the issue / credit / redemption time ranges, each an index
 * range) or from a list of invoices (their credit notes and redemptions before a cut-off: one cohort's revenue).
 *
 * The entries themselves are defined once in db/migrations/0015_sales_day.ts, whose per-day projection (`salesDay`)
 * the category and provider reports read. Cohorts (coupon, referral) read each invoice's sale from the projections of
 * 0017_invoice_sale and 0028_invoice_redemption and its credit notes as entries (and the redemptions that straddle a
 * cut-off); the drill-down reads the entries.
 */
import { DIMENSION_KEY, DIMENSIONS, entriesOf, type EntryDriver, windowDriver } from '../../../db/migrations/0015_sales_day';
import { selectsNothing } from '../../../db/migrations/0017_invoice_sale';
import { PENDING_ROWS_SQL } from '../../../db/migrations/0018_provider_rebooking';

type Driver = EntryDriver;

/** The reports' setting, bound as `:mode`: package lines count at sale, redemption shares at redemption. */
const BY_MODE = { packageLines: ":mode <> 'redemption'", redemptions: ":mode = 'redemption'" };

const periodDriver = windowDriver({ lo: ':fromAt', hi: ':toAt' });

// The JSON lists are read once into a materialized table (`WITH sc AS MATERIALIZED`): referenced inline, every
// json_extract would run again for each invoice row they are joined to.
const SCOPE_TABLE = `sc AS MATERIALIZED (SELECT json_extract(value, '$.key') AS key, json_extract(value, '$.patientId') AS patientId,
  json_extract(value, '$.fromAt') AS fromAt, json_extract(value, '$.toAt') AS toAt, json_extract(value, '$.untilAt') AS untilAt,
  json_extract(value, '$.firstFromAt') AS firstFromAt, json_extract(value, '$.firstToAt') AS firstToAt FROM json_each(:scope))`;
const INVOICES_TABLE = `sc AS MATERIALIZED (SELECT json_extract(value, '$.key') AS key, json_extract(value, '$.invoiceId') AS invoiceId,
  json_extract(value, '$.untilAt') AS untilAt FROM json_each(:invoices))`;

/**
 * The credit notes and package redemptions before untilAt of the invoices listed in a table of (key, invoiceId,
 * untilAt, readsRedemptions): what a listed invoice's revenue adds to its sale (`saleOf`); redemptions only where
 * `readsRedemptions`. CROSS JOIN keeps SQLite's join order: the listed invoices drive every read, never a table scan.
 * `carried`: a column of the listed row each entry carries.
 */
const laterEntriesDriver = (table: string, carried?: string): Driver => ({
  key: 'ls.key',
  carried,
  sales: selectsNothing(`FROM ${table} ls CROSS JOIN invoice i ON i.id = ls.invoiceId CROSS JOIN invoiceLine l ON l.invoiceId = i.id WHERE 1`),
  refunds: `FROM ${table} ls CROSS JOIN creditNote n ON n.invoiceId = ls.invoiceId CROSS JOIN invoice i ON i.id = n.invoiceId
    CROSS JOIN creditNoteLine c ON c.creditNoteId = n.id CROSS JOIN invoiceLine l ON l.id = c.invoiceLineId WHERE i.status = 'issued' AND n.createdAt < ls.untilAt`,
  redemptions: `FROM ${table} ls CROSS JOIN payment pay ON pay.invoiceId = ls.invoiceId AND pay.patientPackageId IS NOT NULL CROSS JOIN invoice i ON i.id = pay.invoiceId
    CROSS JOIN packageEntry e ON e.patientPackageId = pay.patientPackageId AND e.paymentId = pay.id
    WHERE ls.readsRedemptions AND e.kind IN ('redeemed', 'returned') AND i.status = 'issued' AND e.at < ls.untilAt`,
});

export const PERIOD_ENTRIES = entriesOf(periodDriver, BY_MODE);

/** A salesDay row's net sales: what was sold less what was refunded. */
const NET = '(servicesCents + retailCents + packagesCents + otherCents - refundsCents)';

/**
 * Sales by category over local days [:from, :to] under the clinic's setting (`:mode`), from the per-day projection:
 * per category (and '*' for all) net sales, refunds and invoices with a sale — invoices summed over days, which
 * `INVOICE_OVERLAP_SQL` corrects.
 */
export const CATEGORY_TOTALS_SQL = `
SELECT key AS category, NULL AS day, sum(${NET}) AS amountCents, sum(refundsCents) AS refundsCents, sum(invoices) AS count
FROM salesDay WHERE mode = :mode AND dimension IN ('all', 'category') AND localDate BETWEEN :from AND :to
GROUP BY dimension, key`;

/** The same, and the trend: a category's net sales on each local day of the period. */
export const CATEGORY_REPORT_SQL = `${CATEGORY_TOTALS_SQL}
UNION ALL
SELECT key, localDate, ${NET}, 0, 0 FROM salesDay WHERE mode = :mode AND dimension = 'category' AND localDate BETWEEN :from AND :to`;

/**
 * What summing invoices over days counts twice: an invoice whose entries of one category (or provider) fall on two
 * local days of the period — only when packages count at redemption, a package used or returned on another day than
 * its visit invoice was issued. Per dimension and key, the extra days such invoices were counted on. Only an invoice
 * with a redemption of the period on another local day than its issue can have entries on two days (its sales share
 * the issue day), so this reads those invoices' entries alone: a year has ~10,000 redemptions, nearly all paid the
 * day the visit was invoiced.
 */
export const INVOICE_OVERLAP_SQL = `
WITH redeeming AS MATERIALIZED (
  SELECT DISTINCT pay.invoiceId AS id FROM packageEntry e JOIN payment pay ON pay.id = e.paymentId JOIN invoice i ON i.id = pay.invoiceId
  WHERE :mode = 'redemption' AND e.kind IN ('redeemed', 'returned') AND e.at >= :fromAt AND e.at < :toAt
    AND lumen_local_date(e.at, (SELECT timeZone FROM clinic)) <> lumen_local_date(i.issuedAt, (SELECT timeZone FROM clinic))
),
entries AS MATERIALIZED (SELECT *, lumen_local_date(at, (SELECT timeZone FROM clinic)) AS localDate FROM (${entriesOf(
  {
    key: 'NULL',
    sales: `FROM redeeming r CROSS JOIN invoice i ON i.id = r.id CROSS JOIN invoiceLine l ON l.invoiceId = i.id
      WHERE i.issuedAt >= :fromAt AND i.issuedAt < :toAt AND i.status = 'issued'`,
    // Refunds never count as an invoice's sale.
    refunds: `FROM redeeming r CROSS JOIN creditNote n ON n.invoiceId = r.id CROSS JOIN creditNoteLine c ON c.creditNoteId = n.id
      CROSS JOIN invoiceLine l ON l.id = c.invoiceLineId CROSS JOIN invoice i ON i.id = n.invoiceId WHERE 0`,
    redemptions: `FROM redeeming r CROSS JOIN payment pay ON pay.invoiceId = r.id AND pay.patientPackageId IS NOT NULL
      CROSS JOIN packageEntry e ON e.patientPackageId = pay.patientPackageId AND e.paymentId = pay.id CROSS JOIN invoice i ON i.id = pay.invoiceId
      WHERE e.kind IN ('redeemed', 'returned') AND e.at >= :fromAt AND e.at < :toAt AND i.status = 'issued'`,
  },
  BY_MODE,
)}))
SELECT dimension, key, sum(days - 1) AS extra FROM (
  SELECT d.dimension, ${DIMENSION_KEY} AS key, e.invoiceId, count(DISTINCT e.localDate) AS days
  FROM entries e CROSS JOIN ${DIMENSIONS} d WHERE e.entry <> 'refund' GROUP BY 1, 2, 3
) WHERE days > 1 GROUP BY dimension, key`;

/** A pair's last service sale of the period rebooked: its next visit is soon, or later and the patient still has one ahead. */
const REBOOKED = `CASE x.nextVisitSoon WHEN 1 THEN 1 WHEN 0 THEN EXISTS (SELECT 1 FROM appointment a
  WHERE a.patientId = x.patientId AND a.startsAt > :nowAt AND a.status NOT IN ('cancelled', 'noShow')) ELSE 0 END`;
/** A pair's last service sale of the period: a row of the period whose next sale is after it. */
const LAST_OF_PERIOD = 'x.at >= :fromAt AND x.at < :toAt AND (x.nextSaleAt IS NULL OR x.nextSaleAt >= :toAt)';

/**
 * Sales by provider: per provider (from the projection), kinds of sale, refunds, invoices, patients treated and how
 * many rebooked. Patients and rebookings come from the rebooking projection (db/migrations/0018_provider_rebooking.ts):
 * each pair's last sale of the period is one row, which already knows the patient's next visit from 12 hours after it
 * and whether that is within 90 days; a later one counts if the patient still has a visit ahead (an index probe for
 * those rows alone). The providers are walked in id order (0: no provider first), each a range of the projection's
 * index, so nothing is sorted. Patients the job has not recomputed yet are read from their invoices instead.
 */
export const PROVIDER_TOTALS_SQL = `
WITH pending AS MATERIALIZED (${PENDING_ROWS_SQL}),
rebooked AS MATERIALIZED (
  SELECT staffId, sum(patients) AS patients, sum(rebooked) AS rebooked FROM (
    SELECT k.id AS staffId, count(*) AS patients, sum(${REBOOKED}) AS rebooked
    FROM (SELECT 0 AS id UNION ALL SELECT id FROM staff ORDER BY 1) k CROSS JOIN serviceSale x ON x.staffId = k.id
    WHERE ${LAST_OF_PERIOD} AND (NOT EXISTS (SELECT 1 FROM serviceSalePending) OR x.patientId NOT IN (SELECT patientId FROM serviceSalePending))
    GROUP BY k.id
    UNION ALL
    SELECT x.staffId, count(*), sum(${REBOOKED}) FROM pending x WHERE ${LAST_OF_PERIOD} GROUP BY x.staffId
  ) GROUP BY staffId
)
SELECT nullif(d.key, 0) AS staffId, sum(d.servicesCents) AS servicesCents, sum(d.retailCents) AS retailCents, sum(d.packagesCents) AS packagesCents,
  sum(d.otherCents) AS otherCents, sum(d.refundsCents) AS refundsCents, sum(${NET}) AS netCents, sum(d.invoices) AS invoices,
  coalesce(r.patients, 0) AS patients, coalesce(r.rebooked, 0) AS rebooked
FROM salesDay d LEFT JOIN rebooked r ON r.staffId = d.key
WHERE d.mode = :mode AND d.dimension = 'staff' AND d.localDate BETWEEN :from AND :to
GROUP BY d.key`;

/**
 * What a listed invoice's sale is read from: invoiceSale, and at redemption invoiceRedemption (0028). An invoice a
 * package paid always has an invoiceSale row, so only those rows are looked up there (~16 % of invoices).
 */
const SALE_JOINS = "LEFT JOIN invoiceSale s ON s.invoiceId = i.id LEFT JOIN invoiceRedemption r ON r.invoiceId = s.invoiceId AND :mode = 'redemption'";

/**
 * An issued invoice `i`'s sale under the setting, as the columns `saleCents` and `readsRedemptions`: its row in
 * invoiceSale where it has one, else its net; at redemption, plus the package units it used when all of them came
 * before `cutOff` (nearly always) — else they are left to be read entry by entry, which `readsRedemptions` says.
 */
const saleOf = (cutOff: string) => `coalesce(CASE WHEN :mode = 'redemption' THEN s.atRedemptionCents ELSE s.atSaleCents END, i.netCents)
    + CASE WHEN r.lastAt < ${cutOff} THEN r.redeemedCents ELSE 0 END AS saleCents, coalesce(r.lastAt >= ${cutOff}, 0) AS readsRedemptions`;

/** The revenue entries of the invoices listed in `table` (key, invoiceId, untilAt, saleCents, readsRedemptions): their sales, credit notes and redemptions. */
const listedEntries = (table: string) => `SELECT key, saleCents AS amountCents FROM ${table}
  UNION ALL
  SELECT key, amountCents FROM (${entriesOf(laterEntriesDriver(table), BY_MODE)})`;

/** Where a cohort's invoice `i` is of its item's first part: that part's cut-off, else NULL. */
const FIRST_UNTIL = 'CASE WHEN i.issuedAt >= sc.firstFromAt AND i.issuedAt < sc.firstToAt THEN sc.firstToAt END';

/**
 * One cohort's revenue per scope key (a coupon, a referral source …), for a scope table `sc` of (key, patientId,
 * fromAt, toAt, untilAt, firstFromAt, firstToAt): each patient's invoices issued in [fromAt, toAt) and their credit
 * notes and redemptions before untilAt, as `amountCents`; and where an item names a first part (a new patient's first
 * year, never ending after untilAt), the invoices issued in [firstFromAt, firstToAt) and their entries before
 * firstToAt, as `firstCents`. Each invoice's sale comes from the patient's invoice index, invoiceSale and
 * invoiceRedemption; only credit notes, and the rare redemptions that straddle a cut-off, are read entry by entry, once
 * for both parts, each carrying its invoice's first-part cut-off (a year's new patients' lifetime is ~70,000 invoices).
 */
const cohortRevenueSql = (scopeTable: string) => `
WITH ${scopeTable},
scoped AS MATERIALIZED (
  SELECT sc.key AS key, i.id AS invoiceId, sc.untilAt AS untilAt, ${saleOf(`coalesce(${FIRST_UNTIL}, sc.untilAt)`)}, ${FIRST_UNTIL} AS firstUntilAt
  FROM sc CROSS JOIN invoice i ON i.patientId = sc.patientId ${SALE_JOINS}
  WHERE i.issuedAt >= sc.fromAt AND i.issuedAt < sc.toAt AND i.status = 'issued'
)
SELECT key, sum(amountCents) AS amountCents, sum(firstCents) AS firstCents FROM (
  SELECT key, saleCents AS amountCents, CASE WHEN firstUntilAt IS NULL THEN 0 ELSE saleCents END AS firstCents FROM scoped
  UNION ALL
  SELECT key, amountCents, CASE WHEN at < carried THEN amountCents ELSE 0 END FROM (${entriesOf(laterEntriesDriver('scoped', 'ls.firstUntilAt'), BY_MODE)})
) GROUP BY key`;

/** A cohort given as a JSON list (`:scope`) of `{key, patientId, fromAt, toAt, untilAt}`, optionally `firstFromAt, firstToAt`. */
export const SCOPE_REVENUE_SQL = cohortRevenueSql(SCOPE_TABLE);

/** Leads of the period: patients created in it (not merged away), their source and first purchase. */
export const LEADS_SQL = `
SELECT p.id AS patientId, CASE WHEN p.referralSourceId IS NOT NULL THEN p.referralSourceId WHEN p.referredByPatientId IS NOT NULL THEN 'patient' ELSE 'unknown' END AS source,
  pp.firstAt AS firstAt
FROM patient p LEFT JOIN patientPurchase pp ON pp.patientId = p.id
WHERE p.createdAt >= :fromAt AND p.createdAt < :toAt AND p.mergedIntoId IS NULL`;

/**
 * The period's buyers (leads with a first purchase) as a cohort: each one's lifetime up to :nowAt, whose first part is
 * the 365 days from the first purchase — keyed by source, or by patient (`:byPatient`) for one source's rows (`:source`).
 */
export const LEAD_REVENUE_SQL = cohortRevenueSql(`sc AS MATERIALIZED (
  SELECT CASE WHEN :byPatient THEN patientId ELSE source END AS key, patientId, '' AS fromAt, :nowAt AS toAt, :nowAt AS untilAt,
    firstAt AS firstFromAt, min(strftime('%Y-%m-%dT%H:%M:%fZ', firstAt, '+365 days'), :nowAt) AS firstToAt
  FROM (${LEADS_SQL.trim()}) WHERE firstAt IS NOT NULL AND (:source IS NULL OR source = :source)
)`);

/** Given invoices' revenue per key. */
export const INVOICE_REVENUE_SQL = `
WITH ${INVOICES_TABLE},
listed AS MATERIALIZED (
  SELECT sc.key AS key, i.id AS invoiceId, sc.untilAt AS untilAt, ${saleOf('sc.untilAt')}
  FROM sc CROSS JOIN invoice i ON i.id = sc.invoiceId ${SALE_JOINS} WHERE i.status = 'issued'
)
SELECT key, sum(amountCents) AS amountCents FROM (${listedEntries('listed')}) GROUP BY key`;

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

/** The drill-down's entries of one category or one provider (`:by` = 'category' | 'staff'), paged, and their sum. */
const DRILL = `WITH entries AS MATERIALIZED (${PERIOD_ENTRIES}) SELECT {columns} FROM entries e LEFT JOIN patient p ON p.id = e.patientId
  JOIN invoice iv ON iv.id = e.invoiceId JOIN invoiceLine ln ON ln.id = e.lineId
  WHERE (:by = 'category' AND e.category = :key) OR (:by = 'staff' AND e.staffId IS :key)`;
export const DRILL_ROWS_SQL = `${DRILL.replace(
  '{columns}',
  `e.entry, e.at, e.invoiceId, iv.number AS invoiceNumber, e.patientId, p.lastName || ', ' || p.firstName AS patientName, e.lineId, ln.description, e.staffId, e.category, e.kind, e.quantity, e.amountCents`,
)} ORDER BY e.at, e.lineId, CASE e.entry WHEN 'sale' THEN 0 WHEN 'refund' THEN 1 ELSE 2 END LIMIT :limit OFFSET :offset`;
export const DRILL_SUM_SQL = DRILL.replace('{columns}', 'count(*) AS total, coalesce(sum(e.amountCents), 0) AS amountCents');
