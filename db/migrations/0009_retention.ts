import type { MigrationContext } from './context';

/*
 * Retention. The purchase projection: what each patient bought, per service category and in all, kept exact by
 * triggers on invoice, invoiceLine, creditNoteLine (and service, clinic) so every writer — checkout, a patient merge,
 * a sync import, an import of old records — keeps it right without calling anything. It is derived and local: each
 * workstation rebuilds it from the synced invoices where they land.
 *
 * The SQL is exported because the triggers that live in the database are this migration's: retention's
 * `rebuildPurchaseProjection` runs the same text, so a rebuild and the triggers can never disagree. A later change to
 * the projection is a new migration (new triggers) and retention then imports that one.
 *
 * `lumen_local_date(instant, zone)` is the clinic-local date of an instant; core/db.ts registers it on every
 * connection it opens (SQLite knows no time zones).
 */

/** The clinic-local date of the latest purchase instant, in the clinic's zone. */
const localDateOf = (instant: string) => `lumen_local_date(${instant}, (SELECT timeZone FROM clinic))`;

/** Units and money credited back on a line (credit note lines), each an indexed read of creditNoteLine_line. */
const refundedUnits = '(SELECT IFNULL(SUM(c.quantity), 0) FROM creditNoteLine c WHERE c.invoiceLineId = l.id)';
const refundedCents = '(SELECT IFNULL(SUM(c.totalCents), 0) FROM creditNoteLine c WHERE c.invoiceLineId = l.id)';

/**
 * A line's place in time as text that sorts like (issuedAt, line id): issuedAt is fixed-width ISO text, the id is
 * zero-padded. MAX() of it finds the latest line of a group without sorting every line (a window function did).
 */
const LINE_KEY = "i.issuedAt || printf('%020d', l.id)";
const lastLine = (column: string) => `(SELECT ${column} FROM invoiceLine WHERE id = CAST(substr(lastKey, 25) AS INTEGER))`;

/**
 * The statements that recompute the projection of the patients `patients` selects (a parenthesised list or
 * subquery, e.g. `(NEW.patientId)`), or of everyone when it is null. No WITH clause: SQLite refuses one in a trigger.
 */
export function recomputePurchasesSql(patients: string | null): string {
  const only = (column: string) => (patients === null ? '' : ` AND ${column} IN ${patients}`);
  // Everyone's: the invoices in file order, not by the patient index (one random read per invoice: 3.5× slower).
  const invoices = patients === null ? 'invoice i NOT INDEXED' : 'invoice i';
  return `
    DELETE FROM patientCategoryPurchase WHERE 1${only('patientId')};
    INSERT INTO patientCategoryPurchase
      (patientId, categoryId, firstAt, lastAt, lastLocalDate, purchases, spentCents, lastServiceId, lastStaffId, lastInvoiceId)
    SELECT patientId, categoryId, firstAt, lastAt, ${localDateOf('lastAt')}, purchases, spentCents,
      ${lastLine('serviceId')}, ${lastLine('staffId')}, ${lastLine('invoiceId')}
    FROM (
      SELECT i.patientId, s.categoryId, MIN(i.issuedAt) AS firstAt, MAX(i.issuedAt) AS lastAt, COUNT(DISTINCT i.id) AS purchases,
        SUM(l.totalCents - ${refundedCents}) AS spentCents, MAX(${LINE_KEY}) AS lastKey
      FROM ${invoices} CROSS JOIN invoiceLine l ON l.invoiceId = i.id JOIN service s ON s.id = l.serviceId
      WHERE i.status = 'issued' AND i.patientId IS NOT NULL${only('i.patientId')} AND l.quantity > ${refundedUnits}
      GROUP BY i.patientId, s.categoryId
    );
    DELETE FROM patientPurchase WHERE 1${only('patientId')};
    INSERT INTO patientPurchase (patientId, firstAt, lastAt, lastLocalDate, invoices, spentCents)
    SELECT patientId, MIN(standingAt), MAX(standingAt), ${localDateOf('MAX(standingAt)')}, COUNT(standingAt), SUM(spentCents)
    FROM (
      SELECT i.patientId,
        i.totalCents - (SELECT IFNULL(SUM(n.totalCents), 0) FROM creditNote n WHERE n.invoiceId = i.id) AS spentCents,
        CASE WHEN EXISTS (SELECT 1 FROM invoiceLine l WHERE l.invoiceId = i.id AND l.quantity > ${refundedUnits}) THEN i.issuedAt END AS standingAt
      FROM ${invoices}
      WHERE i.status = 'issued' AND i.patientId IS NOT NULL${only('i.patientId')}
      -- Computed once per invoice: flattened into the aggregates, the EXISTS above ran once for each of them.
      LIMIT -1
    )
    GROUP BY patientId
    HAVING COUNT(standingAt) > 0;`;
}

