import type { PatientScore } from '../../src-shared/contract/satisfaction';
import { LumenError, fieldError } from '../../src-shared/errors';
import { cached } from '../core/db';
import type { HandlerContext, HandlerMap } from '../core/registry';
import type { SurveyRequestTable } from '../core/schema-satisfaction';
import { recordScore } from './outcomes';
import { greetingName, loadVisit } from './visits';
import { writerOf } from './writer';

/** A visit can be scored once the patient has come: not one cancelled, missed or still ahead. */
const SCOREABLE = new Set(['arrived', 'inTreatment', 'completed', 'checkedOut']);

const ANSWER_SQL = `SELECT s.score, s.source, s.answeredAt FROM surveyResponse s JOIN surveyRequest r ON r.id = s.requestId WHERE r.appointmentId = ?`;

const PATIENT_SCORES_SQL = `
  SELECT s.id AS responseId, s.score, s.comment, s.source, s.answeredAt, s.appointmentId, st.displayName AS provider, sv.name AS service
  FROM surveyResponse s LEFT JOIN staff st ON st.id = s.providerId LEFT JOIN service sv ON sv.id = s.serviceId
  WHERE s.patientId IN (SELECT id FROM patient WHERE id = @patientId OR mergedIntoId = @patientId)
  ORDER BY s.answeredAt DESC, s.id DESC LIMIT @limit`;

/** A visit that exists and, on a screen handed to a patient, is the one handed over. */
function visitOnThisScreen(ctx: HandlerContext, appointmentId: number) {
  const visit = loadVisit(ctx.sqlite, appointmentId);
  const handed = ctx.session?.tabletVisitId;
  if (!visit || (handed && handed !== appointmentId)) throw fieldError('not_found', 'There is no such visit.', 'appointmentId');
  return visit;
}

const scoreable = (visit: { status: string; startsAt: string }, now: Date) => SCOREABLE.has(visit.status) && Date.parse(visit.startsAt) <= now.getTime();

export const scoreHandlers: HandlerMap<'satisfaction.handTablet' | 'satisfaction.visit' | 'satisfaction.record' | 'satisfaction.forPatient'> = {
  'satisfaction.handTablet': ({ appointmentId }, ctx) => {
    const session = ctx.requireSession();
    const visit = visitOnThisScreen(ctx, appointmentId);
    if (!scoreable(visit, ctx.now)) throw new LumenError('invalid_transition', 'The tablet takes a score for a visit the patient has come to.');
    session.tabletVisitId = appointmentId;
    return { appointmentId };
  },

  'satisfaction.visit': ({ appointmentId }, ctx) => {
    const visit = visitOnThisScreen(ctx, appointmentId);
    const answered = cached(ctx.sqlite, ANSWER_SQL).get(appointmentId) as { score: number; source: 'sms' | 'email' | 'tablet' | 'desk'; answeredAt: string } | undefined;
    return {
      appointmentId,
      patientId: visit.patientId,
      patientFirstName: greetingName(visit),
      provider: visit.provider,
      service: visit.service,
      startsAt: visit.startsAt,
      answered: answered ?? null,
    };
  },

  'satisfaction.record': ({ appointmentId, score, comment, source }, ctx) => {
    const visit = visitOnThisScreen(ctx, appointmentId);
    if (!scoreable(visit, ctx.now)) throw new LumenError('invalid_transition', 'A score is recorded for a visit the patient has come to.');
    const w = writerOf(ctx);
    let request = cached(ctx.sqlite, 'SELECT * FROM surveyRequest WHERE appointmentId = ?').get(appointmentId) as SurveyRequestTable | undefined;
    if (!request) {
      request = {
        id: ctx.newId('surveyRequest'),
        appointmentId,
        patientId: visit.patientId,
        providerId: visit.providerId,
        serviceId: visit.serviceId,
        channel: source,
        outboxId: null,
        askedAt: ctx.now.toISOString(),
        askedBy: w.staffId,
      };
      cached(
        ctx.sqlite,
        `INSERT INTO surveyRequest (id, appointmentId, patientId, providerId, serviceId, channel, outboxId, askedAt, askedBy)
         VALUES (@id, @appointmentId, @patientId, @providerId, @serviceId, @channel, @outboxId, @askedAt, @askedBy)`,
      ).run(request);
    }
    return recordScore(w, request, { score, comment, source, inboundMessageId: null });
  },

  'satisfaction.forPatient': ({ patientId, limit }, ctx) => {
    if (!cached(ctx.sqlite, 'SELECT 1 FROM patient WHERE id = ?').get(patientId)) throw fieldError('not_found', 'No such patient.', 'patientId');
    const scores = cached(ctx.sqlite, PATIENT_SCORES_SQL).all({ patientId, limit }) as PatientScore[];
    const openComplaint = cached(ctx.sqlite, 'SELECT 1 FROM complaint WHERE patientId = ? AND resolvedAt IS NULL LIMIT 1').get(patientId) !== undefined;
    return { scores, openComplaint };
  },
};
