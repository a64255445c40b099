import { describe, expect, it } from 'vitest';
import type { AmbassadorBoard } from '../../../src-shared/contract/referrals';
import { documentCsv } from '../../../src-shared/reports/csv';
import { ambassadorBoardDocument } from '../../../src-shared/reports/referrals';
import { topAmbassadorsChart } from '../../../src-renderer/features/referrals/boardChart';

const row = (id: number, name: string, revenueCents: number) => ({ patient: { id, number: `P00000${id}`, name }, referred: 2, converted: 1, revenueCents, rewardCents: 2800, rewardPoints: 0 });
const board: AmbassadorBoard = {
  from: '2026-01-01',
  to: '2026-12-31',
  rows: [row(1, 'Ána Lima', 56_000), row(2, 'Bruno Costa', 28_000)],
  total: 3,
  top: [row(1, 'Ána Lima', 56_000), row(2, 'Bruno Costa', 28_000), row(3, 'Carla Diaz', 0)],
  totals: { referred: 6, converted: 3, revenueCents: 84_000, rewardCents: 8400, rewardPoints: 0 },
};
const meta = { clinicName: 'Lumen Aesthetics', generatedAt: '2027-01-05T08:00:00Z', timeZone: 'Europe/Berlin' };

describe('the ambassador board on paper, in CSV and as a chart', () => {
  it('prints the page shown with the period’s totals, and says when more ambassadors follow', () => {
    const doc = ambassadorBoardDocument(board, meta);
    const table = doc.sections.find((s) => s.kind === 'table')!;
    expect(table).toMatchObject({ title: 'Ambassadors (2 of 3)', rows: [{ name: 'Ána Lima', revenueCents: 56_000 }, { name: 'Bruno Costa' }], totals: { name: 'All ambassadors', revenueCents: 84_000 } });
    const csv = documentCsv(doc, { currency: 'EUR', locale: 'en-DE', timeZone: 'Europe/Berlin' });
    expect(csv).toContain('Ána Lima');
    expect(csv).toContain('560.00');
  });

  it('draws the top ten as bars of revenue in major units', () => {
    const chart = topAmbassadorsChart(board, 'EUR');
    expect(chart.data.labels).toEqual(['Ána Lima', 'Bruno Costa', 'Carla Diaz']);
    expect(chart.data.datasets[0].data).toEqual([560, 280, 0]);
  });
});
