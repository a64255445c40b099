/*
 * The pipeline reports' SQL, run with `cached(ctx.sqlite, SQL)` so the bench times the same text as its floor.
 * Periods arrive as UTC instants (@start inclusive, @end exclusive) computed from clinic-local dates in JS, so every
 * range is an index range; `lumen_local_date` only names the clinic-local day of a row already in range.
 */

/** Every category with its assumed average sale, and whether it sells treatments (not only consults). */
export const CATEGORIES_SQL = `SELECT c.id, c.name, c.averageSaleCents, c.active,
    EXISTS (SELECT 1 FROM service s WHERE s.categoryId = c.id AND s.kind IN ('treatment', 'package')) AS sellsTreatments
  FROM serviceCategory c ORDER BY c.sortOrder, c.name`;
export const WINDOWS_SQL = 'SELECT openLeadDays, stallDays FROM pipelineSettings WHERE id = 1';
export const TARGETS_SQL = 'SELECT month, targetCents FROM monthlySalesTarget ORDER BY month';
export const CATEGORY_NAMES_SQL = 'SELECT id, name FROM serviceCategory';
export const STAFF_NAMES_SQL = 'SELECT id, displayName AS name FROM staff';

/** A booked service counts unless its visit was cancelled or a no-show (`live` is 0 then). */
const SEGMENT_JOINS = `appointmentService x JOIN service sv ON sv.id = x.serviceId JOIN appointment a ON a.id = x.appointmentId`;
const SEGMENT_FILTER = `x.startsAt >= @start AND x.startsAt < @end AND x.live = 1`;

/** A treatment's price: the line of the visit's draft invoice when there is one (what was quoted), else the booking's. */
/** CROSS JOIN keeps the visit's invoices first: starting from the service's lines would read every sale of it. */
const TREATMENT_PRICE = `coalesce((SELECT l.netCents FROM invoice i CROSS JOIN invoiceLine l ON l.invoiceId = i.id
  WHERE i.appointmentId = x.appointmentId AND i.status = 'draft' AND +l.serviceId = x.serviceId ORDER BY l.position LIMIT 1), x.priceCents)`;

/**
 * A consult's expected value: the average sale it leads to × consult→treatment, rounded half up to the cent per
 * consult, so the rows behind any figure add up to it. @consultAsp is a JSON object of category id → that average sale
 * (see assumptions.ts). Numbers are bound as reals, hence the CAST.
 */
const CONSULT_VALUE = `CAST((coalesce(@consultAsp ->> ('$."' || sv.categoryId || '"'), 0) * @consultBp + 5000) / 10000 AS INTEGER)`;

/**
 * Expected revenue of the period's bookings, grouped by clinic-local day, category and provider. @days lists each
 * clinic-local day of the period with its UTC range (`localDays`), so each day is one index range and no row needs
 * its date computed; the visit is not joined: every booked service has one (a foreign key).
 */
export const PROJECTED_SQL = `
  WITH day AS (SELECT value ->> 'date' AS date, value ->> 'start' AS start, value ->> 'end' AS end FROM json_each(@days))
  SELECT d.date, sv.categoryId, x.staffId,
    sum(sv.kind <> 'consult') AS treatments,
    coalesce(sum(CASE WHEN sv.kind <> 'consult' THEN ${TREATMENT_PRICE} END), 0) AS treatmentsCents,
    sum(sv.kind = 'consult') AS consults,
    coalesce(sum(CASE WHEN sv.kind = 'consult' THEN ${CONSULT_VALUE} END), 0) AS consultsCents
  FROM day d JOIN appointmentService x ON x.startsAt >= d.start AND x.startsAt < d.end AND x.live = 1 JOIN service sv ON sv.id = x.serviceId
  GROUP BY 1, 2, 3`;

/** The bookings behind a projected figure (@date, @categoryId, @staffId narrow it; null: any). */
const PROJECTED_ROWS_FILTER = `${SEGMENT_FILTER}
    AND (@categoryId IS NULL OR sv.categoryId = @categoryId) AND (@staffId IS NULL OR x.staffId = @staffId)
    AND (@date IS NULL OR lumen_local_date(x.startsAt, @zone) = @date)`;
