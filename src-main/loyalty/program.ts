import { z } from 'zod';
import { type LoyaltySettings, LoyaltySettingsInput, type TierBenefits } from '../../src-shared/contract/loyalty';
import { fieldError } from '../../src-shared/errors';
import { addCalendarMonths, localDate } from '../../src-shared/time';
import { cached, type Sqlite } from '../core/db';
import type { HandlerContext, HandlerMap } from '../core/registry';
import type { LoyaltyProgramTable } from '../core/schema-loyalty';

/** A clinic that never saved its program: switched off, one point per currency unit, 100 points pay 5.00. */
const DEFAULTS: LoyaltySettings = {
  enabled: false,
  pointsPerUnit: 1,
  categoryMultipliers: [],
  redeemPoints: 100,
  redeemCents: 500,
  minimumRedeemPoints: 0,
  expiryMonths: 0,
  tiers: [],
  reviewPoints: 0,
  updatedAt: null,
};

/**
 * A JSON column read back through its schema, the last text's value kept: every sale reads the program twice (the
 * member discount, the points earned), and parsing the same text again was a measurable part of a checkout whose ratio
 * to its SQL floor missed its target (issue 15). Callers only read the value.
 */
function parsedColumn<T>(schema: z.ZodType<T>): (text: string) => T {
  let last: { text: string; value: T } | null = null;
  return (text) => {
    if (last?.text !== text) last = { text, value: schema.parse(JSON.parse(text)) };
    return last.value;
  };
}

const multipliersOf = parsedColumn(LoyaltySettingsInput.shape.categoryMultipliers);
const tiersOf = parsedColumn(LoyaltySettingsInput.shape.tiers);

export const PROGRAM_SQL = 'SELECT * FROM loyaltyProgram WHERE id = 1';

/** The program as saved (its JSON read back through the contract's schemas), or the defaults. */
export function programOf(sqlite: Sqlite): LoyaltySettings {
  const row = cached(sqlite, PROGRAM_SQL).get() as LoyaltyProgramTable | undefined;
  if (!row) return DEFAULTS;
  return {
    enabled: row.enabled === 1,
    pointsPerUnit: row.pointsPerUnit,
    categoryMultipliers: multipliersOf(row.categoryMultipliers),
    redeemPoints: row.redeemPoints,
    redeemCents: row.redeemCents,
    minimumRedeemPoints: row.minimumRedeemPoints,
    expiryMonths: row.expiryMonths,
    tiers: tiersOf(row.tiers),
    reviewPoints: row.reviewPoints,
    updatedAt: row.updatedAt,
  };
}

/** The highest tier whose threshold the points reach, and the one after it. */
export function tierOf(program: Pick<LoyaltySettings, 'tiers'>, earned12Months: number): { tier: TierBenefits | null; next: TierBenefits | null } {
  let tier: TierBenefits | null = null;
  for (const candidate of program.tiers) {
    if (earned12Months < candidate.thresholdPoints) return { tier, next: candidate };
    tier = candidate;
  }
  return { tier, next: null };
}

/** The last clinic-local day points credited now can be used: the same date `expiryMonths` later (null: never). */
export function expiryOfCredit(program: Pick<LoyaltySettings, 'expiryMonths'>, now: Date, timeZone: string): string | null {
  return program.expiryMonths === 0 ? null : addCalendarMonths(localDate(now.toISOString(), timeZone), program.expiryMonths);
}

async function checkCategories(ctx: HandlerContext, ids: number[], field: (i: number) => string): Promise<void> {
  if (!ids.length) return;
  const known = new Set((await ctx.db.selectFrom('serviceCategory').select('id').where('id', 'in', ids).execute()).map((c) => c.id));
  const missing = ids.findIndex((id) => !known.has(id));
  if (missing >= 0) throw fieldError('not_found', 'There is no such category.', field(missing));
}

type Input = z.output<typeof LoyaltySettingsInput>;

async function validate(ctx: HandlerContext, input: Input): Promise<void> {
  const seen = new Set<number>();
  for (const [i, m] of input.categoryMultipliers.entries()) {
    if (seen.has(m.categoryId)) throw fieldError('invalid_input', 'This category is listed twice.', `categoryMultipliers.${i}.categoryId`);
    seen.add(m.categoryId);
  }
  await checkCategories(ctx, input.categoryMultipliers.map((m) => m.categoryId), (i) => `categoryMultipliers.${i}.categoryId`);
  const names = new Set<string>();
  for (const [i, tier] of input.tiers.entries()) {
    if (i > 0 && tier.thresholdPoints <= input.tiers[i - 1].thresholdPoints) {
      throw fieldError('invalid_input', `Each tier needs more points than the one before (${input.tiers[i - 1].name}: ${input.tiers[i - 1].thresholdPoints}).`, `tiers.${i}.thresholdPoints`);
    }
    if (names.has(tier.name.toLowerCase())) throw fieldError('invalid_input', 'Two tiers have this name.', `tiers.${i}.name`);
    names.add(tier.name.toLowerCase());
    await checkCategories(ctx, tier.categoryIds, (j) => `tiers.${i}.categoryIds.${j}`);
  }
}

export const programHandlers: HandlerMap<'loyalty.settings' | 'loyalty.saveSettings'> = {
  'loyalty.settings': (_input, ctx) => programOf(ctx.sqlite),

  'loyalty.saveSettings': async (input, ctx) => {
    await validate(ctx, input);
    const row = {
      id: 1,
      enabled: input.enabled ? (1 as const) : (0 as const),
      pointsPerUnit: input.pointsPerUnit,
      categoryMultipliers: JSON.stringify(input.categoryMultipliers),
      redeemPoints: input.redeemPoints,
      redeemCents: input.redeemCents,
      minimumRedeemPoints: input.minimumRedeemPoints,
      expiryMonths: input.expiryMonths,
      tiers: JSON.stringify(input.tiers),
      reviewPoints: input.reviewPoints,
      updatedAt: ctx.now.toISOString(),
      updatedBy: ctx.session?.staffId ?? null,
    };
    const { id: _id, ...changes } = row;
    await ctx.db.insertInto('loyaltyProgram').values(row).onConflict((oc) => oc.column('id').doUpdateSet(changes)).execute();
    ctx.audit({ action: 'update', entity: 'loyaltyProgram', entityId: 1, summary: `Saved the loyalty program (${input.enabled ? 'on' : 'off'})`, details: input });
    return programOf(ctx.sqlite);
  },
};
