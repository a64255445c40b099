import type { AmbassadorBoard } from '../../../src-shared/contract/referrals';
import { majorUnits } from '../reports/chartData';
import type { ReportChartConfig } from '../reports/ReportChart';

/** The board's top ten as horizontal bars of the revenue their referred patients brought (major units). */
export function topAmbassadorsChart(board: AmbassadorBoard, currency: string): ReportChartConfig {
  return {
    type: 'bar',
    data: {
      labels: board.top.map((r) => r.patient.name),
      datasets: [{ label: 'Revenue from referred patients', data: board.top.map((r) => majorUnits(r.revenueCents, currency)), backgroundColor: '#2f6f8f' }],
    },
    options: { indexAxis: 'y', plugins: { legend: { display: false } }, scales: { x: { beginAtZero: true, title: { display: true, text: currency } } } },
  };
}
