import { z } from 'zod';
import { method } from './method';
import { CalendarDate, Id, Instant, Name } from './common';

/**
 * Satisfaction, NPS and reputation. After a completed visit the patient is asked for a score from 0 to 10 (by SMS or
 * email through the outbox, or on the check-out tablet). A score from `reviewFromScore` up queues a review request
 * with the clinic's chosen sites; one up to `recoveryUpToScore` opens a complaint with a recovery task for the
 * manager. NPS is always the standard one: % promoters (9–10) − % detractors (0–6).
 */
export const surveyChannels = ['sms', 'email'] as const;
export const scoreSources = ['sms', 'email', 'tablet', 'desk'] as const;
export const complaintOutcomes = ['apologised', 'refunded', 'retreated', 'credited', 'noAction', 'unreachable'] as const;

export const Score = z.number().int('A score is a whole number from 0 to 10').min(0, 'A score is from 0 to 10').max(10, 'A score is from 0 to 10');

const WebAddress = z
  .string()
  .trim()
  .max(500)
  .refine((text) => {
    try {
      const url = new URL(text);
      return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname.includes('.');
    } catch {
      return false;
    }
  }, 'A web address starting with https:// (or http://)');

export const ReviewSite = z.strictObject({ name: Name, url: WebAddress });

export const SatisfactionSettingsInput = z.strictObject({
  enabled: z.boolean(),
  /** Ask until this many clinic-local days after the visit's day (a visit older than that is never asked). */
  askWithinDays: z.number().int().min(1, 'At least 1 day').max(30, 'At most 30 days').default(7),
  /** Ask one patient at most once in this many days (0: after every visit). */
  askEveryDays: z.number().int().min(0, 'Not negative').max(365).default(30),
  /** Channels in order of preference; the first the patient can be reached on is used. */
  channels: z
    .array(z.enum(surveyChannels))
    .min(1, 'Choose at least one channel')
    .max(2)
    .refine((list) => new Set(list).size === list.length, 'A channel is listed twice')
    .default(['sms', 'email']),
  reviewSites: z.array(ReviewSite).max(10).default([]),
  /** Scores from this one up ask for a review (9 by default: promoters). */
  reviewFromScore: z.number().int().min(7, 'From 7 to 10').max(10, 'From 7 to 10').default(9),
  /** Scores up to this one open a complaint and a recovery task (6 by default: detractors). */
  recoveryUpToScore: z.number().int().min(0, 'From 0 to 8').max(8, 'From 0 to 8').default(6),
  /** The recovery task is due this many hours after the score. */
  recoveryHours: z.number().int().min(1, 'At least 1 hour').max(720, 'At most 720 hours (30 days)').default(24),
  /** A complaint should be resolved within this many hours of being opened. */
  complaintSlaHours: z.number().int().min(1, 'At least 1 hour').max(2160, 'At most 2,160 hours (90 days)').default(72),
});
export type SatisfactionSettingsInput = z.input<typeof SatisfactionSettingsInput>;

export const SatisfactionSettings = z.object({
  enabled: z.boolean(),
  askWithinDays: z.number().int(),
  askEveryDays: z.number().int(),
  channels: z.array(z.enum(surveyChannels)),
  reviewSites: z.array(z.object({ name: z.string(), url: z.string() })),
  reviewFromScore: z.number().int(),
  recoveryUpToScore: z.number().int(),
  recoveryHours: z.number().int(),
  complaintSlaHours: z.number().int(),
  updatedAt: Instant.nullable(),
});
export type SatisfactionSettings = z.infer<typeof SatisfactionSettings>;

/** What happened after a score: a review request (the sites asked about), a complaint, or nothing (and why). */
export const ScoreOutcome = z.object({
  responseId: Id,
  score: Score,
  reviewRequested: z.array(z.string()),
  complaintId: Id.nullable(),
  taskId: Id.nullable(),
  /** Why a happy patient was not asked for a review (no sites, no consent, an open complaint), else null. */
  note: z.string().nullable(),
});
export type ScoreOutcome = z.infer<typeof ScoreOutcome>;

export const VisitForSurvey = z.object({
  appointmentId: Id,
  patientId: Id,
  /** What the patient sees: their first (or preferred) name, the provider and the service. */
  patientFirstName: z.string(),
  provider: z.string().nullable(),
  service: z.string().nullable(),
  startsAt: Instant,
  answered: z.object({ score: Score, source: z.enum(scoreSources), answeredAt: Instant }).nullable(),
});

export const PatientScore = z.object({
  responseId: Id,
  score: Score,
  comment: z.string(),
  source: z.enum(scoreSources),
  answeredAt: Instant,
  appointmentId: Id,
  provider: z.string().nullable(),
  service: z.string().nullable(),
});
export type PatientScore = z.infer<typeof PatientScore>;

