/**
 * The conversation's SQL: the thread is a hot path the bench times (raw prepared statements, `cached`), and the
 * replies job (inbound.ts) writes synchronously in its own transactions, where Kysely's async calls cannot run.
 */
import { CONTACT_COLUMNS } from './queries';

/** The patient a thread is about, with what decides whether they may be written to. Parameter: the patient id. */
export const THREAD_PATIENT_SQL = `
  SELECT p.id, p.firstName, p.lastName, p.preferredName, p.mergedIntoId, ${CONTACT_COLUMNS}
  FROM patient p WHERE p.id = ?`;

/**
 * One page of a patient's thread, newest first: what was sent to them (at when sent, else when written) and what
 * they sent, of this patient and of the records merged into it (a merge made on another workstation leaves this
 * workstation's messages where they were). `(at, direction, id)` below the cursor; the first page passes a cursor
 * above everything. Each side is read through its patient index, then sorted: a thread of 500 is a small sort.
 */
export const THREAD_PAGE_SQL = `
  WITH who AS (SELECT id FROM patient WHERE id = @patientId OR mergedIntoId = @patientId)
  SELECT * FROM (
    SELECT 'out:' || o.id AS key, 'out' AS direction, o.id, o.channel, coalesce(o.sentAt, o.createdAt) AS at, o.kind, coalesce(s.displayName, 'Lumen') AS "from",
      o.subject, o.body, o.status, o.statusReason, NULL AS note, NULL AS answered
    FROM outbox o LEFT JOIN staff s ON s.id = o.staffId
    WHERE o.patientId IN who
    UNION ALL
    SELECT 'in:' || i.id, 'in', i.id, i.channel, i.receivedAt, NULL, i.fromAddress, i.subject, i.body, NULL, NULL, i.note, i.answeredAt IS NOT NULL
    FROM inboundMessage i
    WHERE i.patientId IN who
  )
  WHERE (at, direction, id) < (@at, @direction, @id)
  ORDER BY at DESC, direction DESC, id DESC
  LIMIT @limit`;

/** The cursor of the first page: above every (at, direction, id). */
export const FIRST_PAGE = { at: '~', direction: '~', id: 0 };

/** Open messages (not answered, not closed) of one inbox view, oldest first. */
const OPEN_SQL = `
  SELECT i.id, i.channel, i.patientId, CASE WHEN p.id IS NULL THEN NULL ELSE p.firstName || ' ' || p.lastName END AS patientName,
    i.fromAddress, i.fromName, i.subject, substr(i.body, 1, 400) AS body, i.note, i.receivedAt, i.ownerStaffId, s.displayName AS ownerName
  FROM inboundMessage i
  LEFT JOIN patient p ON p.id = i.patientId
  LEFT JOIN staff s ON s.id = i.ownerStaffId
  WHERE i.answeredAt IS NULL AND %VIEW%
  ORDER BY i.receivedAt, i.id
  LIMIT @limit`;
export const INBOX_SQL = {
  unanswered: OPEN_SQL.replace('%VIEW%', 'i.patientId IS NOT NULL'),
  mine: OPEN_SQL.replace('%VIEW%', 'i.ownerStaffId = @me'),
  unmatched: OPEN_SQL.replace('%VIEW%', 'i.patientId IS NULL'),
};

/** The inbox's counts; overdue: unanswered messages received before @overdueBefore (now less the reply target). */
export const INBOX_COUNTS_SQL = `
  SELECT coalesce(sum(patientId IS NOT NULL), 0) AS unanswered,
    coalesce(sum(patientId IS NOT NULL AND receivedAt < @overdueBefore), 0) AS overdue,
    coalesce(sum(ownerStaffId = @me), 0) AS mine,
    coalesce(sum(patientId IS NULL), 0) AS unmatched
  FROM inboundMessage WHERE answeredAt IS NULL`;

export const INBOUND_SQL = 'SELECT * FROM inboundMessage WHERE id = ?';

/** Takes a message out of the inbox (replied, no reply needed, or an opt-out). */
export const CLOSE_INBOUND_SQL = `
  UPDATE inboundMessage SET closedReason = @reason, answeredAt = @at, answeredBy = @staffId, answerOutboxId = @outboxId, updatedAt = @at
  WHERE id = @id AND answeredAt IS NULL`;

/** A message a person writes or Lumen's opt-out confirmation: no template, no appointment, due at once. */
export const INSERT_DIRECT_SQL = `
  INSERT OR IGNORE INTO outbox (id, appointmentId, patientId, templateId, kind, channel, recipient, subject, body, dueAt, status, statusReason,
    messageId, urgent, staffId, inReplyToId, dedupeKey, createdAt, updatedAt)
  VALUES (@id, NULL, @patientId, NULL, @kind, @channel, @recipient, @subject, @body, @now, 'queued', NULL,
    @messageId, @urgent, @staffId, @inReplyToId, @dedupeKey, @now, @now)`;
