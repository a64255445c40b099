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
    value ->> 's' AS serviceId, value ->> 'x' AS skip
  FROM json_each(@scope))`;

/** Due rows in the window, with their days overdue (negative: days until due) and their patient still a patient. */
const DUE = `due AS (
  SELECT p.patientId, p.categoryId, p.lastLocalDate, p.lastServiceId, p.lastStaffId, k.intervalDays,
    CAST(julianday(@asOf) - julianday(p.lastLocalDate) AS INTEGER) - k.intervalDays AS daysOverdue
  FROM scope k
  JOIN patientCategoryPurchase p ON p.categoryId = k.categoryId AND p.lastLocalDate BETWEEN k.lo AND k.hi
  WHERE (k.serviceId IS NULL OR p.lastServiceId = k.serviceId)
    AND (k.skip IS NULL OR p.lastServiceId IS NULL OR p.lastServiceId NOT IN (SELECT value FROM json_each(k.skip))))`;

/** 1, 2, 4, 8 for the bands 0–30, 31–90, 91–180, > 180 days overdue; @bands is their sum (15: all). */
const BAND_BIT = 'CASE WHEN d.daysOverdue <= 30 THEN 1 WHEN d.daysOverdue <= 90 THEN 2 WHEN d.daysOverdue <= 180 THEN 4 ELSE 8 END';

/** A future booked or confirmed visit of the patient with a service of the row's category. */
const SCHEDULED = `EXISTS (
  SELECT 1 FROM appointment a JOIN appointmentService x ON x.appointmentId = a.id JOIN service sv ON sv.id = x.serviceId
  WHERE a.patientId = d.patientId AND a.startsAt >= @now AND a.status IN ('booked', 'confirmed') AND sv.categoryId = d.categoryId)`;

const consent = (channel: string) => `coalesce((SELECT c.granted FROM patientConsent c WHERE c.patientId = pt.id AND c.channel = '${channel}'), 0) = 1`;

/** May this patient be contacted on @channel (phone, sms, email): not do-not-contact, an address, consent. */
const CONTACTABLE = `pt.doNotContact = 0 AND CASE @channel
  WHEN 'phone' THEN pt.phone IS NOT NULL AND ${consent('phone')}
  WHEN 'sms' THEN pt.phone IS NOT NULL AND ${consent('sms')}
  WHEN 'email' THEN pt.email IS NOT NULL AND ${consent('email')} END`;

const FILTERED = `
  FROM due d JOIN patient pt ON pt.id = d.patientId
  WHERE d.daysOverdue BETWEEN @minOverdue AND @maxOverdue
    AND pt.archivedAt IS NULL AND pt.mergedIntoId IS NULL
    AND (@bands = 15 OR (${BAND_BIT}) & @bands <> 0)
    AND (@provider IS NULL OR d.lastStaffId = @provider)
    AND (@search IS NULL OR pt.number = @search OR EXISTS (SELECT 1 FROM patientSearch s WHERE s.patientId = pt.id AND s.token >= @search AND s.token < @search || '~'))
    AND (@channel IS NULL OR (${CONTACTABLE}))
    AND (@scheduled = 'any' OR ${SCHEDULED} = (@scheduled = 'yes'))`;

const ORDER: Record<string, string> = {
  daysOverdue: 'd.daysOverdue DESC',
  patient: 'pt.sortName',
  category: '(SELECT name FROM serviceCategory WHERE id = d.categoryId), d.daysOverdue DESC',
  provider: '(SELECT displayName FROM staff WHERE id = d.lastStaffId) NULLS LAST, d.daysOverdue DESC',
  lastContact: '(SELECT max(at) FROM outreachCategory o WHERE o.patientId = d.patientId AND o.categoryId = d.categoryId) DESC NULLS LAST',
  lifetimeValue: '(SELECT spentCents FROM patientPurchase WHERE patientId = d.patientId) DESC',
};

/** One page of due rows in a sort order (the keys of the contract's dueSorts). Parameters as above plus @limit, @offset. */
export const DUE_PAGE_SQL: Record<string, string> = Object.fromEntries(
  Object.entries(ORDER).map(([sort, order]) => [
    sort,
    `WITH ${SCOPE}, ${DUE}
     SELECT d.patientId, d.categoryId, d.lastLocalDate, d.lastServiceId, d.lastStaffId, d.daysOverdue,
       date(d.lastLocalDate, '+' || d.intervalDays || ' days') AS dueDate
     ${FILTERED}
     ORDER BY ${order}, d.patientId, d.categoryId LIMIT @limit OFFSET @offset`,
  ]),
);

/** How many due rows match (the list's total). */
export const DUE_COUNT_SQL = `WITH ${SCOPE}, ${DUE} SELECT count(*) ${FILTERED}`;

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
