import { describe, expect, it } from 'vitest';
import type { ConversionCascade, ProjectedSales } from '../../../../src-shared/contract/reports-pipeline';
import type { SalesByCategory } from '../../../../src-shared/contract/reports-sales';
import { cascadeFunnelChart, categorySharesChart, majorUnits, projectionByDayChart, salesTrendChart } from '../../../../src-renderer/features/reports/chartData';

const day = (date: string, treatmentsCents: number, consultsCents: number) => ({ date, treatments: 1, treatmentsCents, consults: 1, consultsCents, expectedCents: treatmentsCents + consultsCents });

describe('what the report charts draw', () => {
  it('draws money in major units of the clinic currency (yen has none)', () => {
    expect(majorUnits(28_050, 'EUR')).toBe(280.5);
    expect(majorUnits(28_050, 'JPY')).toBe(28_050);
  });

  it('stacks booked treatments and expected consults per day of the projection', () => {
    const projection = { byDay: [day('2026-03-02', 28_000, 18_000), day('2026-03-03', 0, 9_000)] } as unknown as ProjectedSales;
    const chart = projectionByDayChart(projection, 'EUR');
    expect(chart.data.labels).toEqual(['2026-03-02', '2026-03-03']);
    expect(chart.data.datasets.map((d) => d.data)).toEqual([
      [280, 0],
      [180, 90],
    ]);
  });

  it('gives a category a slice only when it netted above zero after refunds', () => {
    const sales = { rows: [{ name: 'Neurotoxin', amountCents: 56_000 }, { name: 'Retail', amountCents: 0 }, { name: 'Filler', amountCents: -4_000 }, { name: 'HydraFacial', amountCents: 16_000 }] } as unknown as SalesByCategory;
    const chart = categorySharesChart(sales, 'EUR');
    expect(chart.data.labels).toEqual(['Neurotoxin', 'HydraFacial']);
    expect(chart.data.datasets[0].data).toEqual([560, 160]);
  });

  it('draws one trend line per category over the buckets', () => {
    const sales = { trend: { granularity: 'month', buckets: ['2026-01', '2026-02'], series: [{ category: 1, name: 'Neurotoxin', amountsCents: [28_000, 56_000] }] } } as unknown as SalesByCategory;
    const chart = salesTrendChart(sales, 'EUR');
    expect(chart.data.labels).toEqual(['2026-01', '2026-02']);
    expect(chart.data.datasets).toHaveLength(1);
    expect(chart.data.datasets[0]).toMatchObject({ label: 'Neurotoxin', data: [280, 560] });
  });

  it('draws each cascade link as a percent against the 80 % line, red below it, and no bar when not measured', () => {
    const link = (label: string, rateBp: number | null, belowTarget: boolean | null) => ({ label, rateBp, belowTarget });
    const cascade = { links: [link('Awareness → lead', null, null), link('Lead → consult', 8_500, false), link('Consult → treatment', 4_250, true)] } as unknown as ConversionCascade;
    const chart = cascadeFunnelChart(cascade)!;
    expect(chart.data.datasets[0].data).toEqual([null, 85, 42.5]);
    expect(chart.data.datasets[0].backgroundColor).toEqual(['#1a7f4b', '#1a7f4b', '#b42318']);
    expect(chart.options?.plugins?.targetLine).toEqual({ value: 80, label: '80 %' });
    expect(chart.options).toMatchObject({ indexAxis: 'y', scales: { x: { min: 0, max: 100 } } });
  });

  it('draws no cascade chart when no link could be measured (a new clinic), rather than empty axes', () => {
    const unmeasured = (label: string) => ({ label, rateBp: null, belowTarget: null });
    const cascade = { links: [unmeasured('Awareness → lead'), unmeasured('Lead → consult'), unmeasured('Consult → treatment')] } as unknown as ConversionCascade;
    expect(cascadeFunnelChart(cascade)).toBeNull();
  });
});
