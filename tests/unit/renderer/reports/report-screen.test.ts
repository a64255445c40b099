import { describe, expect, it } from 'vitest';
import { LumenError, fieldError } from '../../../../src-shared/errors';
import { periodRefusal } from '../../../../src-renderer/features/reports/periodRefusal';
import { exportName } from '../../../../src-renderer/features/reports/paper';
import type { ReportDocument } from '../../../../src-shared/reports/document';
import { hasRowsBehind } from '../../../../src-renderer/features/reports/ReportTableView';
import { pageRule } from '../../../../src-renderer/features/reports/usePrintPage';
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

  it('finds which category a sales row stands for by its place in the document, whatever the screen’s sort', () => {
    const neurotoxin = { name: 'Neurotoxin', amountCents: 56_000 };
    const retail = { name: 'Retail', amountCents: 3_500 };
    const doc = {
      sections: [
        { kind: 'figures', items: [] },
        { kind: 'table', title: 'By category, largest first', columns: [], rows: [neurotoxin, retail], emptyText: '' },
      ],
    } as unknown as ReportDocument;
    const keys = { 'By category, largest first': [4, 'retail' as const] };
    expect(salesKeyOf(doc, 'By category, largest first', retail, keys)).toBe('retail');
    expect(salesKeyOf(doc, 'By category, largest first', neurotoxin, keys)).toBe(4);
    // A copy of a row (the totals line, a row of another table) stands for nothing.
    expect(salesKeyOf(doc, 'By category, largest first', { ...neurotoxin }, keys)).toBeUndefined();
    expect(salesKeyOf(doc, 'By provider', neurotoxin, keys)).toBeUndefined();
  });

  it('makes a figure a button only when rows can be behind it (not a zero or a dash)', () => {
    expect([28_000, -4_000, 1, 'Lima, Ána'].map(hasRowsBehind)).toEqual([true, true, true, true]);
    expect([0, null, '', undefined].map(hasRowsBehind)).toEqual([false, false, false, false]);
  });

  it('prints on Letter in North America and A4 elsewhere', () => {
    expect(paperFor('US')).toBe('letter');
    expect(paperFor('CA')).toBe('letter');
    expect(paperFor('DE')).toBe('a4');
    expect(paperFor('GB')).toBe('a4');
  });

  it('sets the paper and orientation of the print, with the page number in the margin', () => {
    expect(pageRule('a4', 'landscape')).toMatch(/^@page \{ size: A4 landscape; /);
    expect(pageRule('letter', 'portrait')).toMatch(/^@page \{ size: letter portrait; /);
    expect(pageRule('a4', 'portrait')).toContain("@bottom-right { content: 'Page ' counter(page) ' of ' counter(pages);");
  });
});