/** The latest line of a category on one invoice (they share issuedAt, so the highest id). */
const lastLineOn = (invoiceId: string, categoryId: string) =>
  `(SELECT MAX(l.id) FROM invoiceLine l JOIN service s ON s.id = l.serviceId WHERE l.invoiceId = ${invoiceId} AND s.categoryId = ${categoryId})`;

/**
 * A draft issued: adds the invoice to its patient's projection, without reading the patient's history (the sale's
 * hot path; checkout commit has a 5 ms budget). Only when the invoice has no credit note (one taken back to draft
 * after a credit note is recomputed whole).
 */
const addIssuedInvoiceSql = `
  INSERT INTO patientCategoryPurchase
    (patientId, categoryId, firstAt, lastAt, lastLocalDate, purchases, spentCents, lastServiceId, lastStaffId, lastInvoiceId)
  SELECT NEW.patientId, categoryId, NEW.issuedAt, NEW.issuedAt, ${localDateOf('NEW.issuedAt')}, 1, spentCents,
    (SELECT serviceId FROM invoiceLine WHERE id = lastLineId), (SELECT staffId FROM invoiceLine WHERE id = lastLineId), NEW.id
  FROM (
    SELECT s.categoryId, SUM(l.totalCents) AS spentCents, MAX(l.id) AS lastLineId
    FROM invoiceLine l JOIN service s ON s.id = l.serviceId WHERE l.invoiceId = NEW.id GROUP BY s.categoryId
  ) WHERE 1
  ON CONFLICT (patientId, categoryId) DO UPDATE SET
    firstAt = MIN(firstAt, excluded.firstAt),
    purchases = purchases + 1,
    spentCents = spentCents + excluded.spentCents,
    lastAt = CASE WHEN ${'{newer}'} THEN excluded.lastAt ELSE lastAt END,
    lastLocalDate = CASE WHEN ${'{newer}'} THEN excluded.lastLocalDate ELSE lastLocalDate END,
    lastServiceId = CASE WHEN ${'{newer}'} THEN excluded.lastServiceId ELSE lastServiceId END,
    lastStaffId = CASE WHEN ${'{newer}'} THEN excluded.lastStaffId ELSE lastStaffId END,
    lastInvoiceId = CASE WHEN ${'{newer}'} THEN excluded.lastInvoiceId ELSE lastInvoiceId END;
  INSERT INTO patientPurchase (patientId, firstAt, lastAt, lastLocalDate, invoices, spentCents)
  SELECT NEW.patientId, NEW.issuedAt, NEW.issuedAt, ${localDateOf('NEW.issuedAt')}, 1, NEW.totalCents
  WHERE EXISTS (SELECT 1 FROM invoiceLine WHERE invoiceId = NEW.id)
  ON CONFLICT (patientId) DO UPDATE SET
    firstAt = MIN(firstAt, excluded.firstAt),
    lastLocalDate = CASE WHEN excluded.lastAt > lastAt THEN excluded.lastLocalDate ELSE lastLocalDate END,
    lastAt = MAX(lastAt, excluded.lastAt),
    invoices = invoices + 1,
    spentCents = spentCents + excluded.spentCents;`.replaceAll(
  '{newer}',
  // Later by issuedAt, or at the same instant (two sales in one millisecond) by the higher line id.
  `(excluded.lastAt > lastAt OR (excluded.lastAt = lastAt AND ${lastLineOn('excluded.lastInvoiceId', 'excluded.categoryId')} > ${lastLineOn('lastInvoiceId', 'patientCategoryPurchase.categoryId')}))`,
);

