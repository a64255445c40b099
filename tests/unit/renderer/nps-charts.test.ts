import { describe, expect, it } from 'vitest';
import type { NpsRow } from '../../../src-shared/contract/satisfaction';
import { npsBarsChart, npsTrendChart } from '../../../src-renderer/features/satisfaction/npsCharts';

const row = (key: string, nps: number | null, responses: number): NpsRow => ({ key, label: key, responses, promoters: 0, passives: 0, detractors: 0, nps });

describe('NPS charts', () => {
  it('draw a month without scores as a gap, on a −100…100 axis', () => {
    const chart = npsTrendChart([row('2026-01', 40, 10), row('2026-02', null, 0), row('2026-03', -5, 4)]);
    expect(chart.data.labels).toEqual(['2026-01', '2026-02', '2026-03']);
    expect(chart.data.datasets[0].data).toEqual([40, null, -5]);
    expect(chart.options?.scales?.y).toMatchObject({ min: -100, max: 100 });
  });

  it('bar each provider with n in its label, red below zero, leaving out those without scores', () => {
    const chart = npsBarsChart([row('Dr. Rivera', 62, 120), row('Omar', -8, 30), row('New hire', null, 0)]);
    expect(chart.data.labels).toEqual(['Dr. Rivera (n = 120)', 'Omar (n = 30)']);
    expect(chart.data.datasets[0].backgroundColor).toEqual(['#1a7f4b', '#b42318']);
  });
});
