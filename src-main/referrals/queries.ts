/** The referral SQL run with `cached` (the board's is the bench row's, timed beside the same text as its floor). */

/** Follows a merged record to the one it lives on in. */
export const SURVIVOR_SQL = `WITH RECURSIVE chain(id, mergedIntoId, archivedAt) AS (
    SELECT id, mergedIntoId, archivedAt FROM patient WHERE id = ?
    UNION ALL SELECT p.id, p.mergedIntoId, p.archivedAt FROM patient p JOIN chain c ON p.id = c.mergedIntoId)
  SELECT id, archivedAt FROM chain WHERE mergedIntoId IS NULL`;

export const CODE_OF_PATIENT_SQL = 'SELECT code FROM referralCode WHERE patientId = ?';
export const PATIENT_OF_CODE_SQL = 'SELECT patientId FROM referralCode WHERE code = ?';

/** A paid invoice as the reward sees it: its patient's referrer and the net of its service lines (credit notes aside: it was just paid). */
export const REWARD_INVOICE_SQL = `SELECT i.id, i.number, i.patientId, p.referredByPatientId AS referrerId, p.firstName || ' ' || p.lastName AS referredName,
    (SELECT coalesce(sum(l.netCents), 0) FROM invoiceLine l WHERE l.invoiceId = i.id AND l.serviceId IS NOT NULL) AS serviceNetCents
  FROM invoice i JOIN patient p ON p.id = i.patientId WHERE i.id = ?`;

/** Whether the patient (or a record merged into them) was already rewarded for, or their referrer reward refused. */
export const REWARDED_SQL = `SELECT 1 FROM referralReward WHERE kind = 'reward' AND referredId IN (SELECT @patientId UNION ALL SELECT id FROM patient WHERE mergedIntoId = @patientId)`;

/** Invoice `i` sold a service (net > 0), is issued and was paid in full (net of refunds, against what it bills after credit notes). */
export const PAID_TREATMENT = `i.status = 'issued'
    AND EXISTS (SELECT 1 FROM invoiceLine l WHERE l.invoiceId = i.id AND l.serviceId IS NOT NULL AND l.netCents > 0)
    AND (SELECT coalesce(sum(amountCents), 0) FROM payment WHERE invoiceId = i.id) >= i.totalCents - (SELECT coalesce(sum(totalCents), 0) FROM creditNote WHERE invoiceId = i.id)`;

/** Another invoice of the patient (or a record merged into them) with a service line, already paid in full. */
export const EARLIER_TREATMENT_SQL = `SELECT 1 FROM invoice i
  WHERE i.patientId IN (SELECT @patientId UNION ALL SELECT id FROM patient WHERE mergedIntoId = @patientId) AND i.id <> @invoiceId AND ${PAID_TREATMENT}
  LIMIT 1`;

/** The service net an invoice still bills after its credit notes. */
export const SERVICE_NET_LEFT_SQL = `SELECT coalesce(sum(l.netCents - coalesce((SELECT sum(c.netCents) FROM creditNoteLine c WHERE c.invoiceLineId = l.id), 0)), 0)
  FROM invoiceLine l WHERE l.invoiceId = ? AND l.serviceId IS NOT NULL`;

export const INSERT_REWARD_SQL = `INSERT INTO referralReward (id, kind, referrerId, referredId, invoiceId, creditNoteId, form, percent, serviceNetCents, cents, points, storedValueEntryId, pointsEntryId, note, at, by)
  VALUES (@id, @kind, @referrerId, @referredId, @invoiceId, @creditNoteId, @form, @percent, @serviceNetCents, @cents, @points, @storedValueEntryId, @pointsEntryId, @note, @at, @by)`;

export const INSERT_STORED_VALUE_SQL = `INSERT INTO storedValueEntry (id, patientId, amountCents, kind, invoiceId, paymentId, creditNoteId, note, at, by)
  VALUES (?, ?, ?, 'referralReward', NULL, NULL, ?, ?, ?, ?)`;

