import type { RewardForm } from '../../src-shared/contract/referrals';
import { divRound } from '../../src-shared/money';
import { cached } from '../core/db';
import type { HandlerContext } from '../core/registry';
import type { ReferralRewardTable } from '../core/schema-referrals';
import { awardPoints, availablePoints, loyaltyProgramOf } from '../loyalty/index';
import { survivorOf } from './codes';
import { referralProgramOf } from './program';
import {
  EARLIER_TREATMENT_SQL,
  INSERT_REWARD_SQL,
  INSERT_STORED_VALUE_SQL,
  REWARD_INVOICE_SQL,
  REWARDED_SQL,
  SERVICE_NET_LEFT_SQL,
  STORED_VALUE_BALANCE_SQL,
} from './queries';

/** The reward of a service net at a percent: half away from zero, to the minor unit. */
export const rewardCents = (serviceNetCents: number, percent: number): number => divRound(serviceNetCents * percent, 100);

/** What a value buys in points at the program's redeem rate (`redeemPoints` pay `redeemCents`), rounded down. */
export const pointsWorth = (cents: number, rate: { redeemPoints: number; redeemCents: number }): number => Math.floor((cents * rate.redeemPoints) / rate.redeemCents);

function insertReward(ctx: HandlerContext, row: Omit<ReferralRewardTable, 'id' | 'at' | 'by'>): number {
  const id = ctx.newId('referralReward');
  cached(ctx.sqlite, INSERT_REWARD_SQL).run({ ...row, id, at: ctx.now.toISOString(), by: ctx.session?.staffId ?? null });
  return id;
}

function addStoredValue(ctx: HandlerContext, patientId: number, amountCents: number, creditNoteId: number | null, note: string): number {
  const id = ctx.newId('storedValueEntry');
  cached(ctx.sqlite, INSERT_STORED_VALUE_SQL).run(id, patientId, amountCents, creditNoteId, note, ctx.now.toISOString(), ctx.session?.staffId ?? null);
  return id;
}

interface PaidInvoice { id: number; number: string | null; patientId: number | null; referrerId: number | null; referredName: string; serviceNetCents: number }

/**
 * Checkout calls this when an invoice is paid in full. The referred patient's first invoice with a service line paid
 * in full rewards their referrer once: `percent` of its service net as store credit, or as points worth that value
 * (store credit while the loyalty program is off). No reward for a referrer who is archived, or the patient themself
 * after a merge; none while the program is off, nor later (it was not the first paid treatment then).
 */
export async function onInvoicePaid(ctx: HandlerContext, invoiceId: number): Promise<void> {
  const program = referralProgramOf(ctx.sqlite);
  if (!program.enabled) return;
  const invoice = cached(ctx.sqlite, REWARD_INVOICE_SQL).get(invoiceId) as PaidInvoice | undefined;
  if (!invoice || invoice.patientId === null || invoice.referrerId === null || invoice.serviceNetCents <= 0) return;
  const patientId = invoice.patientId;
  if (cached(ctx.sqlite, REWARDED_SQL).get({ patientId })) return;
  if (cached(ctx.sqlite, EARLIER_TREATMENT_SQL).get({ patientId, invoiceId })) return;
  const referrer = survivorOf(ctx.sqlite, invoice.referrerId);
  if (referrer.archived || referrer.id === patientId) return;

  const cents = rewardCents(invoice.serviceNetCents, program.percent);
  const loyalty = loyaltyProgramOf(ctx.sqlite);
  const form: RewardForm = program.form === 'points' && loyalty.enabled ? 'points' : 'storeCredit';
  const points = form === 'points' ? pointsWorth(cents, loyalty) : 0;
  const note = `Referral of ${invoice.referredName} (${invoice.number ?? ''}, ${program.percent} %)${program.form === 'points' && form !== 'points' ? ': store credit, the loyalty program is off' : ''}`;
  const storedValueEntryId = form === 'storeCredit' && cents > 0 ? addStoredValue(ctx, referrer.id, cents, null, note) : null;
  const pointsEntryId = points > 0 ? (await awardPoints(ctx, { patientId: referrer.id, kind: 'referral', points, note, refs: { dedupeKey: `referral:${patientId}` } })).entryId : null;
  const id = insertReward(ctx, { kind: 'reward', referrerId: referrer.id, referredId: patientId, invoiceId, creditNoteId: null, form, percent: program.percent, serviceNetCents: invoice.serviceNetCents, cents, points, storedValueEntryId, pointsEntryId, note });
  ctx.audit({
    action: 'create',
    entity: 'referralReward',
    entityId: id,
    summary: `Referral reward to patient ${referrer.id}: ${form === 'points' ? `${points} points` : `${cents} (minor units) store credit`} for ${invoice.referredName}'s ${invoice.number}`,
    details: { referrerId: referrer.id, referredId: patientId, invoiceId, form, percent: program.percent, serviceNetCents: invoice.serviceNetCents, cents, points },
  });
}

/**
 * Checkout calls this after a credit note. When the rewarded invoice bills no service net any more (refunded in full),
 * the reward is taken back once: as much of it as the referrer has not spent (store credit balance, or points usable
 * today); the rest stays spent and the reversal's note says so. A partial refund leaves the reward as it was.
 */
export async function onCreditNote(ctx: HandlerContext, invoiceId: number, creditNoteId: number, creditNoteNumber: string): Promise<void> {
  const reward = ctx.sqlite.prepare("SELECT * FROM referralReward WHERE invoiceId = ? AND kind = 'reward'").get(invoiceId) as ReferralRewardTable | undefined;
  if (!reward || (reward.cents === 0 && reward.points === 0)) return;
  if (ctx.sqlite.prepare("SELECT 1 FROM referralReward WHERE referredId = ? AND kind = 'reversal'").get(reward.referredId)) return;
  if ((cached(ctx.sqlite, SERVICE_NET_LEFT_SQL).pluck().get(invoiceId) as number) > 0) return;
  const holder = survivorOf(ctx.sqlite, reward.referrerId).id;
  let cents: number;
  let points = 0;
  let storedValueEntryId: number | null = null;
  let pointsEntryId: number | null = null;
  let note = `${creditNoteNumber}: reward taken back`;
  if (reward.form === 'storeCredit') {
    cents = Math.min(reward.cents, cached(ctx.sqlite, STORED_VALUE_BALANCE_SQL).pluck().get(holder) as number);
    if (cents < reward.cents) note += `, ${reward.cents - cents} (minor units) already spent`;
    if (cents > 0) storedValueEntryId = addStoredValue(ctx, holder, -cents, creditNoteId, note);
  } else {
    points = Math.min(reward.points, availablePoints(ctx, holder));
    if (points < reward.points) note += `, ${reward.points - points} points already spent`;
    if (points > 0) pointsEntryId = (await awardPoints(ctx, { patientId: holder, kind: 'adjustment', points: -points, note })).entryId;
    cents = divRound(reward.cents * points, reward.points);
  }
  const id = insertReward(ctx, { ...reward, kind: 'reversal', referrerId: holder, creditNoteId, cents: -cents, points: -points, storedValueEntryId, pointsEntryId, note });
  ctx.audit({ action: 'create', entity: 'referralReward', entityId: id, summary: `Referral reward taken back from patient ${holder}: ${note}`, details: { rewardId: reward.id, creditNoteId, cents, points } });
}
