/*
 * The call lists' SQL (delinquency, due soon, this morning's calls), run with `cached(ctx.sqlite, SQL)` so the bench
 * times the same text as its floor.
 *
 * @scope is JSON built by `scopeOf` (scope.ts): one entry per (category, interval) with the range of last-purchase
 * dates whose due date falls in the asked window, computed on clinic-local dates in JS. Each entry is one range read of
 * patientCategoryPurchase_due (categoryId, lastLocalDate), so no row outside the window is ever read. An entry for a
 * service with its own interval (`s`) takes only that service's rows; the category's own entry skips them (`x`).
 */

/** The scope as rows; MATERIALIZED so its JSON is parsed once, not per purchase row. */
const SCOPE = `scope AS MATERIALIZED (
  SELECT value ->> 'c' AS categoryId, value ->> 'lo' AS lo, value ->> 'hi' AS hi, value ->> 'i' AS intervalDays,
    value ->> 's' AS serviceId, value ->> 'x' AS skip, julianday(@asOf) - (value ->> 'i') AS dueDay
  FROM json_each(@scope))`;

/** The rows of a scope entry: a service's own entry takes its rows, the category's entry skips those services. */
const inEntry = (p: string) => `(k.serviceId IS NULL OR ${p}.lastServiceId = k.serviceId)
  AND (k.skip IS NULL OR ${p}.lastServiceId IS NULL OR ${p}.lastServiceId NOT IN (SELECT value FROM json_each(k.skip)))`;

/** Days past the due date (negative: days until it) of a row of entry k. */
const overdue = (p: string) => `CAST(k.dueDay - julianday(${p}.lastLocalDate) AS INTEGER)`;

/** Due rows in the window: the window is exact in the entries' date ranges. */
const DUE = `due AS (
  SELECT p.patientId, p.categoryId, p.lastLocalDate, p.lastServiceId, p.lastStaffId, k.intervalDays, ${overdue('p')} AS daysOverdue
  FROM scope k
  JOIN patientCategoryPurchase p ON p.categoryId = k.categoryId AND p.lastLocalDate BETWEEN k.lo AND k.hi
  WHERE ${inEntry('p')})`;

/** 1, 2, 4, 8 for the bands 0–30, 31–90, 91–180, > 180 days overdue; @bands is their sum (15: all). */
const bandBit = (days: string) => `CASE WHEN ${days} <= 30 THEN 1 WHEN ${days} <= 90 THEN 2 WHEN ${days} <= 180 THEN 4 ELSE 8 END`;

/** A future booked or confirmed visit of the patient with a service of the row's category. */
const scheduled = (d: string) => `EXISTS (
  SELECT 1 FROM appointment a JOIN appointmentService x ON x.appointmentId = a.id JOIN service sv ON sv.id = x.serviceId
  WHERE a.patientId = ${d}.patientId AND a.startsAt >= @now AND a.status IN ('booked', 'confirmed') AND sv.categoryId = ${d}.categoryId)`;

const consent = (channel: string) => `coalesce((SELECT c.granted FROM patientConsent c WHERE c.patientId = pt.id AND c.channel = '${channel}'), 0) = 1`;

/** May this patient be contacted on @channel (phone, sms, email): not do-not-contact, an address, consent. */
const CONTACTABLE = `pt.doNotContact = 0 AND CASE @channel
  WHEN 'phone' THEN pt.phone IS NOT NULL AND ${consent('phone')}
  WHEN 'sms' THEN pt.phone IS NOT NULL AND ${consent('sms')}
  WHEN 'email' THEN pt.email IS NOT NULL AND ${consent('email')} END`;

/**
 * The filters on a row `d` whose days overdue are `days`. Archived (and so merged) patients are a short list read
 * once through patient_archived; the patient row is read only for a search or a channel filter.
 */
const filters = (d: string, days: string) => `${d}.patientId NOT IN (SELECT id FROM patient WHERE archivedAt IS NOT NULL)
    AND (@bands = 15 OR (${bandBit(days)}) & @bands <> 0)
    AND (@provider IS NULL OR ${d}.lastStaffId = @provider)
    AND (@search IS NULL OR EXISTS (SELECT 1 FROM patient pt WHERE pt.id = ${d}.patientId AND (pt.number = upper(@search)
      OR EXISTS (SELECT 1 FROM patientSearch s WHERE s.patientId = pt.id AND s.token >= @search AND s.token < @search || '~'))))
    AND (@channel IS NULL OR EXISTS (SELECT 1 FROM patient pt WHERE pt.id = ${d}.patientId AND ${CONTACTABLE}))
    AND (@scheduled = 'any' OR ${scheduled(d)} = (@scheduled = 'yes'))`;

