import QRCode from 'qrcode';
import type { PatientReferrals, Reward } from '../../src-shared/contract/referrals';
import { fieldError, LumenError } from '../../src-shared/errors';
import type { HandlerContext, HandlerMap } from '../core/registry';
import { codeOf, ensureCode, holderOfCode, survivorOf } from './codes';
import { referralProgramOf } from './program';
import { FAMILY_CTE, PAID_TREATMENT } from './queries';

interface PatientRow { id: number; number: string; firstName: string; lastName: string; preferredName: string | null; referredByPatientId: number | null; mergedIntoId: number | null }

function patientRow(ctx: HandlerContext, patientId: number): PatientRow {
  const row = ctx.sqlite.prepare('SELECT id, number, firstName, lastName, preferredName, referredByPatientId, mergedIntoId FROM patient WHERE id = ?').get(patientId) as PatientRow | undefined;
  if (!row) throw fieldError('not_found', 'No such patient.', 'patientId');
  return row;
}

const refOf = (row: Pick<PatientRow, 'id' | 'number' | 'firstName' | 'lastName'>) => ({ id: row.id, number: row.number, name: `${row.firstName} ${row.lastName}` });

/** Rewards for the patient or a record merged into them, newest first, each with its reversal. */
const REWARDS_SQL = `${FAMILY_CTE}
  SELECT r.id, r.invoiceId, i.number AS invoiceNumber, r.form, r.percent, r.serviceNetCents, r.cents, r.points, r.at,
      p.id AS referredId, p.number AS referredNumber, p.firstName, p.lastName,
      v.at AS reversedAt, v.cents AS reversedCents, v.points AS reversedPoints, c.number AS creditNoteNumber
    FROM referralReward r JOIN invoice i ON i.id = r.invoiceId JOIN patient p ON p.id = r.referredId
      LEFT JOIN referralReward v ON v.referredId = r.referredId AND v.kind = 'reversal' LEFT JOIN creditNote c ON c.id = v.creditNoteId
    WHERE r.kind = 'reward' AND r.referrerId IN family ORDER BY r.at DESC, r.id DESC`;

/** Patients naming the patient (or a record merged into them) as referrer, and whether they paid a treatment. */
const REFERRED_SQL = `${FAMILY_CTE}
  SELECT p.id, p.number, p.firstName, p.lastName, p.createdAt,
      EXISTS (SELECT 1 FROM invoice i WHERE i.patientId = p.id AND ${PAID_TREATMENT}) AS converted
    FROM patient p WHERE p.referredByPatientId IN family AND p.mergedIntoId IS NULL ORDER BY p.createdAt DESC, p.id DESC`;

interface RewardRow { id: number; invoiceId: number; invoiceNumber: string; form: Reward['form']; percent: number; serviceNetCents: number; cents: number; points: number; at: string; referredId: number; referredNumber: string; firstName: string; lastName: string; reversedAt: string | null; reversedCents: number | null; reversedPoints: number | null; creditNoteNumber: string | null }

function referralsOf(ctx: HandlerContext, patientId: number): PatientReferrals {
  const patient = patientRow(ctx, patientId);
  const referrer = patient.referredByPatientId === null ? null : patientRow(ctx, survivorOf(ctx.sqlite, patient.referredByPatientId).id);
  const rewards: Reward[] = (ctx.sqlite.prepare(REWARDS_SQL).all({ patientId }) as RewardRow[]).map((r) => ({
    id: r.id,
    referred: { id: r.referredId, number: r.referredNumber, name: `${r.firstName} ${r.lastName}` },
    invoiceId: r.invoiceId,
    invoiceNumber: r.invoiceNumber,
    form: r.form,
    percent: r.percent,
    serviceNetCents: r.serviceNetCents,
    cents: r.cents,
    points: r.points,
    at: r.at,
    reversed: r.reversedAt === null ? null : { at: r.reversedAt, cents: 0 - (r.reversedCents ?? 0), points: 0 - (r.reversedPoints ?? 0), creditNoteNumber: r.creditNoteNumber ?? '' },
  }));
  const referred = (ctx.sqlite.prepare(REFERRED_SQL).all({ patientId }) as (PatientRow & { createdAt: string; converted: 0 | 1 })[]).map((p) => ({ ...refOf(p), createdAt: p.createdAt, converted: p.converted === 1 }));
  return {
    patientId,
    code: codeOf(ctx.sqlite, patientId),
    referredBy: referrer && refOf(referrer),
    referred,
    rewards,
    totalCents: rewards.reduce((sum, r) => sum + r.cents - (r.reversed?.cents ?? 0), 0),
    totalPoints: rewards.reduce((sum, r) => sum + r.points - (r.reversed?.points ?? 0), 0),
  };
}

export const patientHandlers: HandlerMap<'referrals.forPatient' | 'referrals.code' | 'referrals.lookupCode' | 'referrals.applyCode' | 'referrals.card'> = {
  'referrals.forPatient': ({ patientId }, ctx) => referralsOf(ctx, patientId),

  'referrals.code': ({ patientId }, ctx) => ({ code: ensureCode(ctx, patientId) }),

  'referrals.lookupCode': ({ code }, ctx) => ({ referrer: refOf(patientRow(ctx, holderOfCode(ctx.sqlite, code, 'code'))) }),

  'referrals.applyCode': async ({ patientId, code }, ctx) => {
    const patient = patientRow(ctx, patientId);
    if (patient.mergedIntoId !== null) throw new LumenError('invalid_transition', 'This record was merged into another; enter the code on the kept record.');
    const holder = holderOfCode(ctx.sqlite, code, 'code');
    if (holder === patientId) throw fieldError('invalid_input', 'This is the patient’s own code: a patient cannot refer themselves.', 'code');
    const referrer = patientRow(ctx, holder);
    if (patient.referredByPatientId !== null) {
      if (survivorOf(ctx.sqlite, patient.referredByPatientId).id === holder) return { referredBy: refOf(referrer) };
      const named = patientRow(ctx, patient.referredByPatientId);
      throw fieldError('conflict', `Already referred by ${named.firstName} ${named.lastName}; change the referrer on the patient’s details if that is wrong.`, 'code');
    }
    await ctx.db.updateTable('patient').set({ referredByPatientId: holder, updatedAt: ctx.now.toISOString() }).where('id', '=', patientId).execute();
    ctx.audit({ action: 'update', entity: 'patient', entityId: patientId, summary: `Referred by ${referrer.number} ${referrer.firstName} ${referrer.lastName} (code ${code})`, details: { referredByPatientId: holder, code } });
    return { referredBy: refOf(referrer) };
  },

  'referrals.card': async ({ patientId }, ctx) => {
    const patient = patientRow(ctx, patientId);
    const code = codeOf(ctx.sqlite, patientId);
    if (!code) throw fieldError('not_found', 'This patient has no referral code yet.', 'patientId');
    const { bookingUrl } = referralProgramOf(ctx.sqlite);
    let qrText = code;
    if (bookingUrl) {
      const url = new URL(bookingUrl);
      url.searchParams.set('ref', code);
      qrText = url.toString();
    }
    const qrSvg = await QRCode.toString(qrText, { type: 'svg', margin: 0, errorCorrectionLevel: 'M' });
    return { clinicName: ctx.clinic().name, firstName: patient.preferredName ?? patient.firstName, code, qrText, qrSvg };
  },
};