export const NpsRow = z.object({
  key: z.string(),
  label: z.string(),
  responses: z.number().int(),
  promoters: z.number().int(),
  passives: z.number().int(),
  detractors: z.number().int(),
  /** −100 … 100, rounded half away from zero; null without responses. */
  nps: z.number().int().nullable(),
});
export type NpsRow = z.infer<typeof NpsRow>;

export const ComplaintRow = z.object({
  id: Id,
  patientId: Id,
  patientName: z.string(),
  phone: z.string().nullable(),
  score: z.number().int().nullable(),
  comment: z.string(),
  provider: z.string().nullable(),
  service: z.string().nullable(),
  visitAt: Instant.nullable(),
  openedAt: Instant,
  slaDueAt: Instant,
  /** Open past its SLA, or resolved after it. */
  breached: z.boolean(),
  resolvedAt: Instant.nullable(),
  resolvedBy: z.string().nullable(),
  outcome: z.enum(complaintOutcomes).nullable(),
  managerNote: z.string(),
  task: z.object({ id: Id, dueAt: Instant, completedAt: Instant.nullable(), outcome: z.string().nullable(), outcomeNote: z.string() }).nullable(),
});
export type ComplaintRow = z.infer<typeof ComplaintRow>;

export const ReviewRow = z.object({
  id: Id,
  patientId: Id,
  patientName: z.string(),
  site: z.string(),
  url: z.string(),
  channel: z.enum(surveyChannels),
  requestedAt: Instant,
  /** The outbox's state of the message that asked (queued, sent, failed, notSent). */
  messageStatus: z.string(),
  /** Clicks are not knowable: the links go straight to the sites, and Lumen runs no web server to count them. */
  postedAt: Instant.nullable(),
  postedBy: z.string().nullable(),
  points: z.number().int().nullable(),
});
export type ReviewRow = z.infer<typeof ReviewRow>;

const Period = z
  .strictObject({ from: CalendarDate, to: CalendarDate })
  .refine((p) => p.from <= p.to, { message: 'The period ends before it starts', path: ['to'] })
  .refine((p) => Date.parse(p.to) - Date.parse(p.from) <= 3 * 366 * 86_400_000, { message: 'At most three years at a time', path: ['to'] });

