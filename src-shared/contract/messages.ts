import { z } from 'zod';
import { method } from './method';
import { ClockTime, Empty, Id, Instant, MultiLineText, Name, Ok, OneLineText, Password } from './common';

/** What a template may be; messages also come from a person in a thread, and as the one confirmation of an opt-out. */
export const templateKinds = ['confirmation', 'reminder', 'outreach'] as const;
export const messageKinds = [...templateKinds, 'conversation', 'optOut'] as const;
export const messageChannels = ['email', 'sms'] as const;
/** `sending`: handed to the carrier, not yet acknowledged (after a crash, looked for before anything is resent). */
export const outboxStatuses = ['queued', 'sending', 'sent', 'failed', 'notSent'] as const;

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
  kind: z.enum(templateKinds),
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
  kind: z.enum(templateKinds),
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
  /** Null for what a person wrote in a thread and for opt-out confirmations. */
  templateName: z.string().nullable(),
  kind: z.enum(messageKinds),
  channel: z.enum(messageChannels),
  recipient: z.string().nullable(),
  subject: z.string(),
  body: z.string(),
  dueAt: Instant,
  status: z.enum(outboxStatuses),
  /** Why it was not sent or failed, in words (no consent, do not contact, no phone, appointment moved…). */
  statusReason: z.string().nullable(),
  /** A failed message a person may send again (`messages.retry`). */
  retryable: z.boolean(),
  attempts: z.number().int(),
  /** Backoff: the next attempt is not before this. */
  nextAttemptAt: Instant.nullable(),
  sentAt: Instant.nullable(),
  urgent: z.boolean(),
  /** Who wrote it; null: Lumen itself. */
  staffName: z.string().nullable(),
  createdAt: Instant,
});
export type OutboxMessage = z.infer<typeof OutboxMessage>;

const EmailAddress = z.string().trim().toLowerCase().pipe(z.email('Not an email address')).pipe(z.string().max(200));
const E164 = z.string().trim().regex(/^\+[1-9]\d{6,14}$/, 'A phone number in international form, e.g. +4915112345678');
const HostName = OneLineText.min(1).max(253).regex(/^[A-Za-z0-9.-]+$|^\[[0-9A-Fa-f:.]+\]$/, 'A host name like smtp.example.com');
const Port = z.number().int().min(1).max(65535);

/** `tls`: encrypted from the start (465, 993); `starttls`: upgraded after connecting, refused if the server cannot (587, 143); `none`: a local relay only. */
export const mailSecurity = ['tls', 'starttls', 'none'] as const;
export const messagingAccountKinds = ['smtp', 'imap', 'sms'] as const;
export type MessagingAccountKind = (typeof messagingAccountKinds)[number];

export const SmtpSettings = z.strictObject({
  host: HostName,
  port: Port,
  security: z.enum(mailSecurity),
  user: OneLineText.max(200),
  fromName: Name,
  fromAddress: EmailAddress,
  replyTo: EmailAddress.nullable().default(null),
});
export const ImapSettings = z.strictObject({
  host: HostName,
  port: Port,
  security: z.enum(mailSecurity),
  user: OneLineText.min(1).max(200),
  /** Where replies arrive. */
  mailbox: OneLineText.min(1).max(200).default('INBOX'),
});
/** A Twilio-style REST gateway: POST {baseUrl}/Accounts/{accountId}/Messages.json, basic auth accountId:token. */
export const SmsSettings = z.strictObject({
  baseUrl: z.url({ protocol: /^https?$/, error: 'A web address like https://api.twilio.com/2010-04-01' }).max(300),
  accountId: OneLineText.min(1).max(100),
  fromNumber: E164,
});
export type SmtpSettings = z.infer<typeof SmtpSettings>;
export type ImapSettings = z.infer<typeof ImapSettings>;
export type SmsSettings = z.infer<typeof SmsSettings>;

/** The password or token: omitted keeps the saved one. */
const Secret = Password.optional();
export const MessagingAccountInput = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('smtp'), settings: SmtpSettings, secret: Secret, enabled: z.boolean().default(true) }),
  z.strictObject({ kind: z.literal('imap'), settings: ImapSettings, secret: Secret, enabled: z.boolean().default(true) }),
  z.strictObject({ kind: z.literal('sms'), settings: SmsSettings, secret: Secret, enabled: z.boolean().default(true) }),
]);

