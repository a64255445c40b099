import type { SalesRowsInput } from '../../../src-shared/contract/reports-sales';
import type { Cell } from '../../../src-shared/reports/document';
import type { DrillRequest } from './DrillDialog';

type SalesReport = SalesRowsInput['report'];
type SalesKey = SalesRowsInput['key'];

/**
 * The figure a sales table's row stands for, read from the row's own key cell (a category id or "retail"/"other", a
 * provider id or none, a coupon id, a source id or "patient"/"unknown"): the first of `keys` the row carries.
 */
export function salesKeyOf(row: Record<string, Cell>, keys: readonly string[]): SalesKey | undefined {
  for (const key of keys) {
    if (!(key in row)) continue;
    const value = row[key];
    if (value === null) return 'none';
    if (typeof value === 'number' && Number.isInteger(value) && value > 0) return value;
    if (value === 'retail' || value === 'other' || value === 'patient' || value === 'unknown' || value === 'none') return value;
  }
  return undefined;
}

export function salesDrill(report: SalesReport, key: SalesKey, period: { from: string; to: string }, title: string): DrillRequest {
  return { method: 'reports.salesRows', title, input: { report, key, from: period.from, to: period.to } };
}
