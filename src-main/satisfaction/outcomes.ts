import type { ScoreOutcome } from '../../src-shared/contract/satisfaction';
import { LumenError } from '../../src-shared/errors';
import { localDate } from '../../src-shared/time';
import { cached } from '../core/db';
import type { SurveyRequestTable } from '../core/schema-satisfaction';
import { queueDirect } from '../messages/index';
import { settingsOf } from './settings';
import { channelFor, greetingName, nameOf, PATIENT_CONTACT_SQL, type PatientRow } from './visits';
import type { Writer } from './writer';

const HOUR_MS = 3_600_000;

const INSERT_RESPONSE_SQL = `
  INSERT INTO surveyResponse (id, requestId, patientId, appointmentId, providerId, serviceId, score, comment, source, inboundMessageId, answeredAt, answeredOn, recordedBy)
  VALUES (@id, @requestId, @patientId, @appointmentId, @providerId, @serviceId, @score, @comment, @source, @inboundMessageId, @answeredAt, @answeredOn, @recordedBy)`;

const LATEST_SCORE_SQL = 'SELECT score FROM surveyResponse WHERE patientId = ? ORDER BY answeredAt DESC, id DESC LIMIT 1';
const OPEN_COMPLAINT_SQL = 'SELECT 1 FROM complaint WHERE patientId = ? AND resolvedAt IS NULL LIMIT 1';

export interface GivenScore {
  score: number;
  comment: string;
  source: 'sms' | 'email' | 'tablet' | 'desk';
  inboundMessageId: number | null;
}

/**
 * Writes a score for a request (once: a second answer is refused) and what follows: from `reviewFromScore` a review
 * request with the clinic's sites (unless the patient cannot be asked: the reason is the outcome's note), up to
 * `recoveryUpToScore` a complaint and the manager's recovery task.
 */
export function recordScore(w: Writer, request: SurveyRequestTable, given: GivenScore): ScoreOutcome {
  if (cached(w.sqlite, 'SELECT 1 FROM surveyResponse WHERE requestId = ?').get(request.id)) throw new LumenError('conflict', 'This visit already has a score.');
  const id = w.newId('surveyResponse');
  const answeredAt = w.now.toISOString();
  cached(w.sqlite, INSERT_RESPONSE_SQL).run({
    id,
    requestId: request.id,
    patientId: request.patientId,
    appointmentId: request.appointmentId,
    providerId: request.providerId,
    serviceId: request.serviceId,
    score: given.score,
    comment: given.comment,
    source: given.source,
    inboundMessageId: given.inboundMessageId,
    answeredAt,
    answeredOn: localDate(answeredAt, w.timeZone),
    recordedBy: w.staffId,
  });
  w.audit({ action: 'create', entity: 'surveyResponse', entityId: id, summary: `Score ${given.score}/10 for visit #${request.appointmentId} (${given.source})`, details: { ...given, patientId: request.patientId } });
  const settings = settingsOf(w.sqlite);
  const outcome: ScoreOutcome = { responseId: id, score: given.score, reviewRequested: [], complaintId: null, taskId: null, note: null };
  if (given.score >= settings.reviewFromScore) {
    try {
      outcome.reviewRequested = requestReview(w, request.patientId, { responseId: id }).sites;
    } catch (error) {
      if (!(error instanceof LumenError)) throw error;
      outcome.note = `No review request: ${error.message}`;
    }
  }
  if (given.score <= settings.recoveryUpToScore) Object.assign(outcome, openComplaint(w, request, id, given));
  return outcome;
}

/**
 * Queues one message asking for a review on each of the clinic's sites and tracks each site. Refused (nothing
 * written) without sites, for a patient whose latest score is at or below the recovery threshold, with an open
 * complaint, or who cannot be written to (`no_consent`).
 */
