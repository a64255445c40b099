import { OpenQuotes, StalledConsults } from './CallList';
import { ConversionCascade } from './ConversionCascade';
import type { PeriodChoice } from './PeriodPicker';
import { ProjectedSales } from './ProjectedSales';
import type { ReportView } from './reportList';
import { Empty } from '../../lib/ui';

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
    default:
      return <Empty>The sales reports arrive with the sales part.</Empty>;
  }
}
