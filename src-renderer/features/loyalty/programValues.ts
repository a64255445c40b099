import { z } from 'zod';
import type { Category } from '../../../src-shared/contract/catalog';
import { LoyaltySettingsInput, Tier, type LoyaltySettings } from '../../../src-shared/contract/loyalty';
import { centsToInput, inputToCents, readWhole } from '../../lib/format';
import { readFromText } from '../settings/readFromText';

/** The loyalty program as the form holds it: numbers as typed text, category ids as the selects' and boxes' strings. */
export interface TierValues {
  name: string;
  thresholdPoints: string;
  discountPercent: string;
  categoryIds: string[];
  birthdayPoints: string;
}

export interface ProgramValues {
  enabled: boolean;
  pointsPerUnit: string;
  categoryMultipliers: { categoryId: string; percent: string }[];
  redeemPoints: string;
  redeemCents: string;
  minimumRedeemPoints: string;
  expiryMonths: string;
  tiers: TierValues[];
  reviewPoints: string;
}

const whole = 'A whole number';
const points = 'A whole number of points';
const number = <T extends z.ZodType<unknown, number>>(field: T, message = whole) => readFromText(field, message);
const unwrapped = <T extends z.ZodType<unknown, number>>(field: z.ZodDefault<T>) => field.unwrap();

const s = LoyaltySettingsInput.shape;
const FormTier = Tier.extend({
  thresholdPoints: number(Tier.shape.thresholdPoints, points),
  discountPercent: number(unwrapped(Tier.shape.discountPercent), 'A whole percentage, 0 to 100'),
  birthdayPoints: number(unwrapped(Tier.shape.birthdayPoints), points),
});
const Multiplier = s.categoryMultipliers.unwrap().element;

/**
 * The contract's input with the numbers read from text (each refusal says what to type beside its field). Only the
 * fields this form shows: the referral reward belongs to the referrals program, not to this form.
 */
export const ProgramSchema = LoyaltySettingsInput.pick({ enabled: true }).extend({
  pointsPerUnit: number(s.pointsPerUnit, points),
  categoryMultipliers: z.array(Multiplier.extend({ categoryId: z.number({ error: 'Choose a category' }).pipe(Multiplier.shape.categoryId), percent: number(Multiplier.shape.percent, 'A whole percentage (200 = double)') })).max(200),
  redeemPoints: number(s.redeemPoints, points),
  redeemCents: number(s.redeemCents, 'An amount like 5.00'),
  minimumRedeemPoints: number(unwrapped(s.minimumRedeemPoints), points),
  expiryMonths: number(s.expiryMonths, 'A whole number of months (0: never)'),
  tiers: z.array(FormTier).max(10),
  reviewPoints: number(unwrapped(s.reviewPoints), points),
});
export type ProgramInput = z.output<typeof ProgramSchema>;

const text = (n: number) => String(n);

/** Inactive categories are listed too, marked, so a saved rule that names one keeps it. */
export const categoryLabel = (c: Pick<Category, 'name' | 'active'>) => (c.active ? c.name : `${c.name} (inactive)`);

export function programValues(p: LoyaltySettings, currency: string): ProgramValues {
  return {
    enabled: p.enabled,
    pointsPerUnit: text(p.pointsPerUnit),
    categoryMultipliers: p.categoryMultipliers.map((m) => ({ categoryId: text(m.categoryId), percent: text(m.percent) })),
    redeemPoints: text(p.redeemPoints),
    redeemCents: centsToInput(p.redeemCents, currency),
    minimumRedeemPoints: text(p.minimumRedeemPoints),
    expiryMonths: text(p.expiryMonths),
    tiers: p.tiers.map((t) => ({ name: t.name, thresholdPoints: text(t.thresholdPoints), discountPercent: text(t.discountPercent), categoryIds: t.categoryIds.map(text), birthdayPoints: text(t.birthdayPoints) })),
    reviewPoints: text(p.reviewPoints),
  };
}

/** A select left at "Choose…" is NaN, which the schema refuses beside it. */
const categoryId = (value: string) => (value ? Number(value) : NaN);

export function programInput(v: ProgramValues, currency: string): z.input<typeof ProgramSchema> {
  return {
    enabled: v.enabled,
    pointsPerUnit: readWhole(v.pointsPerUnit),
    categoryMultipliers: v.categoryMultipliers.map((m) => ({ categoryId: categoryId(m.categoryId), percent: readWhole(m.percent) })),
    redeemPoints: readWhole(v.redeemPoints),
    redeemCents: inputToCents(v.redeemCents, currency) ?? NaN,
    minimumRedeemPoints: readWhole(v.minimumRedeemPoints),
    expiryMonths: readWhole(v.expiryMonths),
    tiers: v.tiers.map((t) => ({ name: t.name, thresholdPoints: readWhole(t.thresholdPoints), discountPercent: readWhole(t.discountPercent), categoryIds: t.categoryIds.map(Number), birthdayPoints: readWhole(t.birthdayPoints) })),
    reviewPoints: readWhole(v.reviewPoints),
  };
}

/** A new tier goes above the last one: a higher threshold, so the list stays in increasing order. */
export function nextTier(tiers: readonly TierValues[]): TierValues {
  const last = readWhole(tiers.at(-1)?.thresholdPoints ?? '');
  return { name: '', thresholdPoints: tiers.length === 0 ? '0' : Number.isNaN(last) ? '' : String(last + 500), discountPercent: '0', categoryIds: [], birthdayPoints: '0' };
}
