import { localDate } from '../../src-shared/time';
import { cached } from '../core/db';
import type { HandlerMap } from '../core/registry';
import { CONTACT_COLUMNS, type PatientContact, queueDirect, reachability } from '../messages/index';
import { type Counts, monthsOf, npsRow } from './nps';
import { NPS_BY_MONTH_SQL, NPS_BY_PROVIDER_SQL, NPS_BY_SERVICE_SQL } from './queries';
import { settingsOf } from './settings';
import { channelFor, greetingName, PATIENT_CONTACT_SQL, type PatientRow } from './visits';

const POSTERS_SQL = `
  SELECT r.patientId, p.firstName || ' ' || p.lastName AS patientName, count(*) AS reviews, json_group_array(DISTINCT r.site) AS sites, max(r.postedAt) AS lastPostedAt,
    (SELECT s.score FROM surveyResponse s WHERE s.patientId = r.patientId ORDER BY s.answeredAt DESC, s.id DESC LIMIT 1) AS latestScore
  FROM reviewRequest r JOIN patient p ON p.id = r.patientId
  WHERE r.postedAt IS NOT NULL
  GROUP BY r.patientId
  ORDER BY reviews DESC, lastPostedAt DESC LIMIT @limit`;

const consented = (channel: 'sms' | 'email', address: string) =>
  `(p.${address} IS NOT NULL AND EXISTS (SELECT 1 FROM patientConsent c WHERE c.patientId = p.id AND c.channel = '${channel}' AND c.granted = 1))`;

/**
 * Latest score 9 or 10 (SQLite's max() gives the row of the latest answer), nobody's `referredByPatientId` is them,
 * contactable on a channel; with the last referral offer sent.
 */
const HAPPY_NEVER_REFERRED_SQL = `
  SELECT l.patientId, p.firstName || ' ' || p.lastName AS patientName, l.score, l.answeredAt, ${CONTACT_COLUMNS},
    (SELECT max(o.createdAt) FROM outbox o WHERE o.patientId = p.id AND o.dedupeKey >= 'referralOffer:' AND o.dedupeKey < 'referralOffer;') AS offeredAt
  FROM (SELECT patientId, score, max(answeredAt) AS answeredAt FROM surveyResponse GROUP BY patientId) l
  JOIN patient p ON p.id = l.patientId
  WHERE l.score >= 9 AND p.mergedIntoId IS NULL AND p.archivedAt IS NULL AND p.doNotContact = 0
    AND NOT EXISTS (SELECT 1 FROM patient f WHERE f.referredByPatientId = p.id)
    AND (${consented('sms', 'phone')} OR ${consented('email', 'email')})
  ORDER BY l.answeredAt DESC, l.patientId LIMIT @limit`;

export const reportHandlers: HandlerMap<'satisfaction.nps' | 'satisfaction.posters' | 'satisfaction.happyNeverReferred' | 'satisfaction.sendReferralOffer'> = {
  'satisfaction.nps': ({ from, to }, ctx) => {
    const period = { from, to };
    const months = new Map((cached(ctx.sqlite, NPS_BY_MONTH_SQL).all(period) as Counts[]).map((c) => [c.key, c]));
    const byMonth = monthsOf(from, to).map((key) => npsRow(months.get(key) ?? { key, responses: 0, promoters: 0, detractors: 0 }));
    const ranked = (rows: Counts[]) => rows.map((c) => npsRow(c)).sort((a, b) => (b.nps ?? -101) - (a.nps ?? -101) || b.responses - a.responses || a.label.localeCompare(b.label));
    const sum = byMonth.reduce((t, m) => ({ key: 'total', label: 'All', responses: t.responses + m.responses, promoters: t.promoters + m.promoters, detractors: t.detractors + m.detractors }), {
      key: 'total',
      label: 'All',
      responses: 0,
      promoters: 0,
      detractors: 0,
    } as Counts);
    return {
      from,
      to,
      total: npsRow(sum),
      byMonth,
      byProvider: ranked(cached(ctx.sqlite, NPS_BY_PROVIDER_SQL).all(period) as Counts[]),
      byService: ranked(cached(ctx.sqlite, NPS_BY_SERVICE_SQL).all(period) as Counts[]),
    };
  },

  'satisfaction.posters': ({ limit }, ctx) => ({
    rows: (cached(ctx.sqlite, POSTERS_SQL).all({ limit }) as { patientId: number; patientName: string; reviews: number; sites: string; lastPostedAt: string; latestScore: number | null }[]).map((row) => ({
      ...row,
      sites: JSON.parse(row.sites) as string[],
    })),
  }),

  'satisfaction.happyNeverReferred': ({ limit }, ctx) => {
    const rows = cached(ctx.sqlite, HAPPY_NEVER_REFERRED_SQL).all({ limit }) as (PatientContact & { patientId: number; patientName: string; score: number; answeredAt: string; offeredAt: string | null })[];
    return {
      rows: rows.map(({ patientId, patientName, score, answeredAt, offeredAt, ...contact }) => ({
        patientId,
        patientName,
        score,
        answeredAt,
        offeredAt,
        channels: (['sms', 'email'] as const).filter((channel) => reachability(contact, channel).reason === null),
      })),
    };
  },

  'satisfaction.sendReferralOffer': ({ patientIds }, ctx) => {
    const settings = settingsOf(ctx.sqlite);
    const { name: clinicName, timeZone } = ctx.clinic();
    const today = localDate(ctx.now.toISOString(), timeZone);
    const skipped: { patientId: number; reason: string }[] = [];
    const queued: number[] = [];
    for (const patientId of new Set(patientIds)) {
      const patient = cached(ctx.sqlite, PATIENT_CONTACT_SQL).get(patientId) as PatientRow | undefined;
      if (!patient || patient.mergedIntoId !== null) {
        skipped.push({ patientId, reason: 'no such patient' });
        continue;
      }
      const reach = channelFor(patient, settings);
      if ('reason' in reach) {
        skipped.push({ patientId, reason: reach.reason });
        continue;
      }
      const invite = `Thank you for being with us, ${greetingName(patient)}! If a friend would enjoy a visit too, ask at the desk for your referral card on your next visit.`;
      const outboxId = queueDirect(ctx.runtime, ctx.now, {
        patientId,
        kind: 'conversation',
        channel: reach.channel,
        recipient: reach.recipient,
        subject: reach.channel === 'email' ? `Bring a friend to ${clinicName}` : '',
        body: reach.channel === 'sms' ? `${clinicName}: ${invite}` : `${invite}\n\n${clinicName}`,
        urgent: false,
        staffId: null,
        inReplyToId: null,
        dedupeKey: `referralOffer:${patientId}:${today}`,
      });
      if (outboxId === null) skipped.push({ patientId, reason: 'already sent the offer today' });
      else queued.push(patientId);
    }
    ctx.audit({ action: 'create', entity: 'outbox', summary: `Sent the referral offer to ${queued.length} happy patients`, details: { queued, skipped } });
    return { queued: queued.length, skipped };
  },
};
