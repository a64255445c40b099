import { describe, expect, it } from 'vitest';
import { nextSort, sortRows } from '../../../../src-renderer/features/reports/tableSort';

const rows = [
  { name: 'HydraFacial', amount: 32000, share: 2500 },
  { name: 'botox', amount: 56000, share: null },
  { name: 'Filler 10', amount: 32000, share: 4000 },
  { name: 'Filler 9', amount: 0, share: '' },
];

describe('sorting a report table by a header', () => {
  it('keeps the report order until a header is clicked, and never reorders the given rows', () => {
    expect(sortRows(rows, null).map((r) => r.name)).toEqual(['HydraFacial', 'botox', 'Filler 10', 'Filler 9']);
    sortRows(rows, { key: 'amount', direction: 'desc' });
    expect(rows[0].name).toBe('HydraFacial');
  });

  it('sorts numbers as numbers, equal amounts keeping their report order', () => {
    expect(sortRows(rows, { key: 'amount', direction: 'desc' }).map((r) => r.name)).toEqual(['botox', 'HydraFacial', 'Filler 10', 'Filler 9']);
    expect(sortRows(rows, { key: 'amount', direction: 'asc' }).map((r) => r.name)).toEqual(['Filler 9', 'HydraFacial', 'Filler 10', 'botox']);
  });

  it('sorts text ignoring case and with numbers in names in their natural order', () => {
    expect(sortRows(rows, { key: 'name', direction: 'asc' }).map((r) => r.name)).toEqual(['botox', 'Filler 9', 'Filler 10', 'HydraFacial']);
  });

  it('puts empty cells (a rate with nothing to divide by) last in both directions', () => {
    expect(sortRows(rows, { key: 'share', direction: 'desc' }).map((r) => r.name)).toEqual(['Filler 10', 'HydraFacial', 'botox', 'Filler 9']);
    expect(sortRows(rows, { key: 'share', direction: 'asc' }).map((r) => r.name)).toEqual(['HydraFacial', 'Filler 10', 'botox', 'Filler 9']);
  });

  it('starts a number column high first and a text column A to Z; a second click flips it', () => {
    expect(nextSort(null, 'amount', true)).toEqual({ key: 'amount', direction: 'desc' });
    expect(nextSort(null, 'name', false)).toEqual({ key: 'name', direction: 'asc' });
    expect(nextSort({ key: 'amount', direction: 'desc' }, 'amount', true)).toEqual({ key: 'amount', direction: 'asc' });
    expect(nextSort({ key: 'amount', direction: 'asc' }, 'name', false)).toEqual({ key: 'name', direction: 'asc' });
  });
});
