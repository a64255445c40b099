import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { templatePlaceholders, type MessageTemplate } from '../../src-shared/contract/messages';
import type { FieldErrors } from '../../src-shared/errors';

type Placeholder = (typeof templatePlaceholders)[number];
const KNOWN = new Set<string>(templatePlaceholders);
const TOKEN = /\{([^{}]*)\}/g;

/**
 * What a person writes in a thread may use the patient's and the clinic's placeholders; there is no appointment or
 * treatment to fill the others from.
 */
export const conversationPlaceholders = ['patient.firstName', 'patient.preferredName', 'patient.lastName', 'clinic.name', 'clinic.phone', 'clinic.address'] as const;
const IN_CONVERSATION = new Set<string>(conversationPlaceholders);

/** What is wrong with a template text: unknown `{placeholders}` and braces that are never closed. */
function templateProblems(text: string, allowed: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  for (const [, name] of text.matchAll(TOKEN)) {
    if (!allowed.has(name.trim())) problems.push(`Unknown placeholder {${name}}. Use one of: ${[...allowed].map((p) => `{${p}}`).join(', ')}.`);
  }
  if (text.replace(TOKEN, '').includes('{')) problems.push('A “{” is never closed with “}”.');
  return problems;
}

/** Field errors of a template (`allowed`: every placeholder) or of what a person writes in a thread (the patient's and the clinic's). */
export function templateFieldErrors(fields: { subject: string; body: string }, use: 'template' | 'conversation' = 'template'): FieldErrors | null {
  const fieldErrors: Record<string, string[]> = {};
  for (const [field, text] of Object.entries(fields)) {
    const problems = templateProblems(text, use === 'template' ? KNOWN : IN_CONVERSATION);
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
    ...clinicValues(clinic),
    prep: unique(m.segments.map((s) => s.prep)).join(' '),
    'treatment.last': '',
    'treatment.dueDate': '',
  };
}

/** What an outreach message (retention) may mention: the patient, the treatment it is about, its provider and due date. */
export interface OutreachContext {
  firstName: string;
  lastName: string;
  preferredName: string | null;
  /** The last service bought in the category (or categories) the outreach is about. */
  lastTreatment: string;
  provider: string;
  /** Clinic-local date, YYYY-MM-DD (null: never bought, nothing due). */
  dueDate: string | null;
}

function clinicValues(clinic: ClinicInfo) {
  return {
    'clinic.name': clinic.name,
    'clinic.phone': clinic.phone,
    'clinic.address': [clinic.addressLine1, clinic.addressLine2, `${clinic.postalCode} ${clinic.city}`.trim()].filter((p) => p.trim()).join(', '),
  };
}

/** Fills an outreach template; appointment placeholders have no appointment to read and stay empty. */
export function renderOutreach(template: Pick<MessageTemplate, 'subject' | 'body'>, m: OutreachContext, clinic: ClinicInfo): { subject: string; body: string } {
  const values: Record<Placeholder, string> = {
    'patient.firstName': m.firstName,
    'patient.preferredName': m.preferredName?.trim() || m.firstName,
    'patient.lastName': m.lastName,
    'appointment.date': '',
    'appointment.time': '',
    'appointment.services': '',
    'provider.name': m.provider,
    ...clinicValues(clinic),
    prep: '',
    'treatment.last': m.lastTreatment,
    'treatment.dueDate': m.dueDate ? format(new Date(`${m.dueDate}T12:00:00`), 'EEEE d MMMM yyyy') : '',
  };
  return fillTemplate(template, values);
}

/** Fills what a person wrote in a thread (checked first with `templateFieldErrors(…, 'conversation')`). */
export function renderConversation(text: Pick<MessageTemplate, 'subject' | 'body'>, m: Pick<OutreachContext, 'firstName' | 'lastName' | 'preferredName'>, clinic: ClinicInfo): { subject: string; body: string } {
  return renderOutreach(text, { ...m, lastTreatment: '', provider: '', dueDate: null }, clinic);
}

export function render(template: Pick<MessageTemplate, 'subject' | 'body'>, m: MessageContext, clinic: ClinicInfo): { subject: string; body: string } {
  return fillTemplate(template, placeholderValues(m, clinic));
}

function fillTemplate(template: Pick<MessageTemplate, 'subject' | 'body'>, values: Record<Placeholder, string>): { subject: string; body: string } {
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

export type PatientContact = Pick<MessageContext, 'phone' | 'email' | 'doNotContact' | 'smsConsent' | 'emailConsent'>;
export type ContactState = PatientContact & Pick<MessageContext, 'status'>;

/** Who would receive a message to the patient on this channel, or why it must not be sent (every send asks this). */
export function reachability(m: PatientContact, channel: 'email' | 'sms'): { recipient: string | null; reason: string | null } {
  const recipient = (channel === 'sms' ? m.phone : m.email)?.trim() || null;
  if (m.doNotContact) return { recipient, reason: 'patient is marked do not contact' };
  if (!recipient) return { recipient, reason: channel === 'sms' ? 'no mobile phone on file' : 'no email address on file' };
  if (!(channel === 'sms' ? m.smsConsent : m.emailConsent)) return { recipient, reason: `no ${channel === 'sms' ? 'SMS' : 'email'} consent` };
  return { recipient, reason: null };
}

/** Who would receive a message about an appointment on this channel, or why it must not be sent. */
export function delivery(m: ContactState, channel: 'email' | 'sms'): { recipient: string | null; reason: string | null } {
  const reached = reachability(m, channel);
  if (m.status === 'cancelled') return { ...reached, reason: 'appointment cancelled' };
  if (m.status === 'noShow') return { ...reached, reason: 'appointment marked as no-show' };
  if (m.status !== 'booked' && m.status !== 'confirmed') return { ...reached, reason: 'appointment already under way' };
  return reached;
}