/** Issuing a draft of a patient that has no credit note: the incremental path. */
const ISSUING = "OLD.status = 'draft' AND NEW.status = 'issued' AND NEW.patientId IS NOT NULL AND NOT EXISTS (SELECT 1 FROM creditNote WHERE invoiceId = NEW.id)";

const patientOfInvoice = (invoiceId: string) => `(SELECT patientId FROM invoice WHERE id = ${invoiceId})`;
const issued = (invoiceId: string) => `(SELECT status FROM invoice WHERE id = ${invoiceId}) = 'issued'`;
const patientOfLine = (lineId: string) => `(SELECT i.patientId FROM invoiceLine l JOIN invoice i ON i.id = l.invoiceId WHERE l.id = ${lineId})`;

/** Trigger name → its SQL. Named `purchases_*` so the demo can set them aside while it writes ten years of sales. */
export const purchaseTriggers: Record<string, string> = {
  purchases_invoice_insert: `AFTER INSERT ON invoice WHEN NEW.status = 'issued' AND NEW.patientId IS NOT NULL
    BEGIN ${recomputePurchasesSql('(NEW.patientId)')} END`,
  purchases_invoice_issue: `AFTER UPDATE OF status ON invoice WHEN ${ISSUING}
    BEGIN ${addIssuedInvoiceSql} END`,
  purchases_invoice_update: `AFTER UPDATE OF status, patientId, issuedAt ON invoice
    WHEN (OLD.status = 'issued' OR NEW.status = 'issued') AND NOT (${ISSUING})
    BEGIN ${recomputePurchasesSql('(OLD.patientId, NEW.patientId)')} END`,
  purchases_invoice_delete: `AFTER DELETE ON invoice WHEN OLD.status = 'issued'
    BEGIN ${recomputePurchasesSql('(OLD.patientId)')} END`,
  purchases_line_insert: `AFTER INSERT ON invoiceLine WHEN ${issued('NEW.invoiceId')}
    BEGIN ${recomputePurchasesSql(patientOfInvoice('NEW.invoiceId'))} END`,
  purchases_line_update: `AFTER UPDATE ON invoiceLine WHEN ${issued('OLD.invoiceId')} OR ${issued('NEW.invoiceId')}
    BEGIN ${recomputePurchasesSql(`(${patientOfInvoice('OLD.invoiceId')}, ${patientOfInvoice('NEW.invoiceId')})`)} END`,
  purchases_line_delete: `AFTER DELETE ON invoiceLine WHEN ${issued('OLD.invoiceId')}
    BEGIN ${recomputePurchasesSql(patientOfInvoice('OLD.invoiceId'))} END`,
  purchases_credit_insert: `AFTER INSERT ON creditNoteLine
    BEGIN ${recomputePurchasesSql(patientOfLine('NEW.invoiceLineId'))} END`,
  purchases_credit_delete: `AFTER DELETE ON creditNoteLine
    BEGIN ${recomputePurchasesSql(patientOfLine('OLD.invoiceLineId'))} END`,
  // A service moved to another category moves what its buyers bought (rare: a catalog correction).
  purchases_service_category: `AFTER UPDATE OF categoryId ON service WHEN OLD.categoryId IS NOT NEW.categoryId
    BEGIN ${recomputePurchasesSql("(SELECT i.patientId FROM invoiceLine l JOIN invoice i ON i.id = l.invoiceId WHERE l.serviceId = NEW.id AND i.status = 'issued')")} END`,
  // Local dates follow the clinic's zone.
  purchases_clinic_zone: `AFTER UPDATE OF timeZone ON clinic WHEN OLD.timeZone IS NOT NEW.timeZone
    BEGIN
      UPDATE patientCategoryPurchase SET lastLocalDate = lumen_local_date(lastAt, NEW.timeZone);
      UPDATE patientPurchase SET lastLocalDate = lumen_local_date(lastAt, NEW.timeZone);
    END`,
};

