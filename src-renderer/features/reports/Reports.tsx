import { useState } from 'react';
import type { PeriodPreset } from '../../../src-shared/reports/period';
import { useCan, useClinic } from '../../lib/store';
import { clinicToday } from '../scheduling/time';
import { presetChoice, type PeriodChoice } from './PeriodPicker';
import { ReportList } from './ReportList';
import { isReportView, reportListItems, type ReportView } from './reportList';
import { ReportViewFor } from './ReportViewFor';
import './reports.css';

/** The period a report opens with: next week for the projection (the weekly print), last month for sales. */
const defaultPresets: Record<ReportView, PeriodPreset> = {
  projectedSales: 'nextWeek',
  salesByCategory: 'lastMonth',
  salesByProvider: 'lastMonth',
  couponRoi: 'lastMonth',
  referralRoi: 'last12Months',
  ambassadorBoard: 'last12Months',
  conversionCascade: 'last12Months',
  stalledConsults: 'thisWeek',
  openQuotes: 'thisWeek',
  pointsLiability: 'thisMonth',
};

/**
 * Reports for managers and owners: the list on the left (↑↓ and Enter), the chosen report on the right with its
 * period, export and print. Each report keeps the period it was last given while the page is open.
 */
export function Reports({ report }: { report?: string }) {
  const can = useCan();
  const { timeZone } = useClinic();
  const today = clinicToday(timeZone);
  const items = reportListItems.filter((item) => can(item.permission));
  const current: ReportView = isReportView(report) ? report : 'projectedSales';
  const [periods, setPeriods] = useState<Partial<Record<ReportView, PeriodChoice>>>({});
  const period = periods[current] ?? presetChoice(defaultPresets[current], today);
  return (
    <section className="page page-reports" data-testid="reports">
      <div className="page-head no-print">
        <h1>Reports</h1>
      </div>
      <div className="reports-layout">
        <ReportList items={items} current={current} />
        <ReportViewFor key={current} view={current} period={period} onPeriod={(p) => setPeriods((all) => ({ ...all, [current]: p }))} />
      </div>
    </section>
  );
}
