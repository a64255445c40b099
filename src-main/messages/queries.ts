/**
 * The reminders job's SQL. Raw prepared statements: the job writes outside calls, synchronously inside its own
 * better-sqlite3 transactions (see job.ts), where Kysely's async calls cannot run. A template's preview reads its
 * appointment with the same `loadMessageContext` the job renders from.
 */
import { cached, type Sqlite } from '../core/db';
import type { MessageContext } from './render';

/** Patient contact state used to decide whether a message may go out. */
export const CONTACT_COLUMNS = `p.phone, p.email, p.doNotContact,
  coalesce((SELECT c.granted FROM patientConsent c WHERE c.patientId = p.id AND c.channel = 'sms'), 0) AS smsConsent,
  coalesce((SELECT c.granted FROM patientConsent c WHERE c.patientId = p.id AND c.channel = 'email'), 0) AS emailConsent`;

/** One appointment with its patient and its services in order. Parameter: the appointment id. */
const CONTEXT_SQL = `
  SELECT a.id AS appointmentId, a.patientId, a.status, a.startsAt, a.createdAt, a.updatedAt,
    p.firstName, p.lastName, p.preferredName, ${CONTACT_COLUMNS},
    (SELECT json_group_array(json_object('service', sv.name, 'provider', st.displayName, 'prep', sv.prepInstructions) ORDER BY s.position)
       FROM appointmentService s JOIN service sv ON sv.id = s.serviceId JOIN staff st ON st.id = s.staffId
       WHERE s.appointmentId = a.id) AS segments
  FROM appointment a JOIN patient p ON p.id = a.patientId
  WHERE a.id = ?`;

export function loadMessageContext(sqlite: Sqlite, appointmentId: number): MessageContext | undefined {
  const row = cached(sqlite, CONTEXT_SQL).get(appointmentId) as (Omit<MessageContext, 'segments'> & { segments: string }) | undefined;
  return row && { ...row, segments: JSON.parse(row.segments) as MessageContext['segments'] };
}

/**
 * A message with the current state of its appointment and patient, to retire what may no longer go out. A message
 * without an appointment (outreach, a reply in a thread) stands as written ('booked' lets the patient's consent
 * decide alone); one without a template (a person wrote it) has no template to be switched off.
 */
const MESSAGE_STATE = `
  SELECT o.id, o.channel, o.recipient, o.dedupeKey,
    CASE WHEN o.appointmentId IS NULL THEN o.dedupeKey ELSE o.templateId || ':' || a.id || ':' || a.startsAt END AS currentKey,
    coalesce(a.status, 'booked') AS status, a.startsAt, coalesce(t.active, 1) AS templateActive, ${CONTACT_COLUMNS}`;
const MESSAGE_STATE_FROM = `
  FROM outbox o
  LEFT JOIN appointment a ON a.id = o.appointmentId
  JOIN patient p ON p.id = o.patientId
  LEFT JOIN messageTemplate t ON t.id = o.templateId`;

/** Queued messages, to retire what may no longer go out. An opt-out's confirmation goes to someone who has just said stop. */
export const QUEUED_SQL = `${MESSAGE_STATE} ${MESSAGE_STATE_FROM} WHERE o.status = 'queued' AND o.kind <> 'optOut'`;

/** One message as the outbox drain sends it, with its state (parameter: the outbox id). */
export const SENDABLE_SQL = `${MESSAGE_STATE},
    o.status AS outboxStatus, o.patientId, o.kind, o.subject, o.body, o.attempts, o.urgent, o.staffId, o.messageId,
    (SELECT i.carrierKey FROM inboundMessage i WHERE i.id = o.inReplyToId) AS inReplyToKey
  ${MESSAGE_STATE_FROM} WHERE o.id = ?`;

/** Queued messages due now on the channels that can send, urgent first. */
export const DUE_SQL = `
  SELECT id FROM outbox
  WHERE status = 'queued' AND dueAt <= @now AND (nextAttemptAt IS NULL OR nextAttemptAt <= @now) AND channel IN (@email, @sms)
  ORDER BY urgent DESC, dueAt, id LIMIT @limit`;

/** Messages handed to a carrier whose outcome is not known (the app was stopped, or the connection broke). */
export const SENDING_SQL = `
  SELECT o.id, o.channel, o.recipient, o.subject, o.body, o.messageId, o.sendingAt, o.attempts,
    (SELECT i.carrierKey FROM inboundMessage i WHERE i.id = o.inReplyToId) AS inReplyToKey
  FROM outbox o WHERE o.status = 'sending' ORDER BY o.sendingAt, o.id`;

/**
 * What counts towards a patient's daily cap: messages handed over or sent within the clinic-local day, except
 * urgent ones and what a person wrote in a thread.
 */
export const SENT_TODAY_SQL = `
  SELECT count(*) FROM outbox
  WHERE patientId = @patientId AND status IN ('sent', 'sending') AND urgent = 0 AND NOT (kind = 'conversation' AND staffId IS NOT NULL)
    AND coalesce(sentAt, sendingAt) >= @start AND coalesce(sentAt, sendingAt) < @end`;

/** Queued and due: what the outbox's banner counts as waiting. */
export const WAITING_SQL = `SELECT count(*) FROM outbox WHERE status = 'queued' AND dueAt <= ?`;

/** Future live appointments booked since @since that have no message from the template (@keyPrefix = 'templateId:') for their current time yet. */
export const CONFIRMATION_CANDIDATES_SQL = `
  SELECT a.id, a.startsAt, a.createdAt, a.updatedAt FROM appointment a
  WHERE a.startsAt > @now AND a.status IN ('booked', 'confirmed') AND a.createdAt >= @since
    AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.dedupeKey = @keyPrefix || a.id || ':' || a.startsAt)`;

/** Live appointments between @now and @horizon with no message from the template (@keyPrefix = 'templateId:') for their current time yet. */
export const REMINDER_CANDIDATES_SQL = `
  SELECT a.id, a.startsAt, a.createdAt, a.updatedAt FROM appointment a
  WHERE a.startsAt > @now AND a.startsAt <= @horizon AND a.status IN ('booked', 'confirmed')
    AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.dedupeKey = @keyPrefix || a.id || ':' || a.startsAt)`;

/** When a template was created (its audit entry); templates seeded without one count from the clinic's creation. */
export const TEMPLATE_SINCE_SQL = `
  SELECT coalesce(
    (SELECT min(at) FROM audit WHERE entity = 'messageTemplate' AND entityId = @entityId AND action = 'create'),
    (SELECT createdAt FROM clinic WHERE id = 1))`;

export const INSERT_MESSAGE_SQL = `
  INSERT OR IGNORE INTO outbox (id, appointmentId, patientId, templateId, kind, channel, recipient, subject, body, dueAt, status, statusReason, attempts, sentAt, dedupeKey, createdAt, updatedAt)
  VALUES (@id, @appointmentId, @patientId, @templateId, @kind, @channel, @recipient, @subject, @body, @dueAt, @status, @statusReason, 0, NULL, @dedupeKey, @now, @now)`;
