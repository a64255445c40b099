import { useMemo, useState } from 'react';
import type { SalesByCategory as Sales, SalesByCategoryInput } from '../../../src-shared/contract/reports-sales';
import { salesByCategoryDocument } from '../../../src-shared/reports/sales';
import { useCall } from '../../lib/hooks';
import { useClinic } from '../../lib/store';
import { categorySharesChart, salesTrendChart } from './chartData';
import type { PeriodChoice } from './PeriodPicker';
import { ReportChart } from './ReportChart';
import { SalesReportView } from './SalesReportView';

type Compare = NonNullable<SalesByCategoryInput['compareWith']>;
export const compareLabels: Record<Compare, string> = { previousPeriod: 'The period before', lastYear: 'The same period last year', none: 'Nothing' };
/** The comparison choices, for the report's option and a schedule's. */
export const compareOptions = Object.entries(compareLabels).map(([value, label]) => (
  <option key={value} value={value}>
    {label}
  </option>
));

/** Sales by category, ranked, with each one's share, count, average sale and the change against another period. */
export function SalesByCategory({ period, onPeriod }: { period: PeriodChoice; onPeriod: (p: PeriodChoice) => void }) {
  const [compareWith, setCompareWith] = useState<Compare>('previousPeriod');
  const state = useCall('reports.salesByCategory', { from: period.from, to: period.to, compareWith });
  const options = (
    <label className="field">
      <span className="field-label">Compare with</span>
      <select value={compareWith} onChange={(e) => setCompareWith(e.target.value as Compare)} data-testid="compare-with">
        {compareOptions}
      </select>
    </label>
  );
  return (
    <SalesReportView
      report="salesByCategory"
      period={period}
      onPeriod={onPeriod}
      state={state}
      toDocument={salesByCategoryDocument}
      rowKeys={(s) => ({ 'By category, largest first': s.rows.map((r) => r.category) })}
      drillColumns={['amountCents', 'count', 'refundsCents']}
      nameCell="name"
      options={options}
      charts={(s) => <CategoryCharts sales={s} />}
    />
  );
}

function CategoryCharts({ sales }: { sales: Sales }) {
  const { currency } = useClinic();
  const trend = useMemo(() => salesTrendChart(sales, currency), [sales, currency]);
  const shares = useMemo(() => categorySharesChart(sales, currency), [sales, currency]);
  if (!sales.rows.length) return null;
  return (
    <>
      <ReportChart title={sales.trend.granularity === 'month' ? 'Net sales by month' : 'Net sales by day'} config={trend} testId="chart-sales-trend" />
      <ReportChart title="Share of net sales" config={shares} testId="chart-sales-shares" />
    </>
  );
}
