import type { SalesRowsInput } from '../../../src-shared/contract/reports-sales';
import type { Cell, ReportDocument } from '../../../src-shared/reports/document';
import type { DrillRequest } from './DrillDialog';

type SalesReport = SalesRowsInput['report'];
export type SalesKey = SalesRowsInput['key'];

/**
 * The category, provider, coupon or source a row of a sales document stands for. The documents write one table row
 * per row of the report's output, in its order, and leave the ids out of print: `keys` lists each output row's key
 * (by table title), and the row's place in its table (the document's order, whatever the screen's sort) finds it.
 */
export function salesKeyOf(doc: ReportDocument, title: string, row: Record<string, Cell>, keys: Record<string, SalesKey[]>): SalesKey | undefined {
  const table = doc.sections.find((section) => section.kind === 'table' && section.title === title);
  if (table?.kind !== 'table' || !keys[title]) return undefined;
  const index = table.rows.indexOf(row);
  return index < 0 ? undefined : keys[title][index];
}

export function salesDrill(report: SalesReport, key: SalesKey, period: { from: string; to: string }, title: string): DrillRequest {
  return { method: 'reports.salesRows', title, input: { report, key, from: period.from, to: period.to } };
}
