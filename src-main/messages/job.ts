import type { MessageTemplateTable } from '../core/schema-calendar';
import type { Runtime } from '../core/runtime';
import type { Job } from '../core/scheduler';
import type { Sqlite } from '../core/db';
import { cached } from '../core/db';
import { newId } from '../core/workstation';
import {
  CONFIRMATION_CANDIDATES_SQL,
  INSERT_MESSAGE_SQL,
  loadMessageContext,
  QUEUED_SQL,
  REMINDER_CANDIDATES_SQL,
  TEMPLATE_SINCE_SQL,
} from './queries';
import { type ClinicInfo, type ContactState, delivery, render, TEMPLATE_OFF } from './render';

/** How often the job runs; reminders are written one window ahead so they are in the outbox when they fall due. */
const JOB_WINDOW_MS = 5 * 60_000;
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
export async function whenNoTransaction(runtime: Runtime): Promise<boolean> {
  await runtime.outsideTransaction();
  return runtime.isOpen && runtime.state === 'ready';
}

export type QueuedRow = ContactState & { id: number; startsAt: string | null; channel: 'sms' | 'email'; recipient: string | null; dedupeKey: string; currentKey: string; templateActive: number };

/** Why a queued message may no longer go out, or null. The appointment's own state comes first (cancelled beats moved). */
export function retireReason(row: QueuedRow, now: Date): string | null {
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
  return `Messages: ${written} new, ${retired} no longer to send.`;
}

/** Confirmations and reminders: writes what is due into the outbox; the outbox job (drain.ts) sends it. */
export const reminderJob: Job = {
  name: 'reminders',
  label: 'Appointment confirmations and reminders',
  nextRunAfter: (after) => new Date(after.getTime() + JOB_WINDOW_MS),
  run: runMessages,
};
