import type { complaintOutcomes, scoreSources, surveyChannels } from '../../src-shared/contract/satisfaction';

/** Column types of the satisfaction tables (the Database map is in schema.ts). */
export interface SatisfactionSettingsTable {
  id: number;
  enabled: 0 | 1;
  askWithinDays: number;
  askEveryDays: number;
  /** JSON: ["sms","email"] in order of preference. */
  channels: string;
  /** JSON: [{ name, url }]. */
  reviewSites: string;
  reviewFromScore: number;
  recoveryUpToScore: number;
  recoveryHours: number;
  complaintSlaHours: number;
  updatedAt: string;
  updatedBy: number | null;
}

export interface SurveyRequestTable {
  id: number;
  appointmentId: number;
  patientId: number;
  providerId: number | null;
  serviceId: number | null;
  channel: (typeof scoreSources)[number];
  outboxId: number | null;
  askedAt: string;
  askedBy: number | null;
}

export interface SurveyResponseTable {
  id: number;
  requestId: number;
  patientId: number;
  appointmentId: number;
  providerId: number | null;
  serviceId: number | null;
  score: number;
  comment: string;
  source: (typeof scoreSources)[number];
  inboundMessageId: number | null;
  answeredAt: string;
  /** Clinic-local date. */
  answeredOn: string;
  recordedBy: number | null;
}

export interface ReviewRequestTable {
  id: number;
  patientId: number;
  responseId: number | null;
  site: string;
  url: string;
  channel: (typeof surveyChannels)[number];
  outboxId: number;
  requestedAt: string;
  requestedBy: number | null;
  postedAt: string | null;
  postedBy: number | null;
  pointsEntryId: number | null;
}

export interface ComplaintTable {
  id: number;
  patientId: number;
  responseId: number | null;
  appointmentId: number | null;
  providerId: number | null;
  serviceId: number | null;
  score: number | null;
  comment: string;
  taskId: number | null;
  openedAt: string;
  slaDueAt: string;
  resolvedAt: string | null;
  resolvedBy: number | null;
  outcome: (typeof complaintOutcomes)[number] | null;
  managerNote: string;
}
