import { OpenQuotes, StalledConsults } from './CallList';
import { ConversionCascade } from './ConversionCascade';
import type { PeriodChoice } from './PeriodPicker';
import { ProjectedSales } from './ProjectedSales';
import type { ReportView } from './reportList';
import { CouponRoi, ReferralRoi } from './RoiReports';
import { SalesByCategory } from './SalesByCategory';
import { SalesByProvider } from './SalesByProvider';
import { PointsLiability } from '../loyalty/PointsLiability';
import { AmbassadorBoard } from '../referrals/AmbassadorBoard';

/** The view of one report of the page. */
export function ReportViewFor({ view, period, onPeriod }: { view: ReportView; period: PeriodChoice; onPeriod: (p: PeriodChoice) => void }) {
  switch (view) {
    case 'projectedSales':
      return <ProjectedSales period={period} onPeriod={onPeriod} />;
    case 'conversionCascade':
      return <ConversionCascade period={period} onPeriod={onPeriod} />;
    case 'stalledConsults':
      return <StalledConsults />;
    case 'openQuotes':
      return <OpenQuotes />;
    case 'salesByCategory':
      return <SalesByCategory period={period} onPeriod={onPeriod} />;
    case 'salesByProvider':
      return <SalesByProvider period={period} onPeriod={onPeriod} />;
    case 'couponRoi':
      return <CouponRoi period={period} onPeriod={onPeriod} />;
    case 'referralRoi':
      return <ReferralRoi period={period} onPeriod={onPeriod} />;
    case 'pointsLiability':
      return <PointsLiability />;
    case 'ambassadorBoard':
      return <AmbassadorBoard period={period} onPeriod={onPeriod} />;
  }
}
