import { couponRoiDocument, referralRoiDocument } from '../../../src-shared/reports/sales';
import { useCall } from '../../lib/hooks';
import type { PeriodChoice } from './PeriodPicker';
import { SalesReportView } from './SalesReportView';

/** Per coupon and campaign: redemptions, discount, revenue of the redeeming invoices and after, new patients, ROI. */
export function CouponRoi({ period, onPeriod }: { period: PeriodChoice; onPeriod: (p: PeriodChoice) => void }) {
  const state = useCall('reports.couponRoi', { from: period.from, to: period.to });
  return (
    <SalesReportView
      report="couponRoi"
      period={period}
      onPeriod={onPeriod}
      state={state}
      toDocument={couponRoiDocument}
      rowKeys={(r) => ({ 'By coupon': r.coupons.map((c) => c.couponId) })}
      drillColumns={['redemptions', 'discountCents', 'revenueCents', 'laterRevenueCents', 'newPatients']}
      nameCell="name"
    />
  );
}

/** Per referral source: leads, patients, revenue in the first year and since, cost per patient and ROI. */
export function ReferralRoi({ period, onPeriod }: { period: PeriodChoice; onPeriod: (p: PeriodChoice) => void }) {
  const state = useCall('reports.referralRoi', { from: period.from, to: period.to });
  return (
    <SalesReportView
      report="referralRoi"
      period={period}
      onPeriod={onPeriod}
      state={state}
      toDocument={referralRoiDocument}
      rowKeys={(r) => ({ 'By source': r.rows.map((row) => row.source) })}
      drillColumns={['leads', 'patients', 'firstYearRevenueCents', 'lifetimeRevenueCents']}
      nameCell="name"
    />
  );
}