const EXPECTED = `CASE WHEN sv.kind = 'consult' THEN ${CONSULT_VALUE} ELSE ${TREATMENT_PRICE} END`;
export const PROJECTED_ROWS_SQL = `
  SELECT x.appointmentId, a.patientId, pt.firstName || ' ' || pt.lastName AS patientName, x.startsAt, lumen_local_date(x.startsAt, @zone) AS date,
    sv.name AS serviceName, sv.kind, c.name AS categoryName, st.displayName AS staffName, a.status, ${EXPECTED} AS expectedCents
  FROM ${SEGMENT_JOINS} JOIN patient pt ON pt.id = a.patientId JOIN serviceCategory c ON c.id = sv.categoryId JOIN staff st ON st.id = x.staffId
  WHERE ${PROJECTED_ROWS_FILTER}
  ORDER BY x.startsAt, x.id LIMIT @limit OFFSET @offset`;
export const PROJECTED_ROWS_TOTAL_SQL = `SELECT count(*) AS total, coalesce(sum(${EXPECTED}), 0) AS sum FROM ${SEGMENT_JOINS} WHERE ${PROJECTED_ROWS_FILTER}`;

/**
 * Open leads: patients created since @leadSince who never bought and have no visit that was not cancelled or a
 * no-show (a booked consult is counted as a consult, a visit that happened is no longer a lead).
 */
const OPEN_LEADS = `patient p WHERE p.createdAt >= @leadSince AND p.mergedIntoId IS NULL AND p.archivedAt IS NULL
  AND NOT EXISTS (SELECT 1 FROM patientPurchase b WHERE b.patientId = p.id)
  AND NOT EXISTS (SELECT 1 FROM appointment a WHERE a.patientId = p.id AND a.status NOT IN ('cancelled', 'noShow'))`;
export const OPEN_LEADS_SQL = `SELECT count(*) AS leads FROM ${OPEN_LEADS}`;
export const OPEN_LEAD_ROWS_SQL = `
  SELECT p.id AS patientId, p.number AS patientNumber, p.firstName || ' ' || p.lastName AS patientName, p.phone,
    lumen_local_date(p.createdAt, @zone) AS createdOn, (SELECT name FROM referralSource WHERE id = p.referralSourceId) AS sourceName
  FROM ${OPEN_LEADS} ORDER BY p.createdAt DESC, p.id LIMIT @limit OFFSET @offset`;

/**
 * Net sales over a period: issued invoices' lines net of tax by the day they were issued, less credit notes by the
 * day they were made (void and draft invoices count nothing).
 */
export const NET_SALES_SQL = `
  SELECT coalesce((SELECT sum(l.netCents) FROM invoice i JOIN invoiceLine l ON l.invoiceId = i.id
                   WHERE i.issuedAt >= @start AND i.issuedAt < @end AND i.status = 'issued'), 0)
       - coalesce((SELECT sum(c.netCents) FROM creditNote c WHERE c.createdAt >= @start AND c.createdAt < @end), 0) AS netSalesCents`;

/** Per active category: its assumed average sale, and the invoices selling it over a period with their lines' net. */
export const ACTUAL_ASP_SQL = `
  SELECT c.id AS categoryId, c.name AS categoryName, c.averageSaleCents, count(DISTINCT s.invoiceId) AS sales, coalesce(sum(s.netCents), 0) AS netCents
  FROM serviceCategory c LEFT JOIN (
    SELECT sv.categoryId, l.invoiceId, l.netCents FROM invoice i JOIN invoiceLine l ON l.invoiceId = i.id JOIN service sv ON sv.id = l.serviceId
    WHERE i.issuedAt >= @start AND i.issuedAt < @end AND i.status = 'issued') s ON s.categoryId = c.id
  WHERE c.active = 1 GROUP BY c.id ORDER BY c.sortOrder, c.name`;

/** The purchase rows of a scope entry k: a service's own entry takes its rows, the category's entry skips those services. */
const IN_ENTRY = `(k.serviceId IS NULL OR p.lastServiceId = k.serviceId)
  AND (k.skip IS NULL OR p.lastServiceId IS NULL OR NOT EXISTS (SELECT 1 FROM skipped x WHERE x.entry = k.entry AND x.serviceId = p.lastServiceId))`;

/**
 * Gap closers: patients whose maintenance is overdue (or falls due) in the window of retention's @scope (built by
 * its `dueParams`), with what they could be worth (the category's average sale, from @asp), archived patients left out.
 * The delinquent window is most of the purchase projection, so each row must cost little: rows are read from the
 * index alone, each scope entry carries its average sale and skipped services (read from JSON once per entry, not per
 * row), and archived patients' rows are found from the short list of them and subtracted (a patient is wholly in
 * one part or the other) instead of testing every row.
 */
