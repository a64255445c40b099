import type { ConversionCascade, ProjectedSales } from '../../../src-shared/contract/reports-pipeline';
import { CASCADE_TARGET_BP } from '../../../src-shared/contract/reports-pipeline';
import type { SalesByCategory } from '../../../src-shared/contract/reports-sales';
import { minorUnits } from '../../../src-shared/money';
import { NO_TIER, type PointsLiability } from '../../../src-shared/reports/loyalty';
import type { ReportChartConfig } from './ReportChart';

/**
 * The reports' charts as chart.js configurations: pure functions of a report's output, so what a chart draws is
 * tested without a canvas. Money is drawn in major units (a chart needs numbers on an axis, not text).
 */

const palette = ['#2f6f8f', '#d08c2f', '#4f9d69', '#b4505a', '#7a5ea8', '#3f9fb0', '#a0883a', '#6b7280'];
const colour = (i: number) => palette[i % palette.length];
const ON_TARGET = '#1a7f4b';
const BELOW_TARGET = '#b42318';

/** Minor units as a number of major units for an axis: 12345 cents → 123.45. */
export function majorUnits(cents: number, currency: string): number {
  return cents / 10 ** minorUnits(currency);
}

/** Booked treatments and expected consult revenue per day, stacked. */
export function projectionByDayChart(p: ProjectedSales, currency: string): ReportChartConfig {
  return {
    type: 'bar',
    data: {
      labels: p.byDay.map((d) => d.date),
      datasets: [
        { label: 'Booked treatments', data: p.byDay.map((d) => majorUnits(d.treatmentsCents, currency)), backgroundColor: colour(0) },
        { label: 'Consults (expected)', data: p.byDay.map((d) => majorUnits(d.consultsCents, currency)), backgroundColor: colour(1) },
      ],
    },
    options: { scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, title: { display: true, text: currency } } } },
  };
}

/** Shares of a whole: a slice only for what is above zero (a category netting to zero or less after refunds has none). */
function sharesChart(slices: { label: string; cents: number }[], currency: string): ReportChartConfig {
  const shown = slices.filter((slice) => slice.cents > 0);
  return {
    type: 'doughnut',
    data: { labels: shown.map((slice) => slice.label), datasets: [{ data: shown.map((slice) => majorUnits(slice.cents, currency)), backgroundColor: shown.map((_, i) => colour(i)) }] },
    options: { plugins: { legend: { position: 'right' } } },
  };
}

/** Each category's share of the expected revenue. */
export function projectionByCategoryChart(p: ProjectedSales, currency: string): ReportChartConfig {
  return sharesChart(p.byCategory.map((c) => ({ label: c.categoryName, cents: c.expectedCents })), currency);
}

/** What each tier's outstanding points would pay; null while fewer than two tiers hold any (one slice says nothing). */
export function liabilityByTierChart(l: PointsLiability, currency: string): ReportChartConfig | null {
  const slices = l.byTier.map((row) => ({ label: row.tier ?? NO_TIER, cents: row.valueCents }));
  return slices.filter((slice) => slice.cents > 0).length < 2 ? null : sharesChart(slices, currency);
}

/** Net sales per category over the period's days or months, one line each. */
export function salesTrendChart(s: SalesByCategory, currency: string): ReportChartConfig {
  return {
    type: 'line',
    data: {
      labels: s.trend.buckets,
      datasets: s.trend.series.map((series, i) => ({ label: series.name, data: series.amountsCents.map((c) => majorUnits(c, currency)), borderColor: colour(i), backgroundColor: colour(i), tension: 0.2 })),
    },
    options: { scales: { y: { beginAtZero: true, title: { display: true, text: currency } } } },
  };
}

/** Each category's share of net sales. */
export function categorySharesChart(s: SalesByCategory, currency: string): ReportChartConfig {
  return sharesChart(s.rows.map((r) => ({ label: r.name, cents: r.amountCents })), currency);
}

/**
 * The cascade as horizontal bars, one per link, its rate in percent against the dashed 80 % line: red below, green
 * at or above; a link with nothing to measure has no bar, and with no link measured there is no chart (empty axes
 * would read as "all zero").
 */
export function cascadeFunnelChart(c: ConversionCascade): ReportChartConfig | null {
  if (c.links.every((l) => l.rateBp === null)) return null;
  return {
    type: 'bar',
    data: {
      labels: c.links.map((l) => l.label),
      datasets: [
        {
          label: 'Conversion %',
          data: c.links.map((l) => (l.rateBp === null ? null : l.rateBp / 100)),
          backgroundColor: c.links.map((l) => (l.belowTarget ? BELOW_TARGET : ON_TARGET)),
        },
      ],
    },
    options: {
      indexAxis: 'y',
      scales: { x: { min: 0, max: 100, title: { display: true, text: '%' } } },
      plugins: { legend: { display: false }, targetLine: { value: CASCADE_TARGET_BP / 100, label: `${CASCADE_TARGET_BP / 100} %` } },
    },
  };
}
