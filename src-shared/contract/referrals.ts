import { z } from 'zod';
import { method } from './method';
import { CalendarDate, Cents, Id, Instant, OneLineText } from './common';

/**
 * Ambassadors and referral rewards. A patient named as "referred by" another (patient.referredByPatientId) converts
 * when their first invoice with a service line is paid in full; the referrer then gets `percent` of that invoice's
 * service net (after discounts, before tax; rounded half away from zero to the minor unit) as store credit, or as
 * points (that value at the loyalty program's redeem rate, rounded down). Once per referred patient. A credit note
 * that leaves none of that invoice's service net takes the reward back (what is still unspent of it).
 */
export const rewardForms = ['points', 'storeCredit'] as const;
export type RewardForm = (typeof rewardForms)[number];

/** The usual range of the reward, shown as a hint beside the percent. */
export const USUAL_PERCENT = { from: 5, to: 15 } as const;

const BookingUrl = OneLineText.max(300).refine((text) => /^https?:\/\/[^\s/?#]+\.[^\s/?#]+/i.test(text) && URL.canParse(text), 'A web address like https://clinic.example/book');

export const ReferralSettingsInput = z.strictObject({
  enabled: z.boolean(),
  /** Percent of the referred patient's first paid treatment (its service lines' net), 0–100. */
  percent: z.number({ error: 'A whole percent from 0 to 100' }).int('A whole percent from 0 to 100').min(0, 'At least 0 %').max(100, 'At most 100 %'),
  form: z.enum(rewardForms),
  /** The clinic's online booking page: a card's QR code opens it with ?ref=CODE (none: the QR code holds the code). */
  bookingUrl: BookingUrl.nullable().default(null),
});
export type ReferralSettingsInput = z.input<typeof ReferralSettingsInput>;

export const ReferralSettings = z.object({
  enabled: z.boolean(),
  percent: z.number().int(),
  form: z.enum(rewardForms),
  bookingUrl: z.string().nullable(),
  updatedAt: Instant.nullable(),
});
export type ReferralSettings = z.infer<typeof ReferralSettings>;

/** A referral code as typed: letters and digits, with dashes or spaces anywhere (case does not matter). */
export const ReferralCodeText = OneLineText.min(4, 'Type the whole code').max(20, 'A code is at most 20 characters').regex(/^[A-Za-z0-9][A-Za-z0-9 -]*[A-Za-z0-9]$/, 'Letters and digits, like ANNA-7K3Q');

/** What the desk types to name a patient's referrer by code (the profile's form; the call adds the patient). */
export const ReferralCodeInput = z.strictObject({ code: ReferralCodeText });
export type ReferralCodeInput = z.infer<typeof ReferralCodeInput>;

const PatientRef = z.object({ id: Id, name: z.string(), number: z.string() });

export const Reward = z.object({
  id: Id,
  referred: PatientRef,
  invoiceId: Id,
  invoiceNumber: z.string(),
  form: z.enum(rewardForms),
  percent: z.number().int(),
  serviceNetCents: Cents,
  /** The reward's value (store credit given, or what the points are worth at the redeem rate when given). */
  cents: Cents,
  points: z.number().int(),
  at: Instant,
  /** Set when a credit note took it back: what was taken back (unspent store credit or points) and when. */
  reversed: z.object({ at: Instant, cents: Cents, points: z.number().int(), creditNoteNumber: z.string() }).nullable(),
});
export type Reward = z.infer<typeof Reward>;

export const PatientReferrals = z.object({
  patientId: Id,
  /** The patient's own code, null until one is made. */
  code: z.string().nullable(),
  referredBy: PatientRef.nullable(),
  /** Patients who named this one (or a record merged into it) as referrer, newest first. */
  referred: z.array(PatientRef.extend({ createdAt: Instant, converted: z.boolean() })),
  rewards: z.array(Reward),
  /** Rewards less what was taken back. */
  totalCents: Cents,
  totalPoints: z.number().int(),
});
export type PatientReferrals = z.infer<typeof PatientReferrals>;

export const ReferralCard = z.object({
  clinicName: z.string(),
  firstName: z.string(),
  code: z.string(),
  /** What the QR code holds: the booking address with ?ref=CODE when the clinic has a website, else the code. */
  qrText: z.string(),
  /** The QR code as an SVG document. */
  qrSvg: z.string(),
});
export type ReferralCard = z.infer<typeof ReferralCard>;

export const BoardInput = z
  .strictObject({ from: CalendarDate, to: CalendarDate, page: z.number().int().min(0).max(100_000).default(0), pageSize: z.number().int().min(1).max(200).default(25) })
  .refine((p) => p.from <= p.to, { message: 'The period ends before it starts', path: ['to'] });
export type BoardInput = z.input<typeof BoardInput>;

export const AmbassadorRow = z.object({
  patient: PatientRef,
  /** Patients created in the period who name this ambassador (or a record merged into them). */
  referred: z.number().int(),
  /** Of those, the ones with a paid treatment (a reward, or a service invoice paid in full) by the period's end. */
  converted: z.number().int(),
  /** Net sales (after discounts, before tax; credit notes subtracted) to all patients they referred, in the period. */
  revenueCents: Cents,
  /** Rewards given in the period less those taken back in it: value and points. */
  rewardCents: Cents,
  rewardPoints: z.number().int(),
});
export type AmbassadorRow = z.infer<typeof AmbassadorRow>;

export const AmbassadorBoard = z.object({
  from: CalendarDate,
  to: CalendarDate,
  /** Ambassadors with any figure in the period, sorted by revenue (then referred, then name). */
  rows: z.array(AmbassadorRow),
  total: z.number().int(),
  /** The ten first by revenue, whatever the page (the chart). */
  top: z.array(AmbassadorRow),
  totals: z.object({ referred: z.number().int(), converted: z.number().int(), revenueCents: Cents, rewardCents: Cents, rewardPoints: z.number().int() }),
});
export type AmbassadorBoard = z.infer<typeof AmbassadorBoard>;

export const referrals = {
  'referrals.settings': method({
    input: z.strictObject({}),
    output: ReferralSettings,
    permission: 'referrals.read',
    transaction: 'read',
    errors: [],
    summary: 'The referral program: on or off, the reward percent of a referred patient’s first paid treatment, points or store credit',
  }),
  'referrals.saveSettings': method({
    input: ReferralSettingsInput,
    output: ReferralSettings,
    permission: 'referrals.manage',
    transaction: 'write',
    errors: ['invalid_input'],
    summary: 'Saves the referral program (percent 0–100; points need the loyalty program on); audited',
  }),
  'referrals.forPatient': method({
    input: z.strictObject({ patientId: Id }),
    output: PatientReferrals,
    permission: 'referrals.read',
    transaction: 'read',
    errors: ['invalid_input', 'not_found'],
    summary: 'A patient’s referral code, who referred them, whom they referred (converted or not) and their rewards',
  }),
  'referrals.code': method({
    input: z.strictObject({ patientId: Id }),
    output: z.object({ code: z.string() }),
    permission: 'patients.write',
    transaction: 'write',
    errors: ['invalid_input', 'not_found', 'invalid_transition'],
    summary: 'The patient’s referral code, made on first ask (readable, unique, never changes); audited when made',
  }),
  'referrals.lookupCode': method({
    input: ReferralCodeInput,
    output: z.object({ referrer: PatientRef }),
    permission: 'patients.read',
    transaction: 'read',
    errors: ['invalid_input', 'not_found'],
    summary: 'The ambassador a typed referral code names (the new-patient form sets them as referrer); unknown code: not_found',
  }),
  'referrals.applyCode': method({
    input: ReferralCodeInput.extend({ patientId: Id }),
    output: z.object({ referredBy: PatientRef }),
    permission: 'patients.write',
    transaction: 'write',
    errors: ['invalid_input', 'not_found', 'conflict'],
    summary: 'Names the holder of a referral code as the patient’s referrer (unknown code, own code or a different referrer already set: refused); audited',
  }),
  'referrals.card': method({
    input: z.strictObject({ patientId: Id }),
    output: ReferralCard,
    permission: 'referrals.read',
    transaction: 'read',
    errors: ['invalid_input', 'not_found'],
    summary: 'What a printed referral card shows: clinic, the ambassador’s first name, the code and its QR code',
  }),
  'referrals.board': method({
    input: BoardInput,
    output: AmbassadorBoard,
    permission: 'reports.read',
    transaction: 'read',
    errors: ['invalid_input'],
    summary: 'Ambassador board: per referrer over a period, patients referred and converted, their revenue, rewards; by revenue, paged',
  }),
} as const;