const ORDER: Record<string, string> = {
  patient: '(SELECT sortName FROM patient WHERE id = d.patientId)',
  category: '(SELECT name FROM serviceCategory WHERE id = d.categoryId), d.daysOverdue DESC',
  provider: '(SELECT displayName FROM staff WHERE id = d.lastStaffId) NULLS LAST, d.daysOverdue DESC',
  lastContact: '(SELECT max(at) FROM outreachCategory o WHERE o.patientId = d.patientId AND o.categoryId = d.categoryId) DESC NULLS LAST',
  lifetimeValue: '(SELECT spentCents FROM patientPurchase WHERE patientId = d.patientId) DESC',
};

const PAGE_COLUMNS = (d: string) => `${d}.patientId, ${d}.categoryId, ${d}.lastLocalDate, ${d}.lastServiceId, ${d}.lastStaffId`;

/**
 * Most overdue first, the list's default: each entry's rows come from the index oldest first, so each entry stops after
 * @limit + @offset matching rows and only those few are sorted together (a full sort of every overdue row was the cost).
 */
const BY_DAYS_OVERDUE = `WITH ${SCOPE}
  SELECT ${PAGE_COLUMNS('p')}, ${overdue('p')} AS daysOverdue, date(p.lastLocalDate, '+' || k.intervalDays || ' days') AS dueDate
  FROM scope k JOIN patientCategoryPurchase p ON p.categoryId = k.categoryId
  WHERE p.patientId IN (
    SELECT d.patientId FROM patientCategoryPurchase d
    WHERE d.categoryId = k.categoryId AND d.lastLocalDate BETWEEN k.lo AND k.hi AND ${inEntry('d')} AND ${filters('d', overdue('d'))}
    ORDER BY d.lastLocalDate, d.patientId LIMIT @limit + @offset)
  ORDER BY daysOverdue DESC, p.patientId, p.categoryId LIMIT @limit OFFSET @offset`;

/** One page of due rows in a sort order (the keys of the contract's dueSorts). Parameters as above plus @limit, @offset. */
export const DUE_PAGE_SQL: Record<string, string> = {
  daysOverdue: BY_DAYS_OVERDUE,
  ...Object.fromEntries(
    Object.entries(ORDER).map(([sort, order]) => [
      sort,
      `WITH ${SCOPE}, ${DUE}
       SELECT ${PAGE_COLUMNS('d')}, d.daysOverdue, date(d.lastLocalDate, '+' || d.intervalDays || ' days') AS dueDate
       FROM due d WHERE ${filters('d', 'd.daysOverdue')}
       ORDER BY ${order}, d.patientId, d.categoryId LIMIT @limit OFFSET @offset`,
    ]),
  ),
};

/** How many due rows match (the list's total). */
export const DUE_COUNT_SQL = `WITH ${SCOPE}, ${DUE} SELECT count(*) FROM due d WHERE ${filters('d', 'd.daysOverdue')}`;

/**
 * The total with no filter but the window, counted in the index alone (only the entries with a service override read
 * the rows' last service), less the rows of archived patients, found from the short list of them (CROSS JOIN keeps
 * that order), instead of testing every row.
 */
export const DUE_TOTAL_SQL = `WITH ${SCOPE}
  SELECT (SELECT count(*) FROM scope k JOIN patientCategoryPurchase p ON p.categoryId = k.categoryId AND p.lastLocalDate BETWEEN k.lo AND k.hi
          WHERE k.serviceId IS NULL AND k.skip IS NULL)
    + (SELECT count(*) FROM scope k JOIN patientCategoryPurchase p ON p.categoryId = k.categoryId AND p.lastLocalDate BETWEEN k.lo AND k.hi
          WHERE (k.serviceId IS NOT NULL OR k.skip IS NOT NULL) AND ${inEntry('p')})
    - (SELECT count(*) FROM (SELECT id FROM patient WHERE archivedAt IS NOT NULL) a
         CROSS JOIN patientCategoryPurchase p ON p.patientId = a.id
         CROSS JOIN scope k ON k.categoryId = p.categoryId AND p.lastLocalDate BETWEEN k.lo AND k.hi
       WHERE ${inEntry('p')})`;

