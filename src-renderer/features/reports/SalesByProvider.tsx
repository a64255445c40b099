import { salesByProviderDocument } from '../../../src-shared/reports/sales';
import { useCall } from '../../lib/hooks';
import type { PeriodChoice } from './PeriodPicker';
import { SalesReportView } from './SalesReportView';

/** Per provider: services, retail, packages, refunds, net sales, average ticket and their patients' rebooking. */
export function SalesByProvider({ period, onPeriod }: { period: PeriodChoice; onPeriod: (p: PeriodChoice) => void }) {
  const state = useCall('reports.salesByProvider', { from: period.from, to: period.to });
  return (
    <SalesReportView
      report="salesByProvider"
      period={period}
      onPeriod={onPeriod}
      state={state}
      toDocument={salesByProviderDocument}
      rowKeys={(s) => ({ 'By provider': s.rows.map((r) => r.staffId ?? 'none') })}
      drillColumns={['servicesCents', 'retailCents', 'packagesCents', 'otherCents', 'refundsCents', 'netCents', 'invoices']}
      nameCell="name"
    />
  );
}
