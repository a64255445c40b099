import type { PatientContact } from '../messages/index';
import { CONTACT_COLUMNS, reachability } from '../messages/index';
import { cached, type Sqlite } from '../core/db';
import type { SatisfactionSettings } from '../../src-shared/contract/satisfaction';

/** A visit as a survey sees it: its patient and how they can be reached, and its first segment's provider and service. */
export type SurveyVisit = PatientContact & {
  appointmentId: number;
  patientId: number;
  status: string;
  startsAt: string;
  endsAt: string;
  providerId: number | null;
  provider: string | null;
  serviceId: number | null;
  service: string | null;
  firstName: string;
  lastName: string;
  preferredName: string | null;
  mergedIntoId: number | null;
};

const VISIT_COLUMNS = `
  SELECT a.id AS appointmentId, a.patientId, a.status, a.startsAt, a.endsAt, s.staffId AS providerId, st.displayName AS provider,
    s.serviceId, sv.name AS service, p.firstName, p.lastName, p.preferredName, p.mergedIntoId, ${CONTACT_COLUMNS}
  FROM appointment a
  JOIN patient p ON p.id = a.patientId
  LEFT JOIN appointmentService s ON s.appointmentId = a.id AND s.position = (SELECT min(position) FROM appointmentService WHERE appointmentId = a.id)
  LEFT JOIN staff st ON st.id = s.staffId
  LEFT JOIN service sv ON sv.id = s.serviceId`;

export const VISIT_SQL = `${VISIT_COLUMNS} WHERE a.id = ?`;

/**
 * Completed visits that ended in [@from, @now] and were never asked about, oldest first. A visit lasts at most 12 hours,
 * so its start is read through `appointment_startsAt` from 12 hours before @from.
 */
export const ASK_CANDIDATES_SQL = `${VISIT_COLUMNS}
  WHERE a.startsAt >= @startsFrom AND a.startsAt < @now AND a.endsAt >= @from AND a.endsAt <= @now
    AND a.status IN ('completed', 'checkedOut') AND p.mergedIntoId IS NULL AND p.archivedAt IS NULL
    AND NOT EXISTS (SELECT 1 FROM surveyRequest r WHERE r.appointmentId = a.id)
  ORDER BY a.endsAt, a.id`;

export const COMPLETED = new Set(['completed', 'checkedOut']);

export const loadVisit = (sqlite: Sqlite, appointmentId: number) => cached(sqlite, VISIT_SQL).get(appointmentId) as SurveyVisit | undefined;

/** The patient's own contact state. */
export const PATIENT_CONTACT_SQL = `SELECT p.id, p.firstName, p.lastName, p.preferredName, p.mergedIntoId, ${CONTACT_COLUMNS} FROM patient p WHERE p.id = ?`;
export type PatientRow = PatientContact & { id: number; firstName: string; lastName: string; preferredName: string | null; mergedIntoId: number | null };

/**
 * The channel to write on: the one asked for, else the first of the clinic's order the patient can be reached on,
 * with its recipient; or why none can be used.
 */
export function channelFor(
  patient: PatientContact,
  settings: Pick<SatisfactionSettings, 'channels'>,
  wanted?: 'sms' | 'email',
): { channel: 'sms' | 'email'; recipient: string } | { reason: string } {
  const reasons: string[] = [];
  for (const channel of wanted ? [wanted] : settings.channels) {
    const { recipient, reason } = reachability(patient, channel);
    if (reason === null && recipient) return { channel, recipient };
    reasons.push(reason ?? 'no address');
  }
  return { reason: reasons.join('; ') };
}

export const nameOf = (p: { firstName: string; lastName: string }) => `${p.firstName} ${p.lastName}`;
export const greetingName = (p: { firstName: string; preferredName: string | null }) => p.preferredName?.trim() || p.firstName;