export const GAP_CLOSERS_SQL = `
  WITH scope AS MATERIALIZED (
    SELECT key AS entry, value ->> 'c' AS categoryId, value ->> 'lo' AS lo, value ->> 'hi' AS hi, value ->> 's' AS serviceId, value ->> 'x' AS skip,
      coalesce(@asp ->> ('$."' || (value ->> 'c') || '"'), 0) AS aspCents
    FROM json_each(@scope)),
  skipped AS MATERIALIZED (SELECT k.entry, j.value AS serviceId FROM scope k, json_each(k.skip) j),
  due AS (
    SELECT p.patientId, k.aspCents FROM scope k JOIN patientCategoryPurchase p ON p.categoryId = k.categoryId AND p.lastLocalDate BETWEEN k.lo AND k.hi
    WHERE ${IN_ENTRY}),
  archivedDue AS (
    SELECT p.patientId, k.aspCents FROM (SELECT id FROM patient WHERE archivedAt IS NOT NULL) a
      CROSS JOIN patientCategoryPurchase p ON p.patientId = a.id
      CROSS JOIN scope k ON k.categoryId = p.categoryId AND p.lastLocalDate BETWEEN k.lo AND k.hi
    WHERE ${IN_ENTRY}),
  part AS (
    SELECT 1 AS sign, count(DISTINCT patientId) AS patients, coalesce(sum(aspCents), 0) AS cents FROM due
    UNION ALL SELECT -1, count(DISTINCT patientId), coalesce(sum(aspCents), 0) FROM archivedDue)
  SELECT sum(sign * patients) AS patients, sum(sign * cents) AS potentialCents FROM part`;

// ── The conversion cascade ─────────────────────────────────────────────────────────────────────────────────────

const TREATMENT_KINDS = `('treatment', 'package')`;

/**
 * The cohort: one row per patient created in the period (@start–@end), with each step of the cascade it reached.
 * - consultAt: the first visit with a consult that happened (not cancelled / no-show, started by @now) before
 *   @consultUntil (the period's end + 90 days).
 * - treatInvoiceId: the first issued invoice with a treatment or package line within 90 days of that consult.
 * - maintained: another issued invoice with a line of the treatment's category after it, within the category's
 *   maintenance interval (365 days when it has none) + 30 days of grace.
 * - crossSold: maintained, and bought a treatment or package of another category (any time since).
 * - ambassador: treated, and another patient names them as who referred them.
 * - revenueCents: the patient's net sales to date (issued invoices net of tax, less credit notes).
 * Every step is MATERIALIZED: the totals read each flag several times, and each is a correlated search.
 */