export function requestReview(w: Writer, patientId: number, options: { responseId?: number; channel?: 'sms' | 'email' }): { sites: string[]; channel: 'sms' | 'email'; outboxId: number } {
  const settings = settingsOf(w.sqlite);
  const patient = cached(w.sqlite, PATIENT_CONTACT_SQL).get(patientId) as PatientRow | undefined;
  if (!patient || patient.mergedIntoId !== null) throw new LumenError('not_found', 'No such patient.');
  if (!settings.reviewSites.length) throw new LumenError('invalid_transition', 'No review sites are set (Settings → Satisfaction & reviews).');
  const latest = cached(w.sqlite, LATEST_SCORE_SQL).pluck().get(patientId) as number | undefined;
  if (latest !== undefined && latest <= settings.recoveryUpToScore) throw new LumenError('invalid_transition', `The patient's latest score is ${latest}: a review is never asked of an unhappy patient.`);
  if (cached(w.sqlite, OPEN_COMPLAINT_SQL).get(patientId)) throw new LumenError('invalid_transition', 'The patient has an open complaint: resolve it first.');
  const reach = channelFor(patient, settings, options.channel);
  if ('reason' in reach) throw new LumenError('no_consent', `This patient cannot be asked for a review: ${reach.reason}.`, { reason: reach.reason });
  const links = settings.reviewSites.map((s) => `${s.name}: ${s.url}`);
  const thanks = `Thank you for your kind words, ${greetingName(patient)}!`;
  const ask = 'Would you share your experience in a review? It helps others find us.';
  const outboxId = queueDirect(w.runtime, w.now, {
    patientId,
    kind: 'conversation',
    channel: reach.channel,
    recipient: reach.recipient,
    subject: reach.channel === 'email' ? `Would you review ${w.clinicName}?` : '',
    body: reach.channel === 'sms' ? `${w.clinicName}: ${thanks} ${ask} ${links.join(' ')}` : `${thanks}\n\n${ask}\n\n${links.join('\n')}\n\n${w.clinicName}`,
    urgent: false,
    staffId: null,
    inReplyToId: null,
    // Once per score; by hand once per patient and day.
    dedupeKey: options.responseId ? `review:${options.responseId}` : `review:patient:${patientId}:${localDate(w.now.toISOString(), w.timeZone)}`,
  });
  if (outboxId === null) throw new LumenError('invalid_transition', 'This patient was already asked for a review today.');
  const insert = cached(
    w.sqlite,
    `INSERT INTO reviewRequest (id, patientId, responseId, site, url, channel, outboxId, requestedAt, requestedBy)
     VALUES (@id, @patientId, @responseId, @site, @url, @channel, @outboxId, @now, @staffId)`,
  );
  for (const site of settings.reviewSites) {
    insert.run({ id: w.newId('reviewRequest'), patientId, responseId: options.responseId ?? null, site: site.name, url: site.url, channel: reach.channel, outboxId, now: w.now.toISOString(), staffId: w.staffId });
  }
  const sites = settings.reviewSites.map((s) => s.name);
  w.audit({ action: 'create', entity: 'reviewRequest', entityId: outboxId, summary: `Asked patient #${patientId} for a review on ${sites.join(', ')} by ${reach.channel}`, details: { patientId, sites, outboxId } });
  return { sites, channel: reach.channel, outboxId };
}

/** A complaint for a low score, and the manager's recovery task due `recoveryHours` later with the comment and the visit. */
function openComplaint(w: Writer, request: SurveyRequestTable, responseId: number, given: GivenScore): { complaintId: number; taskId: number } {
  const settings = settingsOf(w.sqlite);
  const patient = cached(w.sqlite, PATIENT_CONTACT_SQL).get(request.patientId) as PatientRow;
  const visit = cached(
    w.sqlite,
    `SELECT a.startsAt, st.displayName AS provider, sv.name AS service FROM appointment a
     LEFT JOIN staff st ON st.id = @providerId LEFT JOIN service sv ON sv.id = @serviceId WHERE a.id = @appointmentId`,
  ).get({ providerId: request.providerId, serviceId: request.serviceId, appointmentId: request.appointmentId }) as { startsAt: string; provider: string | null; service: string | null };
  const now = w.now.toISOString();
  const dueAt = new Date(w.now.getTime() + settings.recoveryHours * HOUR_MS).toISOString();
  const what = [`visit on ${localDate(visit.startsAt, w.timeZone)}`, visit.provider && `with ${visit.provider}`, visit.service].filter(Boolean).join(', ');
  const taskId = w.newId('task');
  cached(
    w.sqlite,
    `INSERT INTO task (id, dedupeKey, ruleId, kind, title, patientId, appointmentId, invoiceId, assigneeRole, assigneeStaffId, dueOn, dueAt, allDay, slaAt, note, createdAt, createdBy, completedAt, completedBy, outcome, outcomeNote)
     VALUES (@id, NULL, NULL, 'satisfaction', @title, @patientId, @appointmentId, NULL, 'manager', NULL, @dueOn, @dueAt, 0, @dueAt, @note, @now, @staffId, NULL, NULL, NULL, '')`,
  ).run({
    id: taskId,
    title: `Recovery call: ${nameOf(patient)} scored ${given.score}/10`,
    patientId: request.patientId,
    appointmentId: request.appointmentId,
    dueOn: localDate(dueAt, w.timeZone),
    dueAt,
    note: `${given.comment ? `“${given.comment}”` : 'No comment given.'} (${what})`,
    now,
    staffId: w.staffId,
  });
  const complaintId = w.newId('complaint');
  cached(
    w.sqlite,
    `INSERT INTO complaint (id, patientId, responseId, appointmentId, providerId, serviceId, score, comment, taskId, openedAt, slaDueAt)
     VALUES (@id, @patientId, @responseId, @appointmentId, @providerId, @serviceId, @score, @comment, @taskId, @now, @slaDueAt)`,
  ).run({
    id: complaintId,
    patientId: request.patientId,
    responseId,
    appointmentId: request.appointmentId,
    providerId: request.providerId,
    serviceId: request.serviceId,
    score: given.score,
    comment: given.comment,
    taskId,
    now,
    slaDueAt: new Date(w.now.getTime() + settings.complaintSlaHours * HOUR_MS).toISOString(),
  });
  w.audit({ action: 'create', entity: 'complaint', entityId: complaintId, summary: `Complaint opened for patient #${request.patientId} (score ${given.score}); recovery task due ${dueAt}`, details: { taskId, responseId } });
  return { complaintId, taskId };
}
