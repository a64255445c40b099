import type { ReportSchedule } from '../../../src-shared/contract/reports-output';
import { compareLabels } from '../reports/SalesByCategory';

/** Index 1 = Monday … 7 = Sunday, as the schedules store them. */
export const weekdayNames = ['', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** The report options a schedule runs with, in words (null: none to show). */
export function scheduleOptionsText(s: Pick<ReportSchedule, 'report' | 'input'>): string | null {
  if (s.report === 'salesByCategory') {
    if (s.input.compareWith === 'none') return 'No comparison';
    return `Compared with ${(s.input.compareWith === 'lastYear' ? compareLabels.lastYear : compareLabels.previousPeriod).toLowerCase()}`;
  }
  if (s.report === 'projectedSales') return (s.input.include as { leads?: boolean } | undefined)?.leads === false ? 'Without open leads' : 'With open leads';
  return null;
}