const accountState = {
  /** A password or token is saved (it is never sent back). */
  hasSecret: z.boolean(),
  enabled: z.boolean(),
  /** The last test, send or fetch, in words: "Sent 12 messages", "Wrong user name or password (535)". */
  lastStatus: z.string().nullable(),
  lastStatusOk: z.boolean().nullable(),
  lastStatusAt: Instant.nullable(),
};
export const MessagingAccounts = z.object({
  smtp: z.object({ settings: SmtpSettings, ...accountState }).nullable(),
  imap: z.object({ settings: ImapSettings, ...accountState }).nullable(),
  sms: z.object({ settings: SmsSettings, ...accountState }).nullable(),
  /** How passwords are kept on this machine: the system keychain (Electron) or a key file only this user can read. */
  sealing: z.enum(['safeStorage', 'keyFile']),
});
export type MessagingAccounts = z.infer<typeof MessagingAccounts>;

export const MessagingRules = z.strictObject({
  /** No SMS from … until … in clinic-local time, unless the message is urgent. Equal times: no quiet hours. */
  smsQuietFrom: ClockTime,
  smsQuietUntil: ClockTime,
  /** Messages per patient per clinic-local day (urgent ones and a person's replies aside); more wait for the next day. */
  dailyCap: z.number().int().min(1).max(20),
  /** The inbox's target for answering a patient's message. */
  replyTargetHours: z.number().int().min(1).max(168),
});
export type MessagingRules = z.infer<typeof MessagingRules>;

/** How a carrier is doing, for the outbox's banner and Settings. */
export const CarrierState = z.object({
  configured: z.boolean(),
  state: z.enum(['notConfigured', 'ok', 'offline', 'failing', 'untested']),
  detail: z.string().nullable(),
  at: Instant.nullable(),
});

export const ThreadItem = z.object({
  /** 'out:<outbox id>' or 'in:<inbound id>'. */
  key: z.string(),
  direction: z.enum(['out', 'in']),
  id: Id,
  channel: z.enum(messageChannels),
  /** When it was sent (or written, if not sent yet) or received. */
  at: Instant,
  /** Outbound: what it was (reminder, conversation…); inbound: null. */
  kind: z.enum(messageKinds).nullable(),
  /** Who wrote it: a staff member's name, "Lumen" for automatic messages, or the patient's address. */
  from: z.string(),
  subject: z.string(),
  body: z.string(),
  /** Outbound only. */
  status: z.enum(outboxStatuses).nullable(),
  statusReason: z.string().nullable(),
  /** Inbound only: what did not come in whole; whether it has been answered (or closed). */
  note: z.string().nullable(),
  answered: z.boolean().nullable(),
});
export type ThreadItem = z.infer<typeof ThreadItem>;

const Reachability = z.object({ ok: z.boolean(), why: z.string().nullable() });

