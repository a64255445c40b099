import type { promotions } from '../../src-shared/contract/promotions';
import type { HandlerMap } from '../core/registry';
import { approvalHandlers } from './approval';
import { couponHandlers } from './coupons';
import { dealHandlers } from './deals';

/** Promotions: campaigns and coupons, discount limits and approvals, deal status and arrears. */
export const promotionsHandlers: HandlerMap<keyof typeof promotions> = {
  ...couponHandlers,
  ...approvalHandlers,
  ...dealHandlers,
};

// What checkout calls while a sale is drafted, issued, taken back or voided, and what other domains read.
export { requireDiscountApproval } from './approval';
export { checkCouponAgainstTotals, couponOfInvoice, type DraftCoupon, redeemCoupon, resolveDraftCoupon, reverseCouponRedemption } from './redeem';
export { dealCounts, dealStatusOf, owedCents } from './deals';
