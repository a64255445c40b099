import { LumenError, fieldError } from '../../src-shared/errors';
import { addCalendarDays, localDate, startOfLocalDay } from '../../src-shared/time';
import { cached } from '../core/db';
import type { HandlerMap } from '../core/registry';
import type { Runtime } from '../core/runtime';
import type { Job } from '../core/scheduler';
import type { SurveyRequestTable } from '../core/schema-satisfaction';
import { queueDirect, type ReplyReader } from '../messages/index';
import { requireRulesWorkstation, rulesWorkstationId, thisWorkstationId } from '../tasks/index';
import { recordScore } from './outcomes';
import { parseScoreReply } from './reply';
import { settingsOf } from './settings';
import { ASK_CANDIDATES_SQL, channelFor, COMPLETED, greetingName, loadVisit, type SurveyVisit } from './visits';
import { jobWriter, type Writer, writerOf } from './writer';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** A request is open for a reply this long after it was asked. */
export const REPLY_DAYS = 14;

/** The first instant of the window: a visit on local day D is asked until the end of day D + `askWithinDays`. */
export function windowStart(now: Date, timeZone: string, askWithinDays: number): Date {
  return startOfLocalDay(addCalendarDays(localDate(now.toISOString(), timeZone), -askWithinDays), timeZone);
}

const LAST_ASKED_SQL = "SELECT max(askedAt) FROM surveyRequest WHERE patientId = ? AND channel IN ('sms', 'email')";

const INSERT_REQUEST_SQL = `
  INSERT INTO surveyRequest (id, appointmentId, patientId, providerId, serviceId, channel, outboxId, askedAt, askedBy)
  VALUES (@id, @appointmentId, @patientId, @providerId, @serviceId, @channel, @outboxId, @askedAt, @askedBy)`;

/** Why this patient may not be asked again yet (asked within `askEveryDays`), or null. */
function askedRecently(w: Writer, patientId: number, askEveryDays: number): string | null {
  const last = cached(w.sqlite, LAST_ASKED_SQL).pluck().get(patientId) as string | null;
  if (!last || askEveryDays === 0 || w.now.getTime() - Date.parse(last) >= askEveryDays * DAY_MS) return null;
  return `the patient was asked on ${localDate(last, w.timeZone)} (at most once in ${askEveryDays} days)`;
}

/** Queues the question and writes the request; the caller has checked the visit may be asked. */
function ask(w: Writer, visit: SurveyVisit, reach: { channel: 'sms' | 'email'; recipient: string }): { requestId: number; outboxId: number } {
  const about = visit.provider ? `your visit with ${visit.provider}` : 'your visit';
  const question = `How was ${about}? Reply with a number from 0 to 10 (10 = excellent); add a comment after the number if you like.`;
  const outboxId = queueDirect(w.runtime, w.now, {
    patientId: visit.patientId,
    kind: 'conversation',
    channel: reach.channel,
    recipient: reach.recipient,
    subject: reach.channel === 'email' ? `How was ${about}?` : '',
    body: reach.channel === 'sms' ? `${w.clinicName}: ${question}` : `Dear ${greetingName(visit)},\n\n${question}\n\n${w.clinicName}`,
    urgent: false,
    staffId: null,
    inReplyToId: null,
    dedupeKey: `survey:${visit.appointmentId}`,
  });
  if (outboxId === null) throw new LumenError('conflict', 'This visit was already asked about.');
  const requestId = w.newId('surveyRequest');
  cached(w.sqlite, INSERT_REQUEST_SQL).run({
    id: requestId,
    appointmentId: visit.appointmentId,
    patientId: visit.patientId,
    providerId: visit.providerId,
    serviceId: visit.serviceId,
    channel: reach.channel,
    outboxId,
    askedAt: w.now.toISOString(),
    askedBy: w.staffId,
  });
  return { requestId, outboxId };
}

/** Asks about every completed visit in the window that was never asked, once per patient per `askEveryDays`. */
export function askDue(w: Writer): { asked: number; unreachable: number } {
  const settings = settingsOf(w.sqlite);
  const result = { asked: 0, unreachable: 0 };
  if (!settings.enabled) return result;
  const from = windowStart(w.now, w.timeZone, settings.askWithinDays);
  const candidates = cached(w.sqlite, ASK_CANDIDATES_SQL).all({ from: from.toISOString(), startsFrom: new Date(from.getTime() - 12 * HOUR_MS).toISOString(), now: w.now.toISOString() }) as SurveyVisit[];
  for (const visit of candidates) {
    if (askedRecently(w, visit.patientId, settings.askEveryDays)) continue;
    const reach = channelFor(visit, settings);
    if ('reason' in reach) {
      result.unreachable++;
      continue;
    }
    ask(w, visit, reach);
    result.asked++;
  }
  if (result.asked) w.audit({ action: 'create', entity: 'surveyRequest', summary: `Asked ${result.asked} patient${result.asked === 1 ? '' : 's'} about their visit`, details: result });
  return result;
}

