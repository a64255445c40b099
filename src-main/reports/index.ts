/** Manager reports (issue 17): each part adds its own export lines here. */
export { reportSalesHandlers } from './sales/index';
/** The sales reports' SQL and parameters, for the bench rows that time them beside their floor. */
export {
  boundsOf,
  CATEGORY_REPORT_SQL,
  CATEGORY_TOTALS_SQL,
  comparisonOf,
  COUPON_USES_SQL,
  COUPONS_SQL,
  couponScopes,
  type CouponUse,
  INVOICE_REVENUE_SQL,
  type Lead,
  LEADS_SQL,
  leadScopes,
  PROVIDER_TOTALS_SQL,
  SCOPE_REVENUE_SQL,
} from './sales/index';
