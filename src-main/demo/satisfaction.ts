import type { SatisfactionSettingsInput } from '../../src-shared/contract/satisfaction';
import { addCalendarDays, localDate, startOfLocalDay } from '../../src-shared/time';
import type { DemoContext } from './context';

const DAY_MS = 24 * 3_600_000;
/** Surveys began two years ago. */
const SURVEY_DAYS = 730;
const SITES = [
  { name: 'Google', url: 'https://g.page/r/lumiere-aesthetics/review' },
  { name: 'Facebook', url: 'https://www.facebook.com/lumiere.aesthetics/reviews' },
  { name: 'RealSelf', url: 'https://www.realself.com/review/lumiere-aesthetics' },
];

/** A stable pseudo-random 0–999 per row id (Knuth's multiplicative hash), so the demo is the same for the same seed's ids. */
const hash = (id: string) => `((${id} * 2654435761) % 1000)`;
const iso = (instant: string, shift: string) => `strftime('%Y-%m-%dT%H:%M:%fZ', ${instant}, ${shift})`;

/** Four completed visits in ten are asked about (the tablet at every seventh), a day or more ago. */
const REQUESTS_SQL = `
  INSERT INTO surveyRequest (appointmentId, patientId, providerId, serviceId, channel, outboxId, askedAt, askedBy)
  SELECT a.id, a.patientId, s.staffId, s.serviceId, CASE WHEN a.id % 7 = 0 THEN 'tablet' WHEN a.id % 3 = 0 THEN 'email' ELSE 'sms' END, NULL,
    CASE WHEN a.id % 7 = 0 THEN a.endsAt ELSE ${iso('a.endsAt', "'+2 hours'")} END, NULL
  FROM appointment a INDEXED BY appointment_startsAt
  JOIN appointmentService s ON s.appointmentId = a.id AND s.position = 0
  WHERE a.startsAt >= :from AND a.startsAt < :until AND a.status IN ('completed', 'checkedOut') AND ${hash('a.id')} % 100 < 40`;

/**
 * Six in ten answer (every tablet does). Scores lean by provider (a bias of −150 … +150 on the draw, by staff id), so
 * the NPS charts show some providers well ahead of others; some scores carry a comment.
 */
const RESPONSES_SQL = `
  INSERT INTO surveyResponse (requestId, patientId, appointmentId, providerId, serviceId, score, comment, source, inboundMessageId, answeredAt, answeredOn, recordedBy)
  SELECT id, patientId, appointmentId, providerId, serviceId, score,
    CASE WHEN score <= 6 THEN CASE h % 5 WHEN 0 THEN 'Waited over half an hour' WHEN 1 THEN 'Not the result I hoped for' WHEN 2 THEN 'Felt rushed' WHEN 3 THEN 'More than I was quoted' ELSE '' END
      WHEN score >= 9 THEN CASE h % 4 WHEN 0 THEN 'Lovely staff' WHEN 1 THEN 'Great results, thank you' ELSE '' END ELSE '' END,
    channel, NULL, answeredAt, lumen_local_date(answeredAt, :timeZone), NULL
  FROM (
    SELECT *, CASE WHEN u < 430 THEN 10 WHEN u < 640 THEN 9 WHEN u < 780 THEN 8 WHEN u < 860 THEN 7 WHEN u < 910 THEN 6 WHEN u < 945 THEN 5
        WHEN u < 970 THEN 4 WHEN u < 985 THEN 3 WHEN u < 995 THEN 1 ELSE 0 END AS score,
      CASE WHEN channel = 'tablet' THEN askedAt ELSE ${iso('askedAt', "'+' || (h % 300) || ' minutes'")} END AS answeredAt
    FROM (
      SELECT r.*, ${hash('r.id')} AS h, max(0, min(999, ${hash('r.id')} + ((coalesce(r.providerId, 0) * 7) % 4) * 100 - 150)) AS u
      FROM surveyRequest r WHERE r.channel = 'tablet' OR (r.id * 40503) % 100 < 60
    )
  )`;

/** Every 0–6 opened a complaint; those older than two weeks were resolved within 2–121 hours (some past the 72-hour SLA). */
const COMPLAINTS_SQL = `
  INSERT INTO complaint (patientId, responseId, appointmentId, providerId, serviceId, score, comment, taskId, openedAt, slaDueAt, resolvedAt, resolvedBy, outcome, managerNote)
  SELECT patientId, id, appointmentId, providerId, serviceId, score, comment, NULL, answeredAt, ${iso('answeredAt', "'+72 hours'")},
    CASE WHEN old THEN ${iso('answeredAt', "'+' || (2 + h % 120) || ' hours'")} END, CASE WHEN old THEN :managerId END,
    CASE WHEN old THEN CASE h % 5 WHEN 0 THEN 'apologised' WHEN 1 THEN 'retreated' WHEN 2 THEN 'credited' WHEN 3 THEN 'refunded' ELSE 'noAction' END END, ''
  FROM (SELECT *, ${hash('id')} AS h, answeredAt < :resolvedBefore AS old FROM surveyResponse WHERE score <= 6)`;

