import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { templatePlaceholders, type MessageTemplate } from '../../src-shared/contract/messages';
import type { FieldErrors } from '../../src-shared/errors';
import { appendAudit } from '../core/audit';
import type { Sqlite } from '../core/db';

type Placeholder = (typeof templatePlaceholders)[number];
const KNOWN = new Set<string>(templatePlaceholders);
const TOKEN = /\{([^{}]*)\}/g;

/** What is wrong with a template text: unknown `{placeholders}` and braces that are never closed. */
function templateProblems(text: string): string[] {
  const problems: string[] = [];
  for (const [, name] of text.matchAll(TOKEN)) {
    if (!KNOWN.has(name.trim())) problems.push(`Unknown placeholder {${name}}. Use one of: ${templatePlaceholders.map((p) => `{${p}}`).join(', ')}.`);
  }
  if (text.replace(TOKEN, '').includes('{')) problems.push('A “{” is never closed with “}”.');
  return problems;
}

export function templateFieldErrors(fields: { subject: string; body: string }): FieldErrors | null {
  const fieldErrors: Record<string, string[]> = {};
  for (const [field, text] of Object.entries(fields)) {
    const problems = templateProblems(text);
    if (problems.length) fieldErrors[field] = problems;
  }
  return Object.keys(fieldErrors).length ? { formErrors: [], fieldErrors } : null;
}

/** Everything a template may mention about one appointment, read by `loadMessageContext`. */
export interface MessageContext {
  appointmentId: number;
  patientId: number;
  status: string;
  startsAt: string;
  createdAt: string;
  updatedAt: string;
  firstName: string;
  lastName: string;
  preferredName: string | null;
  phone: string | null;
  email: string | null;
  doNotContact: number;
  smsConsent: number;
  emailConsent: number;
  segments: { service: string; provider: string; prep: string }[];
}

export interface ClinicInfo {
  name: string;
  phone: string;
  addressLine1: string;
  addressLine2: string;
  postalCode: string;
  city: string;
  timeZone: string;
}

/** "A", "A and B", "A, B and C". */
function listOf(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function placeholderValues(m: MessageContext, clinic: ClinicInfo): Record<Placeholder, string> {
  const local = new TZDate(new Date(m.startsAt).getTime(), clinic.timeZone);
  const unique = (values: string[]) => [...new Set(values.map((v) => v.trim()).filter(Boolean))];
  return {
    'patient.firstName': m.firstName,
    'patient.preferredName': m.preferredName?.trim() || m.firstName,
    'patient.lastName': m.lastName,
    'appointment.date': format(local, 'EEEE d MMMM'),
    'appointment.time': format(local, 'HH:mm'),
    'appointment.services': listOf(unique(m.segments.map((s) => s.service))),
    'provider.name': m.segments[0]?.provider ?? '',
    'clinic.name': clinic.name,
    'clinic.phone': clinic.phone,
    'clinic.address': [clinic.addressLine1, clinic.addressLine2, `${clinic.postalCode} ${clinic.city}`.trim()].filter((p) => p.trim()).join(', '),
    prep: unique(m.segments.map((s) => s.prep)).join(' '),
  };
}

export function render(template: Pick<MessageTemplate, 'subject' | 'body'>, m: MessageContext, clinic: ClinicInfo): { subject: string; body: string } {
  const values = placeholderValues(m, clinic);
  // An empty value (no prep instructions) must not leave a double space or a run of blank lines behind.
  const fill = (text: string) =>
    text
      .replace(TOKEN, (whole, name: string) => values[name.trim() as Placeholder] ?? whole)
      .replace(/[ \t]{2,}/g, ' ')
      .replace(/ +\n/g, '\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim();
  return { subject: fill(template.subject), body: fill(template.body) };
}

/** Why queued messages of a template that was switched off are not sent. */
export const TEMPLATE_OFF = 'template switched off';

export type ContactState = Pick<MessageContext, 'status' | 'phone' | 'email' | 'doNotContact' | 'smsConsent' | 'emailConsent'>;

/** Who would receive a message on this channel, or why it must not be sent. */
export function delivery(m: ContactState, channel: 'email' | 'sms'): { recipient: string | null; reason: string | null } {
  const recipient = (channel === 'sms' ? m.phone : m.email)?.trim() || null;
  if (m.status === 'cancelled') return { recipient, reason: 'appointment cancelled' };
  if (m.status === 'noShow') return { recipient, reason: 'appointment marked as no-show' };
  if (m.status !== 'booked' && m.status !== 'confirmed') return { recipient, reason: 'appointment already under way' };
  if (m.doNotContact) return { recipient, reason: 'patient is marked do not contact' };
  if (!recipient) return { recipient, reason: channel === 'sms' ? 'no mobile phone on file' : 'no email address on file' };
  if (!(channel === 'sms' ? m.smsConsent : m.emailConsent)) return { recipient, reason: `no ${channel === 'sms' ? 'SMS' : 'email'} consent` };
  return { recipient, reason: null };
}

/** The templates a new clinic starts with: a confirmation by SMS and by email, reminders 48 h and 2 h before by SMS. */
export const DEFAULT_TEMPLATES = [
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
] as const;

/**
 * Adds the default templates when a clinic has none. `at` (the clinic's clock) is recorded in the audit log as when
 * they came into being: confirmations go only to appointments booked after that. Without it, the clinic's creation
 * time counts (right for first-run setup).
 */
export function seedMessageTemplates(sqlite: Sqlite, at?: Date): void {
  if (sqlite.prepare('SELECT 1 FROM messageTemplate LIMIT 1').get()) return;
  const insert = sqlite.prepare('INSERT INTO messageTemplate (name, kind, channel, minutesBefore, subject, body, active) VALUES (?, ?, ?, ?, ?, ?, 1)');
  for (const t of DEFAULT_TEMPLATES) {
    const id = Number(insert.run(t.name, t.kind, t.channel, t.minutesBefore, t.subject, t.body).lastInsertRowid);
    if (at) appendAudit(sqlite, at, { staffId: null, name: 'system' }, { action: 'create', entity: 'messageTemplate', entityId: id, summary: `Added message template ${t.name}`, details: { after: t } });
  }
}
