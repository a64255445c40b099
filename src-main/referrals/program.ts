import type { ReferralSettings } from '../../src-shared/contract/referrals';
import { fieldError } from '../../src-shared/errors';
import { cached, type Sqlite } from '../core/db';
import type { HandlerMap } from '../core/registry';
import { loyaltyProgramOf } from '../loyalty/index';
import type { ReferralProgramTable } from '../core/schema-referrals';

/** A clinic that never saved its program: off, 10 % of the first paid treatment as store credit. */
const DEFAULTS: ReferralSettings = { enabled: false, percent: 10, form: 'storeCredit', bookingUrl: null, updatedAt: null };

export const PROGRAM_SQL = 'SELECT * FROM referralProgram WHERE id = 1';

export function referralProgramOf(sqlite: Sqlite): ReferralSettings {
  const row = cached(sqlite, PROGRAM_SQL).get() as ReferralProgramTable | undefined;
  if (!row) return DEFAULTS;
  return { enabled: row.enabled === 1, percent: row.percent, form: row.form, bookingUrl: row.bookingUrl, updatedAt: row.updatedAt };
}

export const programHandlers: HandlerMap<'referrals.settings' | 'referrals.saveSettings'> = {
  'referrals.settings': (_input, ctx) => referralProgramOf(ctx.sqlite),

  'referrals.saveSettings': async (input, ctx) => {
    // Points are worth something only through the loyalty program; a reward in points while it is off would be lost.
    if (input.enabled && input.form === 'points' && !loyaltyProgramOf(ctx.sqlite).enabled) {
      throw fieldError('invalid_input', 'Rewards in points need the loyalty program switched on; choose store credit or switch loyalty on first.', 'form');
    }
    const row: ReferralProgramTable = {
      id: 1,
      enabled: input.enabled ? 1 : 0,
      percent: input.percent,
      form: input.form,
      bookingUrl: input.bookingUrl,
      updatedAt: ctx.now.toISOString(),
      updatedBy: ctx.session?.staffId ?? null,
    };
    const { id: _id, ...changes } = row;
    const before = referralProgramOf(ctx.sqlite);
    await ctx.db.insertInto('referralProgram').values(row).onConflict((oc) => oc.column('id').doUpdateSet(changes)).execute();
    ctx.audit({
      action: 'update',
      entity: 'referralProgram',
      entityId: 1,
      summary: `Saved the referral program (${input.enabled ? 'on' : 'off'}: ${input.percent} % as ${input.form === 'points' ? 'points' : 'store credit'})`,
      details: { before, after: input },
    });
    return referralProgramOf(ctx.sqlite);
  },
};
