import type { MethodName, OutputOf, ParsedInputOf } from '../../src-shared/contract/index';
import type { ReportName } from '../../src-shared/contract/reports-output';
import { type DelinquencyList, delinquencyDocument } from '../../src-shared/reports/delinquency';
import type { ReportDocument } from '../../src-shared/reports/document';
import type { DocumentMeta } from '../../src-shared/reports/meta';
import type { Period } from '../../src-shared/reports/period';
import type { HandlerContext } from '../core/registry';
import { loyaltyHandlers } from '../loyalty/index';
import { retentionHandlers } from '../retention/index';
import { conversionCascadeDocument, openQuotesDocument, projectedSalesDocument, stalledConsultsDocument } from '../../src-shared/reports/pipeline';
import { pointsLiabilityDocument } from '../../src-shared/reports/loyalty';
import { couponRoiDocument, referralRoiDocument, salesByCategoryDocument, salesByProviderDocument } from '../../src-shared/reports/sales';
import { conversionCascade, projectedSales, wholeOpenQuotes, wholeStalledConsults } from './pipeline/index';
import { reportSalesHandlers } from './sales/index';
import { referralHandlers } from '../referrals/index';
import { ambassadorBoardDocument } from '../../src-shared/reports/referrals';

/**
 * The report catalogue: every report by name, how to run it and how to print it. The CLI export, the Save as PDF of a
 * scheduled report and the scheduler run any report through here, so a report added to the catalogue is exportable
 * and schedulable at once.
 */
export interface ReportEntry<N extends MethodName> {
  /** The contract method whose input the report takes (validated against it before `run`). */
  method: N;
  /**
   * How a period reaches the report's input: `period` sets `from` and `to`; `asOf` sets `asOf` to the period's last
   * day (a list "as of" a date, like delinquency). A schedule's period preset is resolved and given this way.
   */
  dated: 'period' | 'asOf';
  /** Runs the report in the caller's transaction (normally the method's own handler). */
  run(input: ParsedInputOf<N>, ctx: HandlerContext): Promise<OutputOf<N>> | OutputOf<N>;
  document(output: OutputOf<N>, meta: DocumentMeta): ReportDocument;
}

/** An entry with its method's types erased, so entries of different reports sit in one map. */
export interface CatalogueEntry {
  method: MethodName;
  dated: 'period' | 'asOf';
  run(input: unknown, ctx: HandlerContext): Promise<unknown>;
  document(output: unknown, meta: DocumentMeta): ReportDocument;
}

export function defineReport<N extends MethodName>(entry: ReportEntry<N>): CatalogueEntry {
  return {
    method: entry.method,
    dated: entry.dated,
    run: async (input, ctx) => entry.run(input as ParsedInputOf<N>, ctx),
    document: (output, meta) => entry.document(output as OutputOf<N>, meta),
  };
}

/** Retention's delinquency list, every row (the list pages at 500; a print wants them all). */
async function wholeDelinquencyList(input: ParsedInputOf<'retention.delinquency'>, ctx: HandlerContext): Promise<DelinquencyList> {
  const page = 500;
  const first = await retentionHandlers['retention.delinquency']({ ...input, format: 'json', limit: page, offset: 0 }, ctx);
  const rows = [...first.rows];
  while (rows.length < first.total) {
    const next = await retentionHandlers['retention.delinquency']({ ...input, format: 'json', limit: page, offset: rows.length }, ctx);
    if (next.rows.length === 0) break;
    rows.push(...next.rows);
  }
  return { ...first, rows };
}

/** name → entry: every report a manager can export or schedule. */
export const reportCatalogue: Record<ReportName, CatalogueEntry> = {
  projectedSales: defineReport({ method: 'reports.projectedSales', dated: 'period', run: (input, ctx) => projectedSales(ctx, input), document: projectedSalesDocument }),
  salesByCategory: defineReport({ method: 'reports.salesByCategory', dated: 'period', run: reportSalesHandlers['reports.salesByCategory'], document: salesByCategoryDocument }),
  salesByProvider: defineReport({ method: 'reports.salesByProvider', dated: 'period', run: reportSalesHandlers['reports.salesByProvider'], document: salesByProviderDocument }),
  couponRoi: defineReport({ method: 'reports.couponRoi', dated: 'period', run: reportSalesHandlers['reports.couponRoi'], document: couponRoiDocument }),
  referralRoi: defineReport({ method: 'reports.referralRoi', dated: 'period', run: reportSalesHandlers['reports.referralRoi'], document: referralRoiDocument }),
  conversionCascade: defineReport({ method: 'reports.conversionCascade', dated: 'period', run: (input, ctx) => conversionCascade(ctx, input), document: conversionCascadeDocument }),
  stalledConsults: defineReport({ method: 'reports.stalledConsults', dated: 'asOf', run: wholeStalledConsults, document: stalledConsultsDocument }),
  openQuotes: defineReport({ method: 'reports.openQuotes', dated: 'asOf', run: wholeOpenQuotes, document: openQuotesDocument }),
  delinquency: defineReport({ method: 'retention.delinquency', dated: 'asOf', run: wholeDelinquencyList, document: delinquencyDocument }),
  pointsLiability: defineReport({ method: 'loyalty.liability', dated: 'asOf', run: loyaltyHandlers['loyalty.liability'], document: pointsLiabilityDocument }),
  // The first 200 ambassadors by revenue (the most a page holds): what a manager prints.
  ambassadorBoard: defineReport({ method: 'referrals.board', dated: 'period', run: (input, ctx) => referralHandlers['referrals.board']({ ...input, page: 0, pageSize: 200 }, ctx), document: ambassadorBoardDocument }),
};

export const catalogueEntry = (report: ReportName): CatalogueEntry => reportCatalogue[report];

/** The report's input with the period put where the report reads it. */
export function withPeriod(entry: CatalogueEntry, input: Record<string, unknown>, period: Period): Record<string, unknown> {
  return entry.dated === 'asOf' ? { ...input, asOf: period.to } : { ...input, from: period.from, to: period.to };
}
