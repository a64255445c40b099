import { describe, expect, it } from 'vitest';
import { LumenError, fieldError } from '../../../../src-shared/errors';
import { periodRefusal } from '../../../../src-renderer/features/reports/periodRefusal';
import { exportName } from '../../../../src-renderer/features/reports/paper';
import { salesKeyOf } from '../../../../src-renderer/features/reports/salesDrill';
import { paperFor } from '../../../../src-renderer/features/reports/paper';

describe('the reports screen', () => {
  it('shows a refusal of the period beside the dates, and leaves other refusals to the report', () => {
    expect(periodRefusal(fieldError('invalid_input', 'Check the fields', 'to', 'The period ends before it starts.'))).toBe('The period ends before it starts.');
    const both = new LumenError('invalid_input', 'Check the fields', { formErrors: [], fieldErrors: { from: ['Invalid date'], to: ['Invalid date'] } });
    expect(periodRefusal(both)).toBe('Invalid date');
    expect(periodRefusal(fieldError('not_found', 'No such service category.', 'to'))).toBeUndefined();
    expect(periodRefusal(fieldError('invalid_input', 'A rate is between 0 % and 100 %', 'overrides'))).toBeUndefined();
    expect(periodRefusal(undefined)).toBeUndefined();
  });

  it('names an export after the report and its period', () => {
    const doc = { title: 'Sales by category', from: '2026-03-01', to: '2026-03-31' } as Parameters<typeof exportName>[0];
    expect(exportName(doc, 'csv')).toBe('sales-by-category-2026-03-01-2026-03-31.csv');
    expect(exportName({ ...doc, title: 'Referral-source ROI' }, 'pdf')).toBe('referral-source-roi-2026-03-01-2026-03-31.pdf');
  });

  it('reads which category, provider, coupon or source a sales row stands for', () => {
    expect(salesKeyOf({ category: 4, name: 'Neurotoxin' }, ['category'])).toBe(4);
    expect(salesKeyOf({ category: 'retail', name: 'Retail' }, ['category'])).toBe('retail');
    expect(salesKeyOf({ staffId: null, name: 'No provider' }, ['staffId'])).toBe('none');
    expect(salesKeyOf({ source: 'patient' }, ['source', 'sourceId'])).toBe('patient');
    expect(salesKeyOf({ sourceId: 7 }, ['source', 'sourceId'])).toBe(7);
    // A totals-like row names nothing: no drill.
    expect(salesKeyOf({ name: 'Total' }, ['category'])).toBeUndefined();
    expect(salesKeyOf({ category: 'Total' }, ['category'])).toBeUndefined();
  });

  it('prints on Letter in North America and A4 elsewhere', () => {
    expect(paperFor('US')).toBe('letter');
    expect(paperFor('CA')).toBe('letter');
    expect(paperFor('DE')).toBe('a4');
    expect(paperFor('GB')).toBe('a4');
  });
});
