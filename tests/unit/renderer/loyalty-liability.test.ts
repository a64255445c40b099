import { describe, expect, it } from 'vitest';
import { documentCsv } from '../../../src-shared/reports/csv';
import { pointsLiabilityDocument, type PointsLiability } from '../../../src-shared/reports/loyalty';
import { liabilityByTierChart } from '../../../src-renderer/features/reports/chartData';

const meta = { clinicName: 'Harbour Aesthetics', generatedAt: '2026-12-01T08:00:00.000Z', timeZone: 'Europe/Berlin' };
const liability: PointsLiability = {
  asOf: '2026-11-30',
  points: 4_300,
  valueCents: 21_500,
  patients: 3,
  byTier: [
    { tier: null, patients: 1, points: 300, valueCents: 1_500 },
    { tier: 'Silver', patients: 0, points: 0, valueCents: 0 },
    { tier: 'Gold', patients: 2, points: 4_000, valueCents: 20_000 },
  ],
};

describe('the points liability report', () => {
  it('prints the value, the points and the holders, and each tier with a totals line', () => {
    const doc = pointsLiabilityDocument(liability, meta);
    expect(doc).toMatchObject({ title: 'Points liability', from: '2026-11-30', to: '2026-11-30' });
    const csv = documentCsv(doc, { currency: 'EUR', locale: 'en-DE', timeZone: meta.timeZone });
    expect(csv).toContain('Value of outstanding points');
    expect(csv).toContain('"No tier","1","300","€15.00"');
    expect(csv).toContain('"Total","3","4.300","€215.00"');
  });

  it('draws each tier’s share of the value, and no chart when one tier holds it all', () => {
    const chart = liabilityByTierChart(liability, 'EUR');
    expect(chart?.data.labels).toEqual(['No tier', 'Gold']);
    expect(chart?.data.datasets[0].data).toEqual([15, 200]);
    expect(liabilityByTierChart({ ...liability, byTier: [liability.byTier[2]] }, 'EUR')).toBeNull();
  });
});
