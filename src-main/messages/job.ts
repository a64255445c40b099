import type { MessageTemplateTable } from '../core/schema-calendar';
import type { MessageTransport, Runtime } from '../core/runtime';
import type { Job } from '../core/scheduler';
import type { Sqlite } from '../core/db';
import { cached } from '../core/db';
import { newId } from '../core/workstation';
import {
  CONFIRMATION_CANDIDATES_SQL,
  DUE_SQL,
  INSERT_MESSAGE_SQL,
  loadMessageContext,
  QUEUED_SQL,
  REMINDER_CANDIDATES_SQL,
  TEMPLATE_SINCE_SQL,
} from './queries';
import { type ClinicInfo, type ContactState, delivery, render, TEMPLATE_OFF } from './render';

/** How often the job runs; reminders are written one window ahead so they are in the outbox when they fall due. */
const JOB_WINDOW_MS = 5 * 60_000;
const MAX_ATTEMPTS = 3;
const SEND_BATCH = 200;
const WRITE_BATCH = 250;

type Template = Pick<MessageTemplateTable, 'kind' | 'channel' | 'minutesBefore' | 'subject' | 'body'> & { id: number; name: string };

interface Candidate {
  id: number;
  startsAt: string;
  createdAt: string;
  updatedAt: string;
}

/**
 * The job runs beside calls, on the same connection. A call may await inside its transaction; a write of ours then
 * would join it. So wait until no transaction is open, then do each piece of work synchronously in one of our own.
 */
async function whenNoTransaction(runtime: Runtime): Promise<boolean> {
  await runtime.outsideTransaction();
  return runtime.isOpen && runtime.state === 'ready';
}

type QueuedRow = ContactState & { id: number; startsAt: string | null; channel: 'sms' | 'email'; recipient: string | null; dedupeKey: string; currentKey: string; templateActive: number };

/** Why a queued message may no longer go out, or null. The appointment's own state comes first (cancelled beats moved). */
function retireReason(row: QueuedRow, now: Date): string | null {
  const { reason } = delivery(row, row.channel);
  if (row.status !== 'booked' && row.status !== 'confirmed') return reason;
  if (row.dedupeKey !== row.currentKey) return 'appointment moved';
  if (row.startsAt !== null && new Date(row.startsAt) <= now) return 'too late: the appointment has started';
  if (!row.templateActive) return TEMPLATE_OFF;
  return reason;
}

/** Queued messages that may no longer go out become notSent, with the reason; a changed phone or email is followed. */
function retire(sqlite: Sqlite, now: Date): number {
  const nowIso = now.toISOString();
  const update = cached(sqlite, `UPDATE outbox SET status = 'notSent', statusReason = ?, updatedAt = ? WHERE id = ?`);
  const readdress = cached(sqlite, 'UPDATE outbox SET recipient = ?, updatedAt = ? WHERE id = ?');
  let retired = 0;
  for (const row of cached(sqlite, QUEUED_SQL).all() as QueuedRow[]) {
    const reason = retireReason(row, now);
    if (reason) {
      update.run(reason, nowIso, row.id);
      retired++;
      continue;
    }
    const { recipient } = delivery(row, row.channel);
    if (recipient !== row.recipient) readdress.run(recipient, nowIso, row.id);
  }
  return retired;
}

interface DueMessage {
  template: Template;
  appointment: Candidate;
  dueAt: string;
}

/** The confirmations and reminders that are due (or due within the next window) and not in the outbox yet. */
function dueMessages(sqlite: Sqlite, now: Date): DueMessage[] {
  const nowIso = now.toISOString();
  const templates = cached(sqlite, 'SELECT id, name, kind, channel, minutesBefore, subject, body FROM messageTemplate WHERE active = 1 ORDER BY id').all() as Template[];
  const due: DueMessage[] = [];
  for (const template of templates) {
    const keyPrefix = `${template.id}:`;
    if (template.kind === 'confirmation') {
      const since = cached(sqlite, TEMPLATE_SINCE_SQL).pluck().get({ entityId: String(template.id) }) as string;
      // Due when booked, or when a move gave the visit its current time (updatedAt).
      for (const a of cached(sqlite, CONFIRMATION_CANDIDATES_SQL).all({ now: nowIso, since, keyPrefix }) as Candidate[]) due.push({ template, appointment: a, dueAt: a.updatedAt });
    } else if (template.minutesBefore !== null) {
      const leadMs = template.minutesBefore * 60_000;
      const horizon = new Date(now.getTime() + JOB_WINDOW_MS + leadMs).toISOString();
      for (const a of cached(sqlite, REMINDER_CANDIDATES_SQL).all({ now: nowIso, horizon, keyPrefix }) as Candidate[]) {
        const dueAt = new Date(new Date(a.startsAt).getTime() - leadMs);
        // Booked less than minutesBefore ahead: this reminder's moment had passed before the visit existed.
        if (new Date(a.createdAt) > dueAt) continue;
        due.push({ template, appointment: a, dueAt: dueAt.toISOString() });
      }
    }
  }
  return due;
}

