import type { reportsSales } from '../../../src-shared/contract/reports-sales';
import type { HandlerMap } from '../../core/registry';
import { byCategoryHandlers } from './by-category';
import { byProviderHandlers } from './by-provider';
import { couponRoiHandlers } from './coupon-roi';
import { referralRoiHandlers } from './referral-roi';
import { rowsHandlers } from './rows';
import { salesSettingsHandlers } from './settings';

/** Sales reports: by category, by provider, coupon and referral ROI, the rows behind their figures, and their setting. */
export const reportSalesHandlers: HandlerMap<keyof typeof reportsSales> = {
  ...byCategoryHandlers,
  ...byProviderHandlers,
  ...couponRoiHandlers,
  ...referralRoiHandlers,
  ...rowsHandlers,
  ...salesSettingsHandlers,
};

/** The reports' SQL texts, for the bench rows that time them beside their floor. */
export { CATEGORY_REPORT_SQL, CATEGORY_TOTALS_SQL, COUPON_USES_SQL, COUPONS_SQL, INVOICE_OVERLAP_SQL, INVOICE_REVENUE_SQL, LEAD_REVENUE_SQL, LEADS_SQL, PROVIDER_TOTALS_SQL, SCOPE_REVENUE_SQL } from './queries';
export { boundsOf, comparisonOf } from './period';
export { couponScopes, type Use as CouponUse } from './coupon-roi';
export { type Lead } from './referral-roi';