/** Every 9–10 asked by message was sent the review request (one message, as the outbox keeps it: sent). */
const REVIEW_MESSAGES_SQL = `
  INSERT INTO outbox (id, appointmentId, patientId, templateId, kind, channel, recipient, subject, body, dueAt, status, statusReason, messageId, urgent, staffId,
    inReplyToId, dedupeKey, sentAt, createdAt, updatedAt)
  SELECT s.id, NULL, s.patientId, NULL, 'conversation', s.source, CASE s.source WHEN 'sms' THEN p.phone ELSE p.email END,
    CASE s.source WHEN 'email' THEN 'Would you review Lumière Aesthetics?' ELSE '' END, :body, s.answeredAt, 'sent', NULL, NULL, 0, NULL,
    NULL, 'review:' || s.id, s.answeredAt, s.answeredAt, s.answeredAt
  FROM surveyResponse s JOIN patient p ON p.id = s.patientId
  WHERE s.score >= 9 AND s.source IN ('sms', 'email') AND (CASE s.source WHEN 'sms' THEN p.phone ELSE p.email END) IS NOT NULL`;

/** Each review request tracked per site; about one in eight was posted two days later (confirmed by the manager). */
const REVIEW_REQUESTS_SQL = `
  INSERT INTO reviewRequest (patientId, responseId, site, url, channel, outboxId, requestedAt, requestedBy, postedAt, postedBy, pointsEntryId)
  SELECT patientId, id, name, url, channel, id, createdAt, NULL, CASE WHEN posted THEN ${iso('createdAt', "'+2 days'")} END, CASE WHEN posted THEN :managerId END, NULL
  FROM (
    SELECT o.*, site.name, site.url, (o.id * 40503 + site.k * 977) % 100 < 12 AND o.createdAt < :postedBefore AS posted
    FROM outbox o JOIN (SELECT key AS k, json_extract(value, '$.name') AS name, json_extract(value, '$.url') AS url FROM json_each(:sites)) site
    WHERE o.dedupeKey >= 'review:' AND o.dedupeKey < 'review;'
  )`;

/**
 * Two years of satisfaction history: the settings, survey requests for a share of completed visits, the scores given,
 * complaints for low scores and review requests for high ones, some posted. One INSERT … SELECT per table. Review
 * points are left out of the demo's loyalty ledger (its statements hold earning and expiry only).
 */
export function writeSatisfaction(ctx: DemoContext, timeZone: string): void {
  const { sqlite, now, nowIso } = ctx;
  const settings: Required<Omit<SatisfactionSettingsInput, 'enabled'>> = {
    askWithinDays: 7,
    askEveryDays: 30,
    channels: ['sms', 'email'],
    reviewSites: SITES,
    reviewFromScore: 9,
    recoveryUpToScore: 6,
    recoveryHours: 24,
    complaintSlaHours: 72,
  };
  sqlite
    .prepare(`INSERT INTO satisfactionSettings (id, enabled, askWithinDays, askEveryDays, channels, reviewSites, reviewFromScore, recoveryUpToScore, recoveryHours, complaintSlaHours, updatedAt)
      VALUES (1, 1, @askWithinDays, @askEveryDays, @channels, @reviewSites, @reviewFromScore, @recoveryUpToScore, @recoveryHours, @complaintSlaHours, @updatedAt)`)
    .run({ ...settings, channels: JSON.stringify(settings.channels), reviewSites: JSON.stringify(settings.reviewSites), updatedAt: nowIso });
  const managerId = sqlite.prepare("SELECT id FROM staff WHERE username = 'manager'").pluck().get() as number | undefined;
  const from = startOfLocalDay(addCalendarDays(localDate(nowIso, timeZone), -SURVEY_DAYS), timeZone).toISOString();
  sqlite.prepare(REQUESTS_SQL).run({ from, until: new Date(now.getTime() - DAY_MS).toISOString() });
  sqlite.prepare(RESPONSES_SQL).run({ timeZone });
  sqlite.prepare(COMPLAINTS_SQL).run({ managerId: managerId ?? null, resolvedBefore: new Date(now.getTime() - 14 * DAY_MS).toISOString() });
  const links = SITES.map((s) => `${s.name}: ${s.url}`).join(' ');
  sqlite.prepare(REVIEW_MESSAGES_SQL).run({ body: `Lumière Aesthetics: Thank you for your kind words! Would you share your experience in a review? It helps others find us. ${links}` });
  sqlite.prepare(REVIEW_REQUESTS_SQL).run({ sites: JSON.stringify(SITES), managerId: managerId ?? null, postedBefore: new Date(now.getTime() - 2 * DAY_MS).toISOString() });
}
