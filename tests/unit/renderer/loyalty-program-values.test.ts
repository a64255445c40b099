import { describe, expect, it } from 'vitest';
import { LoyaltySettingsInput, type LoyaltySettings } from '../../../src-shared/contract/loyalty';
import { readSignedPoints, signedPoints } from '../../../src-renderer/features/loyalty/labels';
import { nextTier, programInput, ProgramSchema, programValues } from '../../../src-renderer/features/loyalty/programValues';

// Written without the referral reward, which moves to the referrals program.
const saved = {
  enabled: true,
  pointsPerUnit: 1,
  categoryMultipliers: [{ categoryId: 3, percent: 200 }],
  redeemPoints: 100,
  redeemCents: 500,
  minimumRedeemPoints: 50,
  expiryMonths: 24,
  tiers: [
    { name: 'Silver', thresholdPoints: 0, discountPercent: 0, categoryIds: [], birthdayPoints: 50 },
    { name: 'Gold', thresholdPoints: 1000, discountPercent: 5, categoryIds: [3, 4], birthdayPoints: 100 },
  ],
  reviewPoints: 25,
  updatedAt: '2026-11-30T10:00:00.000Z',
} as LoyaltySettings;

const issuesOf = (values: ReturnType<typeof programValues>) => {
  const parsed = ProgramSchema.safeParse(programInput(values, 'EUR'));
  return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('the loyalty program form', () => {
  it('saves what it was given, as the contract reads it, without the referral reward (referrals have their own program)', () => {
    const values = programValues(saved, 'EUR');
    expect(values.redeemCents).toBe('5.00');
    const input = ProgramSchema.parse(programInput(values, 'EUR'));
    expect(input).not.toHaveProperty('referralPoints');
    const { updatedAt: _u, ...rules } = saved;
    expect(LoyaltySettingsInput.parse(input)).toMatchObject(rules);
  });

  it('says what to type beside a field it cannot read, and refuses a percent above 100 and an unchosen category', () => {
    const values = programValues(saved, 'EUR');
    values.pointsPerUnit = 'one';
    values.redeemCents = '5,00 euros';
    values.tiers[1].discountPercent = '120';
    values.categoryMultipliers.push({ categoryId: '', percent: '150' });
    expect(issuesOf(values)).toEqual([
      'pointsPerUnit: A whole number of points',
      'categoryMultipliers.1.categoryId: Choose a category',
      'redeemCents: An amount like 5.00',
      'tiers.1.discountPercent: Too big: expected number to be <=100',
    ]);
  });

  it('starts a new tier at 0, and the next one above the last threshold so the order stays increasing', () => {
    expect(nextTier([]).thresholdPoints).toBe('0');
    expect(nextTier(programValues(saved, 'EUR').tiers).thresholdPoints).toBe('1500');
  });
});

describe('points as a person types and reads them', () => {
  it('reads +50, -20, −20 and 20, and nothing else', () => {
    expect(['+50', '-20', '−20', ' 20 ', '- 5'].map(readSignedPoints)).toEqual([50, -20, -20, 20, -5]);
    expect(['', 'ten', '2.5', '+-3', '1e3'].map(readSignedPoints).every(Number.isNaN)).toBe(true);
  });

  it('writes a change with its sign', () => {
    expect([5, -40, 0].map(signedPoints)).toEqual(['+5', '−40', '0']);
  });
});
