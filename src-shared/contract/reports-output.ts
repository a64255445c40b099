import { z } from 'zod';

/** Every report the catalogue can run, export and schedule (src-main/reports/catalogue.ts). */
export const reportNames = ['projectedSales', 'salesByCategory', 'salesByProvider', 'couponRoi', 'referralRoi', 'conversionCascade', 'stalledConsults', 'openQuotes', 'delinquency'] as const;
export type ReportName = (typeof reportNames)[number];
export const ReportName = z.enum(reportNames);

export const reportLabels: Record<ReportName, string> = {
  projectedSales: 'Projected sales',
  salesByCategory: 'Sales by category',
  salesByProvider: 'Sales by provider',
  couponRoi: 'Coupon ROI',
  referralRoi: 'Referral-source ROI',
  conversionCascade: 'Conversion cascade',
  stalledConsults: 'Stalled consults',
  openQuotes: 'Quotes on the table',
  delinquency: 'Delinquency',
};

export const reportsOutput = {} as const;
