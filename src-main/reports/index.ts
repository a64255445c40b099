/** Manager reports (issue 17): the catalogue every export and schedule runs reports through. */
export { catalogueEntry, defineReport, reportCatalogue, withPeriod, type CatalogueEntry, type ReportEntry } from './catalogue';
export { reportSalesHandlers } from './sales/index';
export {
  rebuildSalesProjections,
  SALES_PROJECTIONS,
  rebuildServiceSale,
  recomputePendingServiceSales,
  serviceSaleJob,
  setAsideSalesProjectionTriggers,
} from './sales/projection';
export { conversionCascade, localDays, projectedSales, reportPipelineHandlers, utcRange, wholeOpenQuotes, wholeStalledConsults } from './pipeline/index';
export * as pipelineQueries from './pipeline/queries';
export { reportOutputHandlers, reportSchedulesJob } from './output/index';
/** Files other domains write the way reports do (exports, patients' data requests). */
export { fileStamp, formatOptionsOf, writeNewFile } from './output/render';
export { documentPdf } from './output/pdf';
export { clinicPaper } from './output/paper';
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
  INVOICE_OVERLAP_SQL,
  INVOICE_REVENUE_SQL,
  type Lead,
  LEAD_REVENUE_SQL,
  LEADS_SQL,
  PROVIDER_TOTALS_SQL,
  SCOPE_REVENUE_SQL,
} from './sales/index';
