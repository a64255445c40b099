import type { blockKinds } from '../../src-shared/contract/scheduling';

/** Column types of the calendar, its messages and the visit notes (the Database map is in schema.ts). */
type Flag = 0 | 1;

export interface BlockTable {
  id: number;
  staffId: number | null;
  roomId: number | null;
  deviceId: number | null;
  startsAt: string;
  endsAt: string;
  kind: (typeof blockKinds)[number];
  reason: string;
  createdBy: number | null;
  createdAt: string;
}

export interface SeriesTable {
  id: number;
  patientId: number;
  every: number;
  unit: 'day' | 'week' | 'month';
  count: number;
  localTime: string;
  timeZone: string;
  createdBy: number | null;
  createdAt: string;
}

export interface AppointmentTable {
  id: number;
  patientId: number;
  status: 'booked' | 'confirmed' | 'arrived' | 'inTreatment' | 'completed' | 'checkedOut' | 'cancelled' | 'noShow';
  visitType: 'first' | 'return' | 'inCourse' | 'recheck' | 'repurchase';
  startsAt: string;
  endsAt: string;
  notes: string;
  seriesId: number | null;
  seriesIndex: number | null;
  cancelReason: string | null;
  cancelledAt: string | null;
  lateCancel: Flag;
  overrideReason: string | null;
  createdBy: number | null;
  createdAt: string;
  updatedAt: string;
}

export interface AppointmentServiceTable {
  id: number;
  appointmentId: number;
  position: number;
  serviceId: number;
  staffId: number;
  roomId: number | null;
  deviceId: number | null;
  startsAt: string;
  endsAt: string;
  priceCents: number;
  live: Flag;
}

export interface WaitlistEntryTable {
  id: number;
  patientId: number;
  /** JSON arrays */
  serviceIds: string;
  staffIds: string;
  weekdays: string;
  timeFrom: string;
  timeTo: string;
  earliestDate: string | null;
  latestDate: string | null;
  notes: string;
  status: 'waiting' | 'booked' | 'removed';
  appointmentId: number | null;
  createdBy: number | null;
  createdAt: string;
  updatedAt: string;
}

export interface MessageTemplateTable {
  id: number;
  name: string;
  kind: 'confirmation' | 'reminder' | 'outreach';
  channel: 'email' | 'sms';
  minutesBefore: number | null;
  subject: string;
  body: string;
  active: Flag;
}

export interface OutboxTable {
  id: number;
  /** Null for a message about the patient rather than a visit: outreach (retention), a reply in a thread, an opt-out confirmation. */
  appointmentId: number | null;
  patientId: number;
  /** Null for what a person typed in a thread and for opt-out confirmations. */
  templateId: number | null;
  kind: 'confirmation' | 'reminder' | 'outreach' | 'conversation' | 'optOut';
  channel: 'email' | 'sms';
  recipient: string | null;
  subject: string;
  body: string;
  dueAt: string;
  /** `sending`: handed to the carrier and not yet acknowledged; after a crash it is looked for before anything is resent. */
  status: 'queued' | 'sending' | 'sent' | 'failed' | 'notSent';
  statusReason: string | null;
  /** For a failed message: whether a person may send it again. */
  retryable: Flag;
  attempts: number;
  /** Backoff: not before this instant (null: as soon as due). */
  nextAttemptAt: string | null;
  /** When the current attempt was handed to the carrier. */
  sendingAt: string | null;
  sentAt: string | null;
  /** Email: the RFC 5322 Message-ID, fixed when written (replies quote it; reconciliation looks for it). */
  messageId: string | null;
  /** The carrier's acknowledgement: the SMTP server's reply, the gateway's message id. */
  carrierId: string | null;
  /** May go out in SMS quiet hours and past the daily cap. */
  urgent: Flag;
  /** Who wrote it; null: the system (reminders, confirmations, opt-out confirmations). */
  staffId: number | null;
  inReplyToId: number | null;
  dedupeKey: string;
  createdAt: string;
  updatedAt: string;
}

export interface InboundMessageTable {
  id: number;
  channel: 'email' | 'sms';
  /** 'email:<Message-ID>' (or 'email:uid:<validity>:<uid>'), 'sms:<gateway id>': each is fetched once. */
  carrierKey: string;
  /** Null: nobody matched yet (the unmatched tray). */
  patientId: number | null;
  matchedBy: 'thread' | 'address' | 'staff' | 'none';
  inReplyToOutboxId: number | null;
  fromAddress: string;
  fromName: string;
  subject: string;
  body: string;
  /** What did not come in whole: a body cut to size, attachments left in the mailbox. */
  note: string | null;
  receivedAt: string;
  ownerStaffId: number | null;
  answeredAt: string | null;
  answeredBy: number | null;
  answerOutboxId: number | null;
  closedReason: 'replied' | 'noReplyNeeded' | 'optOut' | null;
  createdAt: string;
  updatedAt: string;
}

export interface MessagingAccountTable {
  kind: 'smtp' | 'imap' | 'sms';
  /** JSON of the account's settings, never a password. */
  settings: string;
  /** The password or token, sealed by the runtime's secret box. */
  sealedSecret: string | null;
  enabled: Flag;
  lastStatus: string | null;
  lastStatusOk: Flag | null;
  lastStatusAt: string | null;
  updatedAt: string;
}

export interface MailboxCursorTable {
  source: string;
  uidValidity: string | null;
  lastUid: number;
  lastAt: string | null;
  updatedAt: string;
}

export interface ChartTable {
  id: number;
  appointmentId: number;
  patientId: number;
  authorId: number;
  status: 'draft' | 'signed';
  /** JSON ChartContent */
  content: string;
  signedAt: string | null;
  signedBy: number | null;
  amendsChartId: number | null;
  amendmentReason: string | null;
  /** JSON { field: { from, to } } */
  changes: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface PhotoTable {
  id: number;
  patientId: number;
  appointmentId: number;
  label: 'before' | 'after' | 'progress';
  area: string;
  mimeType: string;
  sizeBytes: number;
  sha256: string;
  file: string;
  takenAt: string;
  createdBy: number | null;
}