export const satisfaction = {
  'satisfaction.settings': method({
    input: z.strictObject({}),
    output: SatisfactionSettings,
    permission: 'satisfaction.record',
    transaction: 'read',
    errors: [],
    summary: 'Satisfaction surveys: on/off, the asking window, channels, review sites, score thresholds, recovery and complaint deadlines',
  }),
  'satisfaction.saveSettings': method({
    input: SatisfactionSettingsInput,
    output: SatisfactionSettings,
    permission: 'satisfaction.manage',
    transaction: 'write',
    errors: ['invalid_input'],
    summary: 'Saves the survey settings (review sites need http(s) addresses; the recovery threshold stays below the review one); audited',
  }),
  'satisfaction.runAsk': method({
    input: z.strictObject({}),
    output: z.object({ asked: z.number().int(), unreachable: z.number().int() }),
    permission: 'satisfaction.manage',
    transaction: 'write',
    errors: ['conflict'],
    summary: 'Asks about completed visits within the window now, as the hourly job does (on the rules workstation)',
  }),
  'satisfaction.ask': method({
    input: z.strictObject({ appointmentId: Id, channel: z.enum(surveyChannels).optional() }),
    output: z.object({ requestId: Id, channel: z.enum(surveyChannels), outboxId: Id }),
    permission: 'satisfaction.record',
    transaction: 'write',
    errors: ['invalid_input', 'not_found', 'no_consent', 'conflict', 'invalid_transition'],
    summary: 'Asks a patient about one completed visit now (by the chosen channel, else the first they can be reached on); once per visit',
  }),
  'satisfaction.handTablet': method({
    input: z.strictObject({ appointmentId: Id }),
    output: z.object({ appointmentId: Id }),
    permission: 'satisfaction.record',
    transaction: 'read',
    errors: ['not_found', 'invalid_transition'],
    summary: 'Hands this screen to the patient to score a visit: until a staff member unlocks it (auth.unlock), the connection may only show and score that visit',
  }),
  'satisfaction.visit': method({
    input: z.strictObject({ appointmentId: Id }),
    output: VisitForSurvey,
    permission: 'satisfaction.record',
    transaction: 'read',
    errors: ['not_found'],
    summary: 'What the check-out tablet shows for a visit: the patient’s first name, provider and service, and a score already given',
  }),
  'satisfaction.record': method({
    input: z.strictObject({ appointmentId: Id, score: Score, comment: z.string().trim().max(2000).default(''), source: z.enum(['tablet', 'desk']) }),
    output: ScoreOutcome,
    permission: 'satisfaction.record',
    transaction: 'write',
    errors: ['invalid_input', 'not_found', 'conflict', 'invalid_transition'],
    summary: 'Records a score from 0 to 10 given on the tablet or at the desk (once per visit), then asks for a review or opens a complaint',
  }),
  'satisfaction.forPatient': method({
    input: z.strictObject({ patientId: Id, limit: z.number().int().min(1).max(50).default(5) }),
    output: z.object({ scores: z.array(PatientScore), openComplaint: z.boolean() }),
    permission: 'satisfaction.record',
    transaction: 'read',
    errors: ['not_found'],
    summary: 'A patient’s latest scores, newest first, and whether a complaint of theirs is open',
  }),
  'satisfaction.requestReview': method({
    input: z.strictObject({ patientId: Id, channel: z.enum(surveyChannels).optional() }),
    output: z.object({ sites: z.array(z.string()), channel: z.enum(surveyChannels), outboxId: Id }),
    permission: 'satisfaction.manage',
    transaction: 'write',
    errors: ['not_found', 'no_consent', 'invalid_transition'],
    summary: 'Asks a happy patient for a review by hand; refused for a latest score of 6 or lower, an open complaint, no consent or no sites',
  }),
  'satisfaction.reviews': method({
    input: z.strictObject({ status: z.enum(['waiting', 'posted', 'all']).default('waiting'), limit: z.number().int().min(1).max(500).default(100) }),
    output: z.object({ rows: z.array(ReviewRow) }),
    permission: 'satisfaction.manage',
    transaction: 'read',
    errors: [],
    summary: 'Review requests per site: asked (and the message’s state), posted and the points given; clicks are not knowable',
  }),
  'satisfaction.confirmReview': method({
    input: z.strictObject({ reviewRequestId: Id }),
    output: z.object({ postedAt: Instant, points: z.number().int() }),
    permission: 'satisfaction.manage',
    transaction: 'write',
    errors: ['not_found', 'conflict'],
    summary: 'A person confirms the review was posted on that site; the loyalty program’s review points follow (when it is on); audited',
  }),
  'satisfaction.complaints': method({
    input: z.strictObject({ status: z.enum(['open', 'resolved', 'all']).default('open'), limit: z.number().int().min(1).max(500).default(200) }),
    output: z.object({ rows: z.array(ComplaintRow), counts: z.object({ open: z.number().int(), breached: z.number().int() }) }),
    permission: 'satisfaction.manage',
    transaction: 'read',
    errors: [],
    summary: 'The complaints log: open ones by SLA due first (breaches flagged), resolved ones latest first, with the recovery task’s outcome',
  }),
  'satisfaction.resolveComplaint': method({
    input: z.strictObject({ id: Id, outcome: z.enum(complaintOutcomes), note: z.string().trim().max(4000).default('') }),
    output: ComplaintRow,
    permission: 'satisfaction.manage',
    transaction: 'write',
    errors: ['not_found', 'conflict'],
    summary: 'Resolves a complaint with its outcome and the manager’s note; audited',
  }),
  'satisfaction.nps': method({
    input: Period,
    output: z.object({ from: CalendarDate, to: CalendarDate, total: NpsRow, byMonth: z.array(NpsRow), byProvider: z.array(NpsRow), byService: z.array(NpsRow) }),
    permission: 'satisfaction.manage',
    transaction: 'read',
    errors: ['invalid_input'],
    summary: 'NPS over clinic-local days (scores given in the period), by month, by provider and by service, with the counts behind each',
  }),
  'satisfaction.posters': method({
    input: z.strictObject({ limit: z.number().int().min(1).max(500).default(200) }),
    output: z.object({
      rows: z.array(z.object({ patientId: Id, patientName: z.string(), reviews: z.number().int(), sites: z.array(z.string()), lastPostedAt: Instant, latestScore: Score.nullable() })),
    }),
    permission: 'satisfaction.manage',
    transaction: 'read',
    errors: [],
    summary: 'Positive posters: patients with confirmed reviews, most reviews first',
  }),
  'satisfaction.happyNeverReferred': method({
    input: z.strictObject({ limit: z.number().int().min(1).max(500).default(200) }),
    output: z.object({
      rows: z.array(z.object({ patientId: Id, patientName: z.string(), score: Score, answeredAt: Instant, channels: z.array(z.enum(surveyChannels)), offeredAt: Instant.nullable() })),
    }),
    permission: 'satisfaction.manage',
    transaction: 'read',
    errors: [],
    summary: 'Happy patients who never referred anyone: latest score 9 or 10, nobody referred by them, reachable with consent',
  }),
  'satisfaction.sendReferralOffer': method({
    input: z.strictObject({ patientIds: z.array(Id).min(1).max(500) }),
    output: z.object({ queued: z.number().int(), skipped: z.array(z.object({ patientId: Id, reason: z.string() })) }),
    permission: 'satisfaction.manage',
    transaction: 'write',
    errors: ['not_found'],
    summary: 'Sends the referral offer (ask at the desk for your referral card) to each patient who can be reached; once a day each; audited',
  }),
} as const;
