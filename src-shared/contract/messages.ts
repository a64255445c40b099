import { z } from 'zod';
import { method } from './method';
import { Empty, Id, Instant, MultiLineText, Name, OneLineText } from './common';

export const messageKinds = ['confirmation', 'reminder', 'outreach'] as const;
export const messageChannels = ['email', 'sms'] as const;
export const outboxStatuses = ['queued', 'sent', 'failed', 'notSent'] as const;

/** Placeholders a template may use; anything else in {braces} is refused when the template is saved. */
export const templatePlaceholders = [
  'patient.firstName',
  'patient.preferredName',
  'patient.lastName',
  'appointment.date',
  'appointment.time',
  'appointment.services',
  'provider.name',
  'clinic.name',
  'clinic.phone',
  'clinic.address',
  'prep',
  /** Outreach (retention): the last service of the category it is about, and its maintenance due date. */
  'treatment.last',
  'treatment.dueDate',
] as const;

export const MessageTemplate = z.object({
  id: Id,
  name: z.string(),
  kind: z.enum(messageKinds),
  channel: z.enum(messageChannels),
  /** Reminders: minutes before the appointment (2880 = 48 h). Confirmations: sent when booked (null). */
  minutesBefore: z.number().int().nullable(),
  subject: z.string(),
  body: z.string(),
  active: z.boolean(),
});
export type MessageTemplate = z.infer<typeof MessageTemplate>;

export const MessageTemplateInput = z.strictObject({
  id: Id.optional(),
  name: Name,
  kind: z.enum(messageKinds),
  channel: z.enum(messageChannels),
  minutesBefore: z.number().int().min(15).max(60 * 24 * 14).nullable().default(null),
  subject: OneLineText.max(200).default(''),
  body: MultiLineText.min(1).max(2000),
  active: z.boolean().default(true),
});

export const OutboxMessage = z.object({
  id: Id,
  appointmentId: Id.nullable(),
  patientId: Id,
  patientName: z.string(),
  templateName: z.string(),
  kind: z.enum(messageKinds),
  channel: z.enum(messageChannels),
  recipient: z.string().nullable(),
  subject: z.string(),
  body: z.string(),
  dueAt: Instant,
  status: z.enum(outboxStatuses),
  /** Why it was not sent or failed, in words (no consent, do not contact, no phone, appointment moved…). */
  statusReason: z.string().nullable(),
  attempts: z.number().int(),
  sentAt: Instant.nullable(),
  createdAt: Instant,
});
export type OutboxMessage = z.infer<typeof OutboxMessage>;

export const messages = {
  'messages.templates': method({ summary: 'Confirmation and reminder templates.', input: Empty, output: z.array(MessageTemplate), permission: 'messages.manage', transaction: 'read', errors: [] }),
  'messages.saveTemplate': method({
    summary: 'Create or change a template; an unknown {placeholder} is refused.',
    input: MessageTemplateInput,
    output: z.object({ id: Id }),
    permission: 'messages.manage',
    transaction: 'write',
    errors: ['invalid_input', 'not_found'],
  }),
  'messages.preview': method({
    summary: 'A template rendered for one appointment (clinic-local time, preferred name, prep instructions).',
    input: z.strictObject({ templateId: Id, appointmentId: Id }),
    output: z.object({ subject: z.string(), body: z.string(), recipient: z.string().nullable(), wouldSend: z.boolean(), reason: z.string().nullable() }),
    permission: 'messages.manage',
    transaction: 'read',
    errors: ['invalid_input', 'not_found'],
  }),
  'messages.outbox': method({
    summary: 'Messages with their honest status: queued, sent, failed, or not sent (and why).',
    input: z.strictObject({ status: z.enum(outboxStatuses).optional(), appointmentId: Id.optional(), beforeId: Id.optional(), limit: z.number().int().min(1).max(500).default(100) }),
    output: z.object({ transportConfigured: z.boolean(), rows: z.array(OutboxMessage) }),
    permission: 'messages.manage',
    transaction: 'read',
    errors: ['invalid_input'],
  }),
} as const;