/** The surveys job: hourly on the rules workstation (its unique visit key must not meet a twin from another workstation). */
export function surveyJob(exclusive: <T>(fn: () => Promise<T>) => Promise<T>): Job {
  return {
    name: 'satisfactionSurveys',
    label: 'Satisfaction surveys after visits',
    nextRunAfter: (after) => new Date(after.getTime() + HOUR_MS),
    run: (runtime: Runtime) =>
      exclusive(async () => {
        const { sqlite } = runtime;
        if (!runtime.clinicRow()) return 'No clinic yet.';
        if (!settingsOf(sqlite).enabled) return 'Surveys are switched off.';
        if (rulesWorkstationId(sqlite) !== thisWorkstationId(sqlite)) return 'Surveys are asked by the rules workstation.';
        const now = runtime.clock.now();
        const result = sqlite
          .transaction(() => {
            runtime.workstation?.stamp(now);
            return askDue(jobWriter(runtime, now, 'system'));
          })
          .immediate();
        return `Asked ${result.asked} patient${result.asked === 1 ? '' : 's'}${result.unreachable ? `; ${result.unreachable} could not be reached` : ''}.`;
      }),
  };
}

const OPEN_REQUEST_SQL = `
  SELECT r.* FROM surveyRequest r
  WHERE r.patientId IN (SELECT id FROM patient WHERE id = @patientId OR mergedIntoId = @patientId)
    AND r.channel IN ('sms', 'email') AND r.askedAt >= @since AND r.askedAt <= @receivedAt
    AND NOT EXISTS (SELECT 1 FROM surveyResponse s WHERE s.requestId = r.id)
  ORDER BY r.askedAt DESC, r.id DESC LIMIT 1`;

/** The replies job's reader: a reply from a patient with an open request that reads as a score answers it. */
export const readSurveyReply: ReplyReader = (runtime, now, reply) => {
  const since = new Date(Date.parse(reply.receivedAt) - REPLY_DAYS * DAY_MS).toISOString();
  const request = cached(runtime.sqlite, OPEN_REQUEST_SQL).get({ patientId: reply.patientId, since, receivedAt: reply.receivedAt }) as SurveyRequestTable | undefined;
  if (!request) return false;
  const parsed = parseScoreReply(reply.body);
  if (!parsed) return false;
  // In a savepoint: a score that cannot be written leaves the reply an ordinary message instead of failing the whole batch of replies.
  try {
    runtime.sqlite.transaction(() => recordScore(jobWriter(runtime, now, `the patient, by ${reply.channel === 'sms' ? 'SMS' : 'email'} reply`), request, { ...parsed, source: reply.channel, inboundMessageId: reply.id }))();
    return true;
  } catch (error) {
    runtime.logger.error(`A survey reply (message #${reply.id}) could not be recorded as a score`, error);
    return false;
  }
};

export const askHandlers: HandlerMap<'satisfaction.runAsk' | 'satisfaction.ask'> = {
  'satisfaction.runAsk': (_input, ctx) => {
    requireRulesWorkstation(ctx.sqlite);
    return askDue(writerOf(ctx));
  },

  'satisfaction.ask': ({ appointmentId, channel }, ctx) => {
    const w = writerOf(ctx);
    const settings = settingsOf(ctx.sqlite);
    const visit = loadVisit(ctx.sqlite, appointmentId);
    if (!visit) throw fieldError('not_found', 'There is no such visit.', 'appointmentId');
    if (!COMPLETED.has(visit.status)) throw new LumenError('invalid_transition', 'Only a completed visit is asked about.');
    if (Date.parse(visit.endsAt) < windowStart(ctx.now, w.timeZone, settings.askWithinDays).getTime()) {
      throw new LumenError('invalid_transition', `This visit is more than ${settings.askWithinDays} days ago: it is no longer asked about.`);
    }
    if (cached(ctx.sqlite, 'SELECT 1 FROM surveyRequest WHERE appointmentId = ?').get(appointmentId)) throw new LumenError('conflict', 'This visit was already asked about.');
    const recently = askedRecently(w, visit.patientId, settings.askEveryDays);
    if (recently) throw new LumenError('conflict', `Not asked again: ${recently}.`);
    const reach = channelFor(visit, settings, channel);
    if ('reason' in reach) throw new LumenError('no_consent', `This patient cannot be asked: ${reach.reason}.`, { reason: reach.reason });
    const { requestId, outboxId } = ask(w, visit, reach);
    ctx.audit({ action: 'create', entity: 'surveyRequest', entityId: requestId, summary: `Asked patient #${visit.patientId} about visit #${appointmentId} by ${reach.channel}`, details: { appointmentId, outboxId } });
    return { requestId, channel: reach.channel, outboxId };
  },
};
