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
  /** Null for an outreach message (retention), which is about a patient's maintenance, not a visit. */
  appointmentId: number | null;
  patientId: number;
  templateId: number;
  kind: 'confirmation' | 'reminder' | 'outreach';
  channel: 'email' | 'sms';
  recipient: string | null;
  subject: string;
  body: string;
  dueAt: string;
  status: 'queued' | 'sent' | 'failed' | 'notSent';
  statusReason: string | null;
  attempts: number;
  sentAt: string | null;
  dedupeKey: string;
  createdAt: string;
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
