import { appendAudit } from '../core/audit';
import type { Sqlite } from '../core/db';
import { newId } from '../core/workstation';

/** Maintenance outreach (retention): sent from the delinquency and due-soon lists, never by the job on its own. */
export const OUTREACH_TEMPLATES = [
  {
    name: 'Maintenance due (SMS)',
    kind: 'outreach',
    channel: 'sms',
    minutesBefore: null,
    subject: '',
    body: 'Hi {patient.preferredName}, it is time for your next {treatment.last} at {clinic.name} (due {treatment.dueDate}). {provider.name} has times free; reply or call {clinic.phone} to book.',
  },
  {
    name: 'Maintenance due (email)',
    kind: 'outreach',
    channel: 'email',
    minutesBefore: null,
    subject: 'Your next {treatment.last} at {clinic.name}',
    body:
      'Dear {patient.preferredName},\n\nYour last {treatment.last} with {provider.name} is due for its follow-up on {treatment.dueDate}. ' +
      'Keeping to the schedule keeps the results you liked.\n\nCall us on {clinic.phone} and we will find a time that suits you.\n\nKind regards,\n{clinic.name}',
  },
] as const;

/** The templates a new clinic starts with: a confirmation by SMS and by email, reminders 48 h and 2 h before by SMS. */
const DEFAULT_TEMPLATES = [
  {
    name: 'Booking confirmation (SMS)',
    kind: 'confirmation',
    channel: 'sms',
    minutesBefore: null,
    subject: '',
    body: 'Hi {patient.preferredName}, your {appointment.services} at {clinic.name} is booked for {appointment.date} at {appointment.time} with {provider.name}. To change it, call {clinic.phone}.',
  },
  {
    name: 'Booking confirmation (email)',
    kind: 'confirmation',
    channel: 'email',
    minutesBefore: null,
    subject: 'Your appointment on {appointment.date} at {appointment.time}',
    body:
      'Dear {patient.preferredName},\n\nThank you for booking with {clinic.name}. We look forward to seeing you on {appointment.date} at {appointment.time} ' +
      'for {appointment.services} with {provider.name}.\n\n{prep}\n\nYou will find us at {clinic.address}. If you need to change or cancel, ' +
      'please call us on {clinic.phone} at least 24 hours ahead.\n\nKind regards,\n{clinic.name}',
  },
  {
    name: 'Reminder 48 hours before (SMS)',
    kind: 'reminder',
    channel: 'sms',
    minutesBefore: 48 * 60,
    subject: '',
    body: 'Hi {patient.preferredName}, a reminder of your {appointment.services} at {clinic.name} on {appointment.date} at {appointment.time}. {prep} Need to change it? Call {clinic.phone}.',
  },
  {
    name: 'Reminder 2 hours before (SMS)',
    kind: 'reminder',
    channel: 'sms',
    minutesBefore: 2 * 60,
    subject: '',
    body: 'Hi {patient.preferredName}, see you today at {appointment.time} at {clinic.name}, {clinic.address}. Running late? Call {clinic.phone}.',
  },
  ...OUTREACH_TEMPLATES,
] as const;

/**
 * Adds the default templates when a clinic has none. Raw SQL: the demo generator calls it inside its own
 * synchronous transaction, where Kysely's async calls cannot run. `at` (the clinic's clock) is recorded in the audit log as when
 * they came into being: confirmations go only to appointments booked after that. Without it, the clinic's creation
 * time counts (right for first-run setup).
 */
export function seedMessageTemplates(sqlite: Sqlite, at?: Date): void {
  if (sqlite.prepare('SELECT 1 FROM messageTemplate LIMIT 1').get()) return;
  const insert = sqlite.prepare('INSERT INTO messageTemplate (id, name, kind, channel, minutesBefore, subject, body, active) VALUES (?, ?, ?, ?, ?, ?, ?, 1)');
  for (const t of DEFAULT_TEMPLATES) {
    const id = newId(sqlite, 'messageTemplate');
    insert.run(id, t.name, t.kind, t.channel, t.minutesBefore, t.subject, t.body);
    if (at) appendAudit(sqlite, at, { staffId: null, name: 'system' }, { action: 'create', entity: 'messageTemplate', entityId: id, summary: `Added message template ${t.name}`, details: { after: t } });
  }
}
