import type { ReportSchedule } from '../../../src-shared/contract/reports-output';
import { compareLabels } from '../reports/SalesByCategory';

/** Index 1 = Monday … 7 = Sunday, as the schedules store them. */
export const weekdayNames = ['', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** The report options a schedule runs with, in words (null: none to show). */
export function scheduleOptionsText(s: Pick<ReportSchedule, 'report' | 'input'>): string | null {
  if (s.report === 'salesByCategory') {
    const compareWith = s.input.compareWith;
    return compareWith === 'none' ? 'No comparison' : `Compared with ${compareLabels[compareWith === 'lastYear' ? 'lastYear' : 'previousPeriod'].toLowerCase()}`;
  }
  if (s.report === 'projectedSales') return (s.input.include as { leads?: boolean } | undefined)?.leads === false ? 'Without open leads' : 'With open leads';
  return null;
}