export const STORED_VALUE_BALANCE_SQL = 'SELECT coalesce(sum(amountCents), 0) FROM storedValueEntry WHERE patientId = ?';

/** `family`: the patient (@patientId) and every record merged into them, however many merges deep. */
export const FAMILY_CTE = `WITH RECURSIVE family(id) AS (SELECT @patientId UNION ALL SELECT p.id FROM patient p JOIN family f ON p.mergedIntoId = f.id)`;

/**
 * The ambassador board over [@start, @end): per referrer (the record a merged one lives on in), patients created in
 * the period who name them and how many of those had a paid treatment by @end; the net (after discounts, before tax)
 * of invoices issued in the period and paid in full to everyone they ever referred, less those patients' credit notes
 * of the period; rewards given less taken back in the period. Referred patients come from the partial index
 * patient_referredBy, their invoices from invoice_patientIssued (covering), their credit notes from creditNote_patient.
 */
export const BOARD_SQL = `WITH referred AS MATERIALIZED (
    SELECT p.id, p.referredByPatientId AS ambassadorId, p.createdAt FROM patient p
    WHERE p.referredByPatientId IS NOT NULL AND p.mergedIntoId IS NULL),
  joined AS (
    SELECT r.ambassadorId, count(*) AS referred,
        sum(EXISTS (SELECT 1 FROM invoice i WHERE i.patientId = r.id AND i.status = 'issued' AND i.issuedAt < @end AND ${PAID_TREATMENT})) AS converted
      FROM referred r WHERE r.createdAt >= @start AND r.createdAt < @end GROUP BY r.ambassadorId),
  sales AS (
    SELECT r.ambassadorId, sum(i.netCents) AS cents FROM referred r CROSS JOIN invoice i
      WHERE i.patientId = r.id AND i.status = 'issued' AND i.issuedAt >= @start AND i.issuedAt < @end
        AND (SELECT coalesce(sum(amountCents), 0) FROM payment WHERE invoiceId = i.id) >= i.totalCents - (SELECT coalesce(sum(totalCents), 0) FROM creditNote WHERE invoiceId = i.id)
      GROUP BY r.ambassadorId),
  refunds AS (
    SELECT r.ambassadorId, sum(c.netCents) AS cents FROM referred r CROSS JOIN creditNote c
      WHERE c.patientId = r.id AND c.createdAt >= @start AND c.createdAt < @end GROUP BY r.ambassadorId),
  rewards AS (
    SELECT coalesce(m.mergedIntoId, w.referrerId) AS ambassadorId, sum(w.cents) AS cents, sum(w.points) AS points
      FROM referralReward w JOIN patient m ON m.id = w.referrerId WHERE w.at >= @start AND w.at < @end GROUP BY 1),
  ambassadors AS (
    SELECT ambassadorId FROM joined UNION SELECT ambassadorId FROM sales UNION SELECT ambassadorId FROM refunds UNION SELECT ambassadorId FROM rewards)
  SELECT p.id, p.number, p.firstName || ' ' || p.lastName AS name, coalesce(j.referred, 0) AS referred, coalesce(j.converted, 0) AS converted,
      coalesce(s.cents, 0) - coalesce(f.cents, 0) AS revenueCents, coalesce(w.cents, 0) AS rewardCents, coalesce(w.points, 0) AS rewardPoints
    FROM ambassadors a JOIN patient p ON p.id = a.ambassadorId
      LEFT JOIN joined j ON j.ambassadorId = a.ambassadorId LEFT JOIN sales s ON s.ambassadorId = a.ambassadorId
      LEFT JOIN refunds f ON f.ambassadorId = a.ambassadorId LEFT JOIN rewards w ON w.ambassadorId = a.ambassadorId
    ORDER BY revenueCents DESC, referred DESC, p.sortName, p.id`;