export const InboxRow = z.object({
  id: Id,
  channel: z.enum(messageChannels),
  patientId: Id.nullable(),
  patientName: z.string().nullable(),
  fromAddress: z.string(),
  fromName: z.string(),
  subject: z.string(),
  /** The start of the message, one line. */
  preview: z.string(),
  note: z.string().nullable(),
  receivedAt: Instant,
  /** receivedAt + the reply target. */
  dueAt: Instant,
  overdue: z.boolean(),
  ownerStaffId: Id.nullable(),
  ownerName: z.string().nullable(),
});
export type InboxRow = z.infer<typeof InboxRow>;
export const inboxViews = ['unanswered', 'mine', 'unmatched'] as const;

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
    output: z.object({ carriers: z.object({ email: CarrierState, sms: CarrierState }), waiting: z.number().int(), rows: z.array(OutboxMessage) }),
    permission: 'messages.manage',
    transaction: 'read',
    errors: ['invalid_input'],
  }),
  'messages.retry': method({
    summary: 'Queue a failed message again (only one marked retryable: never one the carrier may have delivered).',
    input: z.strictObject({ outboxId: Id }),
    output: Ok,
    permission: 'messages.manage',
    transaction: 'write',
    errors: ['invalid_input', 'not_found', 'invalid_transition'],
  }),

  'messages.accounts': method({
    summary: "This workstation's SMTP, IMAP and SMS gateway accounts (never their passwords) and the clinic's messaging rules.",
    input: Empty,
    output: z.object({ accounts: MessagingAccounts, rules: MessagingRules }),
    permission: 'messages.manage',
    transaction: 'read',
    errors: [],
  }),
  'messages.saveAccount': method({
    summary: 'Set up or change an account; the password is sealed, never stored plain. Omitting it keeps the saved one.',
    input: MessagingAccountInput,
    output: Ok,
    permission: 'messages.manage',
    transaction: 'write',
    errors: ['invalid_input'],
  }),
  'messages.removeAccount': method({
    summary: 'Forget an account and its password on this workstation.',
    input: z.strictObject({ kind: z.enum(messagingAccountKinds) }),
    output: Ok,
    permission: 'messages.manage',
    transaction: 'write',
    errors: ['invalid_input', 'not_found'],
  }),
  'messages.testAccount': method({
    summary: 'Send a test email or SMS, or sign in to the mailbox; the outcome is returned in words and kept on the account.',
    input: z.discriminatedUnion('kind', [
      z.strictObject({ kind: z.literal('smtp'), to: EmailAddress }),
      z.strictObject({ kind: z.literal('sms'), to: E164 }),
      z.strictObject({ kind: z.literal('imap') }),
    ]),
    output: z.object({ ok: z.boolean(), detail: z.string() }),
    permission: 'messages.manage',
    // Talks to a server for up to its timeout: outside any transaction and beside the queue, writing its outcome between calls.
    transaction: 'none',
    queued: false,
    errors: ['invalid_input', 'not_found'],
  }),
  'messages.saveRules': method({
    summary: "The clinic's messaging rules: SMS quiet hours, the daily cap per patient, the reply target.",
    input: MessagingRules,
    output: Ok,
    permission: 'messages.manage',
    transaction: 'write',
    errors: ['invalid_input'],
  }),

  'messages.thread': method({
    summary: "One patient's conversation: everything sent and received on every channel, oldest first, a page at a time.",
    input: z.strictObject({ patientId: Id, before: z.string().max(100).optional(), limit: z.number().int().min(1).max(500).default(100) }),
    output: z.object({
      patientId: Id,
      patientName: z.string(),
      email: z.string().nullable(),
      phone: z.string().nullable(),
      canEmail: Reachability,
      canSms: Reachability,
      items: z.array(ThreadItem),
      /** Pass as `before` for the older page; null: this is the start. */
      before: z.string().nullable(),
    }),
    permission: 'messages.converse',
    transaction: 'read',
    errors: ['invalid_input', 'not_found'],
  }),
  'messages.send': method({
    summary: "Write to a patient from their thread (the writer's signature is added); consent is checked, nothing is queued without it.",
    input: z.strictObject({
      patientId: Id,
      channel: z.enum(messageChannels),
      subject: OneLineText.max(200).default(''),
      body: MultiLineText.min(1).max(5000),
      /** The message this answers: it leaves the inbox. */
      inReplyToId: Id.optional(),
      /** May go out in SMS quiet hours and past the daily cap. */
      urgent: z.boolean().default(false),
    }),
    output: z.object({ outboxId: Id }),
    permission: 'messages.converse',
    transaction: 'write',
    errors: ['invalid_input', 'not_found', 'no_consent'],
  }),
  'messages.inbox': method({
    summary: 'Patients’ messages waiting for an answer (all, mine, or from unknown senders), oldest first, with the reply target.',
    input: z.strictObject({ view: z.enum(inboxViews).default('unanswered'), limit: z.number().int().min(1).max(500).default(200) }),
    output: z.object({
      replyTargetHours: z.number().int(),
      counts: z.object({ unanswered: z.number().int(), overdue: z.number().int(), mine: z.number().int(), unmatched: z.number().int() }),
      rows: z.array(InboxRow),
    }),
    permission: 'messages.converse',
    transaction: 'read',
    errors: ['invalid_input'],
  }),
  'messages.assignPatient': method({
    summary: 'File a message from an unknown sender under a patient (it joins their thread).',
    input: z.strictObject({ inboundId: Id, patientId: Id }),
    output: Ok,
    permission: 'messages.converse',
    transaction: 'write',
    errors: ['invalid_input', 'not_found', 'conflict'],
  }),
  'messages.setOwner': method({
    summary: 'Who answers a message (null: nobody yet).',
    input: z.strictObject({ inboundId: Id, staffId: Id.nullable() }),
    output: Ok,
    permission: 'messages.converse',
    transaction: 'write',
    errors: ['invalid_input', 'not_found'],
  }),
  'messages.close': method({
    summary: 'Take a message out of the inbox without a reply ("no reply needed").',
    input: z.strictObject({ inboundId: Id }),
    output: Ok,
    permission: 'messages.converse',
    transaction: 'write',
    errors: ['invalid_input', 'not_found', 'invalid_transition'],
  }),
  'messages.signature': method({
    summary: "The signed-in staff member's signature, added below what they write to patients.",
    input: Empty,
    output: z.object({ signature: z.string() }),
    permission: 'messages.converse',
    transaction: 'read',
    errors: [],
  }),
  'messages.saveSignature': method({
    summary: "Change the signed-in staff member's signature.",
    input: z.strictObject({ signature: MultiLineText.max(500) }),
    output: Ok,
    permission: 'messages.converse',
    transaction: 'write',
    errors: ['invalid_input'],
  }),
} as const;
