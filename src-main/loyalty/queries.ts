/** The loyalty SQL the desk's hot paths run (with `cached`), so the bench times the same text as its floor. */

export const INSERT_ENTRY_SQL = `INSERT INTO pointsEntry (id, patientId, kind, points, at, expiresOn, lotEntryId, invoiceId, creditNoteId, paymentId, lines, dedupeKey, note, by)
  VALUES (@id, @patientId, @kind, @points, @at, @expiresOn, @lotEntryId, @invoiceId, @creditNoteId, @paymentId, @lines, @dedupeKey, @note, @by)
  ON CONFLICT (dedupeKey) DO NOTHING`;

/** A patient's whole ledger in order, from the covering index pointsEntry_patient. */
export const PATIENT_ENTRIES_SQL = 'SELECT id, kind, points, at, expiresOn, lotEntryId FROM pointsEntry WHERE patientId = ? ORDER BY at, id';

/** A page of the statement, newest first, with each row's invoice number. */
export const STATEMENT_SQL = `SELECT e.id, e.kind, e.points, e.at, e.expiresOn, e.invoiceId, i.number AS invoiceNumber, e.creditNoteId, e.note
  FROM pointsEntry e LEFT JOIN invoice i ON i.id = e.invoiceId
  WHERE e.patientId = ? ORDER BY e.at DESC, e.id DESC LIMIT ? OFFSET ?`;

/**
 * The lines of an invoice as earning sees them: net less what credit notes took, the category of the service (of
 * the package's service or category for a package line), and whether the line sells stored value (no points) or a
 * package paid it (earned when the package was bought).
 */
export const EARNING_LINES_SQL = `SELECT l.id, l.quantity, l.netCents - coalesce((SELECT sum(c.netCents) FROM creditNoteLine c WHERE c.invoiceLineId = l.id), 0) AS netCents,
    CASE WHEN l.packagePlanId IS NOT NULL THEN coalesce(pl.categoryId, ps.categoryId) ELSE s.categoryId END AS categoryId,
    (l.giftCard = 1 OR l.topUpPlanId IS NOT NULL) AS storedValue,
    EXISTS (SELECT 1 FROM payment p JOIN patientPackage pp ON pp.id = p.patientPackageId JOIN packagePlan x ON x.id = pp.planId
      WHERE p.invoiceId = l.invoiceId AND p.patientPackageId IS NOT NULL AND p.amountCents > 0 AND (x.serviceId = l.serviceId OR x.categoryId = s.categoryId)) AS packagePaid
  FROM invoiceLine l LEFT JOIN service s ON s.id = l.serviceId
    LEFT JOIN packagePlan pl ON pl.id = l.packagePlanId LEFT JOIN service ps ON ps.id = pl.serviceId
  WHERE l.invoiceId = ? ORDER BY l.position`;

/** What an invoice bills now (total less credit notes) and what points paid of it, net of points given back. */
export const EARNING_INVOICE_SQL = `SELECT i.patientId, i.number, i.totalCents - coalesce((SELECT sum(c.totalCents) FROM creditNote c WHERE c.invoiceId = i.id), 0) AS billedCents,
    coalesce((SELECT sum(p.amountCents) FROM payment p WHERE p.invoiceId = i.id AND p.tender = 'points'), 0) AS pointsCents
  FROM invoice i WHERE i.id = ?`;

export const EARNED_OF_INVOICE_SQL = "SELECT id, patientId, points, lines FROM pointsEntry WHERE invoiceId = ? AND kind = 'earned'";
