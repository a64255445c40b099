import type { NpsRow } from '../../../src-shared/contract/satisfaction';
import type { ReportChartConfig } from '../reports/ReportChart';

const GOOD = '#1a7f4b';
const BAD = '#b42318';
const NEUTRAL = '#2f6f8f';
const NPS_AXIS = { min: -100, max: 100, title: { display: true, text: 'NPS' } };

/** NPS by month as a line; a month without scores is a gap, not a zero. */
export function npsTrendChart(months: NpsRow[]): ReportChartConfig {
  return {
    type: 'line',
    data: { labels: months.map((m) => m.key), datasets: [{ label: 'NPS', data: months.map((m) => m.nps), borderColor: NEUTRAL, backgroundColor: NEUTRAL, spanGaps: false }] },
    options: { scales: { y: NPS_AXIS } },
  };
}

/** NPS per provider or service as horizontal bars, below zero in red; the label carries n. */
export function npsBarsChart(rows: NpsRow[]): ReportChartConfig {
  const shown = rows.filter((r) => r.nps !== null);
  return {
    type: 'bar',
    data: {
      labels: shown.map((r) => `${r.label} (n = ${r.responses})`),
      datasets: [{ label: 'NPS', data: shown.map((r) => r.nps), backgroundColor: shown.map((r) => ((r.nps ?? 0) < 0 ? BAD : GOOD)) }],
    },
    options: { indexAxis: 'y', scales: { x: NPS_AXIS }, plugins: { legend: { display: false } } },
  };
}
