import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pointsPaying, valueOfPoints } from '../../../src-shared/loyalty';

describe('what points pay', () => {
  it('pays 100 points = 5.00 and rounds a part-cent down', () => {
    const rate = { redeemPoints: 100, redeemCents: 500 };
    expect(valueOfPoints(rate, 200)).toBe(1000);
    expect(valueOfPoints(rate, 1)).toBe(5);
    expect(valueOfPoints({ redeemPoints: 3, redeemCents: 1 }, 5)).toBe(1);
  });

  it('finds the most points that pay no more than what is left: 160.00 takes 3,200 points at 100 = 5.00', () => {
    expect(pointsPaying({ redeemPoints: 100, redeemCents: 500 }, 16_000)).toBe(3200);
    expect(pointsPaying({ redeemPoints: 100, redeemCents: 500 }, 0)).toBe(0);
  });

  it('never offers points that pay more than is left, and one point more would', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000 }), fc.integer({ min: 1, max: 100_000 }), fc.integer({ min: 0, max: 10_000_000 }), (redeemPoints, redeemCents, cents) => {
        const rate = { redeemPoints, redeemCents };
        const most = pointsPaying(rate, cents);
        expect(valueOfPoints(rate, most)).toBeLessThanOrEqual(cents);
        expect(valueOfPoints(rate, most + 1)).toBeGreaterThan(cents);
      }),
    );
  });
});