export function up({ exec }: MigrationContext): void {
  exec(`
    -- Per patient and service category: from the patient's issued invoices, the lines of that category not wholly
    -- refunded. Instants are issuedAt; lastLocalDate is lastAt's clinic-local date; last* come from the latest line.
    CREATE TABLE patientCategoryPurchase (
      patientId INTEGER NOT NULL,
      categoryId INTEGER NOT NULL,
      firstAt TEXT NOT NULL,
      lastAt TEXT NOT NULL,
      lastLocalDate TEXT NOT NULL,
      purchases INTEGER NOT NULL,
      spentCents INTEGER NOT NULL,
      lastServiceId INTEGER,
      lastStaffId INTEGER,
      lastInvoiceId INTEGER NOT NULL,
      PRIMARY KEY (patientId, categoryId)
    ) STRICT, WITHOUT ROWID;
    -- Delinquency and due soon read a category's rows by their last purchase date (covering: the key is in the index).
    CREATE INDEX patientCategoryPurchase_due ON patientCategoryPurchase(categoryId, lastLocalDate);
    CREATE INDEX patientCategoryPurchase_last ON patientCategoryPurchase(lastLocalDate);

    -- Per patient: every issued invoice with a line not wholly refunded; spent is what invoices billed less credit notes.
    CREATE TABLE patientPurchase (
      patientId INTEGER PRIMARY KEY,
      firstAt TEXT NOT NULL,
      lastAt TEXT NOT NULL,
      lastLocalDate TEXT NOT NULL,
      invoices INTEGER NOT NULL,
      spentCents INTEGER NOT NULL
    ) STRICT;
  `);
  // Merging patients moves their invoices to the kept record; an issued invoice's patient may change only that way
  // (the merged record is marked merged into the kept one first). Until now a merge of two buyers was refused.
  exec(`
    DROP TRIGGER invoice_issued_is_final;
    CREATE TRIGGER invoice_issued_is_final BEFORE UPDATE ON invoice
      WHEN OLD.status <> 'draft' AND (SELECT active FROM syncApplying) = 0
        AND NOT (NEW.patientId = (SELECT mergedIntoId FROM patient WHERE id = OLD.patientId)
          AND NEW.status = OLD.status AND NEW.number IS OLD.number AND NEW.totalCents IS OLD.totalCents)
        AND (OLD.status = 'void' OR NEW.status = OLD.status OR NEW.number IS NOT OLD.number OR NEW.totalCents IS NOT OLD.totalCents OR NEW.patientId IS NOT OLD.patientId)
      BEGIN SELECT RAISE(ABORT, 'an issued invoice cannot change; credit it, or take it back to draft before any payment'); END;
  `);
  for (const [name, body] of Object.entries(purchaseTriggers)) exec(`CREATE TRIGGER ${name} ${body};`);
  exec(recomputePurchasesSql(null));

  exec(`
    -- A call, message or word at the desk about a patient's maintenance: append-only, synced as facts. The categories
    -- it was about are rows of outreachCategory (with the patient and time again, so "latest contact for this patient
    -- and category" is one index read).
    CREATE TABLE outreach (
      id INTEGER PRIMARY KEY,
      patientId INTEGER NOT NULL REFERENCES patient(id),
      channel TEXT NOT NULL CHECK (channel IN ('phone','email','sms','inPerson')),
      templateId INTEGER REFERENCES messageTemplate(id),
      outcome TEXT NOT NULL CHECK (outcome IN ('booked','callBack','notInterested','wrongNumber','noAnswer','leftMessage','sent')),
      callBackOn TEXT,
      note TEXT NOT NULL DEFAULT '',
      staffId INTEGER REFERENCES staff(id),
      at TEXT NOT NULL,
      CHECK ((outcome = 'callBack') = (callBackOn IS NOT NULL))
    ) STRICT;
    CREATE INDEX outreach_patient ON outreach(patientId, at);
    -- The call lists leave out archived (and merged) patients: a short list, read through this.
    CREATE INDEX IF NOT EXISTS patient_archived ON patient(archivedAt) WHERE archivedAt IS NOT NULL;
    CREATE INDEX outreach_at ON outreach(at);
    CREATE INDEX outreach_callBack ON outreach(callBackOn) WHERE callBackOn IS NOT NULL;
    CREATE TABLE outreachCategory (
      outreachId INTEGER NOT NULL REFERENCES outreach(id),
      categoryId INTEGER NOT NULL REFERENCES serviceCategory(id),
      patientId INTEGER NOT NULL,
      at TEXT NOT NULL,
      PRIMARY KEY (outreachId, categoryId)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX outreachCategory_latest ON outreachCategory(patientId, categoryId, at);
    CREATE TRIGGER outreach_is_final BEFORE UPDATE ON outreach WHEN (SELECT active FROM syncApplying) = 0
      BEGIN SELECT RAISE(ABORT, 'an outreach is a record of what happened; log a new one'); END;
    CREATE TRIGGER outreachCategory_is_final BEFORE UPDATE ON outreachCategory WHEN (SELECT active FROM syncApplying) = 0
      BEGIN SELECT RAISE(ABORT, 'an outreach is a record of what happened; log a new one'); END;

    -- Outreach messages (email/SMS drafted from an outreach template) go through the outbox, which so far held only
    -- appointment messages: both tables are rebuilt (SQLite cannot alter a CHECK or a NOT NULL), the outbox with
    -- appointmentId optional, templates with the kind 'outreach'. Foreign keys are checked at commit.
    PRAGMA defer_foreign_keys = ON;
    CREATE TABLE messageTemplate_new (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('confirmation','reminder','outreach')),
      channel TEXT NOT NULL CHECK (channel IN ('email','sms')),
      minutesBefore INTEGER,
      subject TEXT NOT NULL DEFAULT '',
      body TEXT NOT NULL,
      active INTEGER NOT NULL DEFAULT 1
    ) STRICT;
    INSERT INTO messageTemplate_new SELECT id, name, kind, channel, minutesBefore, subject, body, active FROM messageTemplate;
    CREATE TABLE outbox_new (
      id INTEGER PRIMARY KEY,
      appointmentId INTEGER REFERENCES appointment(id),
      patientId INTEGER NOT NULL REFERENCES patient(id),
      templateId INTEGER NOT NULL REFERENCES messageTemplate(id),
      kind TEXT NOT NULL,
      channel TEXT NOT NULL,
      recipient TEXT,
      subject TEXT NOT NULL,
      body TEXT NOT NULL,
      dueAt TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('queued','sent','failed','notSent')),
      statusReason TEXT,
      attempts INTEGER NOT NULL DEFAULT 0,
      sentAt TEXT,
      dedupeKey TEXT NOT NULL UNIQUE,
      createdAt TEXT NOT NULL,
      updatedAt TEXT NOT NULL,
      CHECK (appointmentId IS NOT NULL OR kind = 'outreach')
    ) STRICT;
    INSERT INTO outbox_new SELECT id, appointmentId, patientId, templateId, kind, channel, recipient, subject, body, dueAt, status, statusReason,
      attempts, sentAt, dedupeKey, createdAt, updatedAt FROM outbox;
    DROP TABLE outbox;
    DROP TABLE messageTemplate;
    ALTER TABLE messageTemplate_new RENAME TO messageTemplate;
    ALTER TABLE outbox_new RENAME TO outbox;
    CREATE INDEX outbox_status ON outbox(status, dueAt);
    CREATE INDEX outbox_appointment ON outbox(appointmentId);
    CREATE INDEX outbox_patient ON outbox(patientId);

    INSERT OR IGNORE INTO rolePermission (role, permission)
      SELECT role, permission FROM (
        SELECT 'owner' AS role, 'retention.calls' AS permission UNION ALL SELECT 'manager', 'retention.calls' UNION ALL SELECT 'frontDesk', 'retention.calls'
        UNION ALL SELECT 'owner', 'retention.results' UNION ALL SELECT 'manager', 'retention.results'
      ) WHERE EXISTS (SELECT 1 FROM clinic);
  `);
}
