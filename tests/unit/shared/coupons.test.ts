import { describe, expect, it } from 'vitest';
import { couponEligibility } from '../../../src-shared/checkout/coupons';

describe('coupon eligibility', () => {
  const lines = [
    { serviceId: 1, categoryId: 10 },
    { serviceId: 2, categoryId: 20 },
    { serviceId: null, categoryId: null, sellsValue: true },
  ];

  it('takes the lines of its services or categories, or every line when it names neither', () => {
    expect(couponEligibility({ serviceIds: [2], categoryIds: [] }, lines)).toEqual([false, true, false]);
    expect(couponEligibility({ serviceIds: [], categoryIds: [10] }, lines)).toEqual([true, false, false]);
    expect(couponEligibility({ serviceIds: [], categoryIds: [] }, lines.slice(0, 2))).toEqual([true, true]);
  });

  it('never takes a gift card or a top-up down, even when it applies to every line', () => {
    expect(couponEligibility({ serviceIds: [], categoryIds: [] }, lines)).toEqual([true, true, false]);
  });
});