/** What a page row shows besides its key: patient, names, last contact, lifetime spend, consents, the scheduled visit. */
export const DUE_DETAIL_SQL = `
  SELECT pt.number AS patientNumber, pt.firstName || ' ' || pt.lastName AS patientName, pt.phone, pt.email, pt.doNotContact,
    c.name AS categoryName, sv.name AS lastServiceName, st.displayName AS lastProviderName,
    (SELECT spentCents FROM patientPurchase WHERE patientId = pt.id) AS lifetimeSpentCents,
    (SELECT json_object('at', o.at, 'channel', o.channel, 'outcome', o.outcome, 'callBackOn', o.callBackOn)
       FROM outreachCategory oc JOIN outreach o ON o.id = oc.outreachId
       WHERE oc.patientId = pt.id AND oc.categoryId = c.id ORDER BY oc.at DESC LIMIT 1) AS lastContact,
    (SELECT json_group_object(channel, granted) FROM patientConsent WHERE patientId = pt.id) AS consents,
    (SELECT json_object('appointmentId', a.id, 'startsAt', a.startsAt)
       FROM appointment a JOIN appointmentService x ON x.appointmentId = a.id JOIN service s2 ON s2.id = x.serviceId
       WHERE a.patientId = pt.id AND a.startsAt >= @now AND a.status IN ('booked', 'confirmed') AND s2.categoryId = c.id
       ORDER BY a.startsAt LIMIT 1) AS scheduled
  FROM patient pt, serviceCategory c
  LEFT JOIN service sv ON sv.id = @serviceId
  LEFT JOIN staff st ON st.id = @staffId
  WHERE pt.id = @patientId AND c.id = @categoryId`;

/**
 * Call-backs due by @asOf: each patient's latest outreach, when it asked to be called back on or before that date
 * (a later contact replaces it). Its categories come along.
 */
export const CALL_BACKS_SQL = `
  SELECT o.id, o.patientId, o.callBackOn, o.note,
    (SELECT json_group_array(categoryId) FROM outreachCategory WHERE outreachId = o.id) AS categoryIds
  FROM outreach o JOIN patient pt ON pt.id = o.patientId
  WHERE o.callBackOn IS NOT NULL AND o.callBackOn <= @asOf AND o.callBackOn >= @since
    AND pt.archivedAt IS NULL AND pt.mergedIntoId IS NULL
    AND NOT EXISTS (SELECT 1 FROM outreach later WHERE later.patientId = o.patientId AND later.at > o.at)
  ORDER BY o.callBackOn, o.id`;

/**
 * Outreach effectiveness, from rows alone: each outreach in [@from, @to) per category it was about is credited with
 * the patient's first purchase of that category within 90 days after it, unless a later outreach about the same
 * patient and category came before that purchase (the latest contact before a sale takes the credit). Revenue is
 * that invoice's lines of the category less what was credited back.
 */
export const OUTREACH_RESULTS_SQL = `
  WITH credited AS (
    SELECT oc.outreachId, oc.categoryId, oc.patientId, oc.at,
      (SELECT i.id FROM invoice i JOIN invoiceLine l ON l.invoiceId = i.id JOIN service s ON s.id = l.serviceId
        WHERE i.patientId = oc.patientId AND i.status = 'issued' AND s.categoryId = oc.categoryId
          AND i.issuedAt > oc.at AND i.issuedAt <= strftime('%Y-%m-%dT%H:%M:%fZ', oc.at, '+90 days')
        ORDER BY i.issuedAt, i.id LIMIT 1) AS invoiceId
    FROM outreachCategory oc
    WHERE oc.at >= @from AND oc.at < @to
  ),
  won AS (
    SELECT c.outreachId, c.categoryId,
      (SELECT sum(l.totalCents - (SELECT coalesce(sum(n.totalCents), 0) FROM creditNoteLine n WHERE n.invoiceLineId = l.id))
        FROM invoiceLine l JOIN service s ON s.id = l.serviceId WHERE l.invoiceId = c.invoiceId AND s.categoryId = c.categoryId) AS revenueCents
    FROM credited c JOIN invoice i ON i.id = c.invoiceId
    WHERE NOT EXISTS (SELECT 1 FROM outreachCategory later WHERE later.patientId = c.patientId AND later.categoryId = c.categoryId
      AND later.at > c.at AND later.at < i.issuedAt)
  )
  SELECT o.channel, o.outcome, o.staffId, st.displayName AS staffName, count(*) AS outreaches,
    count(w.outreachId) AS converted, coalesce(sum(w.revenueCents), 0) AS revenueCents
  FROM outreach o
  LEFT JOIN (SELECT outreachId, sum(revenueCents) AS revenueCents FROM won GROUP BY outreachId) w ON w.outreachId = o.id
  LEFT JOIN staff st ON st.id = o.staffId
  WHERE o.at >= @from AND o.at < @to
  GROUP BY o.channel, o.outcome, o.staffId
  ORDER BY o.channel, o.outcome, st.displayName`;