const COHORT = `
  lead AS MATERIALIZED (
    SELECT p.id AS patientId, p.createdAt,
      (SELECT min(a.startsAt) FROM appointment a WHERE a.patientId = p.id AND a.status NOT IN ('cancelled', 'noShow')
         AND a.startsAt <= @now AND a.startsAt < @consultUntil
         AND EXISTS (SELECT 1 FROM appointmentService x JOIN service sv ON sv.id = x.serviceId WHERE x.appointmentId = a.id AND sv.kind = 'consult')) AS consultAt
    FROM patient p WHERE p.createdAt >= @start AND p.createdAt < @end AND p.mergedIntoId IS NULL),
  treated AS MATERIALIZED (
    SELECT l.*, (SELECT i.id FROM invoice i WHERE i.patientId = l.patientId AND i.status = 'issued'
         AND i.issuedAt >= l.consultAt AND i.issuedAt < strftime('%Y-%m-%dT%H:%M:%fZ', l.consultAt, '+90 days')
         AND EXISTS (SELECT 1 FROM invoiceLine il JOIN service sv ON sv.id = il.serviceId WHERE il.invoiceId = i.id AND sv.kind IN ${TREATMENT_KINDS})
         ORDER BY i.issuedAt, i.id LIMIT 1) AS treatInvoiceId
    FROM lead l),
  step AS MATERIALIZED (
    SELECT t.*, ti.issuedAt AS treatAt,
      (SELECT sv.categoryId FROM invoiceLine il JOIN service sv ON sv.id = il.serviceId
         WHERE il.invoiceId = t.treatInvoiceId AND sv.kind IN ${TREATMENT_KINDS} ORDER BY il.position LIMIT 1) AS treatCategoryId
    FROM treated t LEFT JOIN invoice ti ON ti.id = t.treatInvoiceId),
  cohort AS MATERIALIZED (
    SELECT s.patientId, s.createdAt, s.consultAt, s.treatAt,
      s.consultAt IS NOT NULL AS consulted,
      s.treatInvoiceId IS NOT NULL AS treated,
      s.treatInvoiceId IS NOT NULL AND EXISTS (SELECT 1 FROM invoice i JOIN invoiceLine il ON il.invoiceId = i.id JOIN service sv ON sv.id = il.serviceId
         WHERE i.patientId = s.patientId AND i.status = 'issued' AND i.id <> s.treatInvoiceId AND i.issuedAt > s.treatAt
           AND i.issuedAt <= strftime('%Y-%m-%dT%H:%M:%fZ', s.treatAt,
                 '+' || (coalesce((SELECT maintenanceIntervalDays FROM serviceCategory WHERE id = s.treatCategoryId), 365) + 30) || ' days')
           AND sv.categoryId = s.treatCategoryId) AS maintained,
      s.treatInvoiceId IS NOT NULL AND EXISTS (SELECT 1 FROM invoice i JOIN invoiceLine il ON il.invoiceId = i.id JOIN service sv ON sv.id = il.serviceId
         WHERE i.patientId = s.patientId AND i.status = 'issued' AND sv.kind IN ${TREATMENT_KINDS} AND sv.categoryId <> s.treatCategoryId) AS otherCategory,
      s.treatInvoiceId IS NOT NULL AND EXISTS (SELECT 1 FROM patient r WHERE r.referredByPatientId = s.patientId AND r.mergedIntoId IS NULL) AS ambassador,
      coalesce((SELECT sum(i.netCents) FROM invoice i WHERE i.patientId = s.patientId AND i.status = 'issued'), 0)
        - coalesce((SELECT sum(c.netCents) FROM creditNote c WHERE c.patientId = s.patientId), 0) AS revenueCents
    FROM step s)`;

/** The cascade's counts and revenue per stage. */
export const CASCADE_SQL = `WITH ${COHORT}
  SELECT count(*) AS lead, coalesce(sum(revenueCents), 0) AS leadCents,
    coalesce(sum(consulted), 0) AS consult, coalesce(sum(CASE WHEN consulted THEN revenueCents END), 0) AS consultCents,
    coalesce(sum(treated), 0) AS treatment, coalesce(sum(CASE WHEN treated THEN revenueCents END), 0) AS treatmentCents,
    coalesce(sum(maintained), 0) AS maintenance, coalesce(sum(CASE WHEN maintained THEN revenueCents END), 0) AS maintenanceCents,
    coalesce(sum(maintained AND otherCategory), 0) AS crossServices, coalesce(sum(CASE WHEN maintained AND otherCategory THEN revenueCents END), 0) AS crossServicesCents,
    coalesce(sum(ambassador), 0) AS ambassador, coalesce(sum(CASE WHEN ambassador THEN revenueCents END), 0) AS ambassadorCents
  FROM cohort`;

/** Whether a cohort row reached @stage. */
const AT_STAGE = `CASE @stage WHEN 'lead' THEN 1 WHEN 'consult' THEN consulted WHEN 'treatment' THEN treated WHEN 'maintenance' THEN maintained
  WHEN 'crossServices' THEN maintained AND otherCategory WHEN 'ambassador' THEN ambassador ELSE 0 END`;

/** The patients behind a stage, newest first. */
export const CASCADE_ROWS_SQL = `WITH ${COHORT}
  SELECT c.patientId, pt.number AS patientNumber, pt.firstName || ' ' || pt.lastName AS patientName,
    lumen_local_date(c.createdAt, @zone) AS createdOn, lumen_local_date(c.consultAt, @zone) AS consultOn,
    lumen_local_date(c.treatAt, @zone) AS treatedOn, c.revenueCents
  FROM cohort c JOIN patient pt ON pt.id = c.patientId WHERE ${AT_STAGE}
  ORDER BY c.createdAt DESC, c.patientId LIMIT @limit OFFSET @offset`;
export const CASCADE_ROWS_TOTAL_SQL = `WITH ${COHORT} SELECT count(*) AS total FROM cohort WHERE ${AT_STAGE}`;

/** People reached by every referral source in the months of the period; null when none was entered. */
export const AWARENESS_SQL = `SELECT sum(reached) AS reached FROM awarenessEntry WHERE month BETWEEN @fromMonth AND @toMonth`;