/** Renders and writes messages: queued, or notSent with the reason. Returns how many rows are new. */
function writeMessages(sqlite: Sqlite, clinic: ClinicInfo, messages: DueMessage[], now: Date): number {
  const insert = cached(sqlite, INSERT_MESSAGE_SQL);
  let written = 0;
  for (const { template, appointment, dueAt } of messages) {
    const context = loadMessageContext(sqlite, appointment.id);
    // Moved since it was listed: the next run writes the message for its new time.
    if (!context || context.startsAt !== appointment.startsAt) continue;
    const { subject, body } = render(template, context, clinic);
    const { recipient, reason } = delivery(context, template.channel);
    written += insert.run({
      id: newId(sqlite, 'outbox'),
      appointmentId: appointment.id,
      patientId: context.patientId,
      templateId: template.id,
      kind: template.kind,
      channel: template.channel,
      recipient,
      subject,
      body,
      dueAt,
      status: reason ? 'notSent' : 'queued',
      statusReason: reason,
      dedupeKey: `${template.id}:${appointment.id}:${appointment.startsAt}`,
      now: now.toISOString(),
    }).changes;
  }
  return written;
}

async function attempt(transport: MessageTransport, message: Parameters<MessageTransport['send']>[0]): Promise<{ ok: true } | { ok: false; error: string }> {
  try {
    return await transport.send(message);
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

/** Hands due queued messages to the transport, one at a time; only its "ok" marks a message sent. */
async function sendDue(runtime: Runtime, transport: MessageTransport): Promise<{ sent: number; failed: number; retrying: number }> {
  const counts = { sent: 0, failed: 0, retrying: 0 };
  if (!(await whenNoTransaction(runtime))) return counts;
  const due = cached(runtime.sqlite, DUE_SQL).all({ now: runtime.clock.now().toISOString(), limit: SEND_BATCH }) as {
    id: number;
    channel: 'email' | 'sms';
    recipient: string;
    subject: string;
    body: string;
    dedupeKey: string;
    attempts: number;
  }[];
  for (const m of due) {
    const result = await attempt(transport, { channel: m.channel, recipient: m.recipient, subject: m.subject, body: m.body, idempotencyKey: m.dedupeKey });
    if (!(await whenNoTransaction(runtime))) break;
    const at = runtime.clock.now().toISOString();
    const attempts = m.attempts + 1;
    if (result.ok) {
      cached(runtime.sqlite, `UPDATE outbox SET status = 'sent', statusReason = NULL, sentAt = ?, attempts = ?, updatedAt = ? WHERE id = ?`).run(at, attempts, at, m.id);
      counts.sent++;
    } else {
      // Until the last attempt it stays queued (retried at the next run), with the transport's error as the reason.
      const status = attempts >= MAX_ATTEMPTS ? 'failed' : 'queued';
      cached(runtime.sqlite, 'UPDATE outbox SET status = ?, statusReason = ?, attempts = ?, updatedAt = ? WHERE id = ?').run(status, result.error.slice(0, 500), attempts, at, m.id);
      counts[status === 'failed' ? 'failed' : 'retrying']++;
    }
  }
  return counts;
}

async function runMessages(runtime: Runtime): Promise<string> {
  if (!(await whenNoTransaction(runtime))) return 'The clinic is not open.';
  const clinic = runtime.clinicRow();
  if (!clinic) return 'No clinic yet.';
  const now = runtime.clock.now();
  const retired = runtime.sqlite.transaction(() => retire(runtime.sqlite, now)).immediate();
  const due = dueMessages(runtime.sqlite, now);
  let written = 0;
  // In batches, so a first run over many booked visits never holds the database for long.
  for (let i = 0; i < due.length; i += WRITE_BATCH) {
    if (!(await whenNoTransaction(runtime))) return 'The clinic was closed while messages were being written.';
    const sqlite = runtime.sqlite;
    written += sqlite.transaction(() => writeMessages(sqlite, clinic, due.slice(i, i + WRITE_BATCH), now)).immediate();
  }
  const parts = [`${written} new`, `${retired} no longer to send`];
  const transport = runtime.messageTransport;
  if (!transport) {
    const waiting = cached(runtime.sqlite, `SELECT count(*) FROM outbox WHERE status = 'queued' AND dueAt <= ?`).pluck().get(now.toISOString()) as number;
    parts.push(`no transport configured, ${waiting} waiting`);
  } else {
    const { sent, failed, retrying } = await sendDue(runtime, transport);
    parts.push(`${sent} sent`, `${retrying} to retry`, `${failed} failed`);
  }
  return `Messages: ${parts.join(', ')}.`;
}

/** Confirmations and reminders: writes what is due into the outbox and sends it when a transport is configured. */
export const reminderJob: Job = {
  name: 'reminders',
  label: 'Appointment confirmations and reminders',
  nextRunAfter: (after) => new Date(after.getTime() + JOB_WINDOW_MS),
  run: runMessages,
};