// ── Call lists ─────────────────────────────────────────────────────────────────────────────────────────────────

/**
 * Stalled consults: each patient's latest consult that happened (completed or checked out) between @oldest and
 * @before, with no treatment or package bought since and no later visit that was not cancelled or a no-show.
 */
const STALLED = `
  latest AS (
    SELECT a.patientId, max(a.startsAt) AS consultAt FROM appointment a
    WHERE a.startsAt >= @oldest AND a.startsAt < @asOfEnd AND a.status IN ('completed', 'checkedOut')
      AND EXISTS (SELECT 1 FROM appointmentService x JOIN service sv ON sv.id = x.serviceId WHERE x.appointmentId = a.id AND sv.kind = 'consult')
    GROUP BY a.patientId),
  stalled AS (
    SELECT l.patientId, l.consultAt FROM latest l JOIN patient pt ON pt.id = l.patientId
    WHERE l.consultAt < @before AND pt.archivedAt IS NULL AND pt.mergedIntoId IS NULL
      AND NOT EXISTS (SELECT 1 FROM invoice i JOIN invoiceLine il ON il.invoiceId = i.id JOIN service sv ON sv.id = il.serviceId
        WHERE i.patientId = l.patientId AND i.status = 'issued' AND i.issuedAt >= l.consultAt AND sv.kind IN ${TREATMENT_KINDS})
      AND NOT EXISTS (SELECT 1 FROM appointment b WHERE b.patientId = l.patientId AND b.startsAt > l.consultAt AND b.status NOT IN ('cancelled', 'noShow')))`;
export const STALLED_TOTAL_SQL = `WITH ${STALLED} SELECT count(*) AS total FROM stalled`;
export const STALLED_ROWS_SQL = `WITH ${STALLED}
  SELECT s.patientId, pt.number AS patientNumber, pt.firstName || ' ' || pt.lastName AS patientName, pt.phone, pt.doNotContact,
    coalesce((SELECT granted FROM patientConsent WHERE patientId = s.patientId AND channel = 'phone'), 0) AS phoneConsent,
    a.id AS appointmentId, lumen_local_date(s.consultAt, @zone) AS consultDate, x.staffId, st.displayName AS staffName, sv.categoryId, c.name AS categoryName
  FROM stalled s JOIN patient pt ON pt.id = s.patientId
  JOIN appointment a ON a.patientId = s.patientId AND a.startsAt = s.consultAt AND a.status IN ('completed', 'checkedOut')
  JOIN appointmentService x ON x.id = (SELECT x2.id FROM appointmentService x2 JOIN service s2 ON s2.id = x2.serviceId
    WHERE x2.appointmentId = a.id AND s2.kind = 'consult' ORDER BY x2.position LIMIT 1)
  JOIN service sv ON sv.id = x.serviceId JOIN serviceCategory c ON c.id = sv.categoryId JOIN staff st ON st.id = x.staffId
  ORDER BY s.consultAt, s.patientId LIMIT @limit OFFSET @offset`;

/** Quotes on the table: a patient's draft invoices with at least one line, started before the end of @asOf. */
const OPEN_QUOTE = `i.status = 'draft' AND i.patientId IS NOT NULL AND i.createdAt < @asOfEnd AND EXISTS (SELECT 1 FROM invoiceLine l WHERE l.invoiceId = i.id)`;
export const OPEN_QUOTES_TOTAL_SQL = `SELECT count(*) AS total, coalesce(sum(i.netCents), 0) AS netCents, coalesce(sum(i.totalCents), 0) AS totalCents FROM invoice i WHERE ${OPEN_QUOTE}`;
export const OPEN_QUOTES_ROWS_SQL = `
  SELECT i.id AS invoiceId, i.patientId, pt.number AS patientNumber, pt.firstName || ' ' || pt.lastName AS patientName, pt.phone, pt.doNotContact,
    i.appointmentId, lumen_local_date(i.createdAt, @zone) AS startedOn, i.netCents, i.totalCents, i.createdBy AS startedById, st.displayName AS startedByName,
    (SELECT group_concat(description, ', ') FROM (SELECT description FROM invoiceLine WHERE invoiceId = i.id ORDER BY position)) AS services
  FROM invoice i JOIN patient pt ON pt.id = i.patientId LEFT JOIN staff st ON st.id = i.createdBy WHERE ${OPEN_QUOTE}
  ORDER BY i.createdAt, i.id LIMIT @limit OFFSET @offset`;
