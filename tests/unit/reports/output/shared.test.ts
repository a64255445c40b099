import { describe, expect, it } from 'vitest';
import { documentCsv } from '../../../../src-shared/reports/csv';
import type { ReportDocument } from '../../../../src-shared/reports/document';
import { formatCell, formatInstantAt, reportLocale } from '../../../../src-shared/reports/format';
import { resolvePeriod } from '../../../../src-shared/reports/period';
import { localDate } from '../../../../src-shared/time';

const usd = { currency: 'USD', locale: 'en-US', timeZone: 'America/New_York' };

describe('formatCell', () => {
  it('writes money from minor units, rates from basis points, days and dates', () => {
    expect(formatCell(123450, 'money', usd)).toBe('$1,234.50');
    expect(formatCell(-500, 'money', usd)).toBe('-$5.00');
    expect(formatCell(6000, 'percent', usd)).toBe('60%');
    expect(formatCell(1234, 'percent', usd)).toBe('12.34%');
    expect(formatCell(12345, 'integer', usd)).toBe('12,345');
    expect(formatCell(1, 'days', usd)).toBe('1 day');
    expect(formatCell(40, 'days', usd)).toBe('40 days');
    expect(formatCell('2026-03-02', 'date', usd)).toBe('Mar 2, 2026');
    expect(formatCell('Botox', 'text', usd)).toBe('Botox');
  });

  it('shows a missing figure as a dash, never NaN', () => {
    expect(formatCell(null, 'percent', usd)).toBe('—');
    expect(formatCell(Number.NaN, 'money', usd)).toBe('—');
    expect(formatCell(null, 'text', usd)).toBe('');
  });

  it('uses the clinic currency’s minor units (yen has none)', () => {
    expect(formatCell(1500, 'money', { currency: 'JPY', locale: 'en-US', timeZone: 'Asia/Tokyo' })).toBe('¥1,500');
  });

  it('shows the generation time on the clinic clock, not the computer’s', () => {
    expect(formatInstantAt('2026-03-09T11:05:00.000Z', usd)).toBe('Mar 9, 2026, 7:05 AM');
    expect(formatInstantAt('2026-03-06T12:05:00.000Z', usd)).toBe('Mar 6, 2026, 7:05 AM');
  });

  it('picks English with the clinic country’s conventions, else plain English', () => {
    expect(reportLocale('US')).toBe('en-US');
    expect(reportLocale('')).toBe('en');
    expect(reportLocale('not a country')).toBe('en');
  });
});

describe('resolvePeriod (weeks start on Monday)', () => {
  // Wednesday 11 March 2026, the first week of New York summer time.
  const today = '2026-03-11';
  it.each([
    ['thisWeek', '2026-03-09', '2026-03-15'],
    ['nextWeek', '2026-03-16', '2026-03-22'],
    ['lastWeek', '2026-03-02', '2026-03-08'],
    ['thisMonth', '2026-03-01', '2026-03-31'],
    ['nextMonth', '2026-04-01', '2026-04-30'],
    ['lastMonth', '2026-02-01', '2026-02-28'],
    ['last30Days', '2026-02-10', '2026-03-11'],
    ['next30Days', '2026-03-11', '2026-04-09'],
    ['thisYear', '2026-01-01', '2026-12-31'],
    ['lastYear', '2025-01-01', '2025-12-31'],
    ['last12Months', '2025-03-01', '2026-02-28'],
  ] as const)('%s is %s to %s', (preset, from, to) => {
    expect(resolvePeriod(preset, today)).toEqual({ from, to });
  });

  it('resolves across year ends and leap years', () => {
    expect(resolvePeriod('thisWeek', '2027-01-01')).toEqual({ from: '2026-12-28', to: '2027-01-03' });
    expect(resolvePeriod('lastMonth', '2028-03-31')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(resolvePeriod('nextWeek', '2026-12-31')).toEqual({ from: '2027-01-04', to: '2027-01-10' });
  });

  it('takes the clinic-local day across DST changes (a Sunday night is still last week)', () => {
    // Sunday 8 March 2026, 23:30 in New York (spring change that morning) is 03:30 UTC on Monday.
    const springSunday = localDate('2026-03-09T03:30:00.000Z', 'America/New_York');
    expect(resolvePeriod('thisWeek', springSunday)).toEqual({ from: '2026-03-02', to: '2026-03-08' });
    // Sunday 1 November 2026, 23:30 in New York (autumn change) is 04:30 UTC on Monday.
    const autumnSunday = localDate('2026-11-02T04:30:00.000Z', 'America/New_York');
    expect(resolvePeriod('thisWeek', autumnSunday)).toEqual({ from: '2026-10-26', to: '2026-11-01' });
    expect(resolvePeriod('thisMonth', autumnSunday)).toEqual({ from: '2026-11-01', to: '2026-11-30' });
  });
});

describe('documentCsv', () => {
  const doc: ReportDocument = {
    title: 'Sales by category',
    clinicName: 'Glow & Co',
    from: '2026-03-01',
    to: '2026-03-31',
    generatedAt: '2026-04-01T11:00:00.000Z',
    orientation: 'portrait',
    sections: [
      { kind: 'figures', items: [{ label: 'Net sales', value: 150000, format: 'money' }] },
      {
        kind: 'table',
        title: 'By category',
        columns: [
          { key: 'name', label: 'Category', format: 'text' },
          { key: 'amount', label: 'Amount', format: 'money' },
          { key: 'share', label: 'Share', format: 'percent' },
        ],
        rows: [
          { name: 'Neurotoxin', amount: 100000, share: 6667 },
          { name: '=HYPERLINK("x")', amount: 50000, share: null },
        ],
        totals: { amount: 150000, share: 10000 },
        emptyText: 'No sales.',
      },
      { kind: 'table', title: 'Refunds', columns: [{ key: 'n', label: 'Invoice', format: 'text' }], rows: [], emptyText: 'No refunds in this period.' },
      { kind: 'note', text: 'Net of tax.' },
    ],
  };

  it('writes the heading, figures, each table under its title with totals, and the notes', () => {
    const lines = documentCsv(doc, usd).split('\r\n');
    expect(lines).toEqual([
      '"Sales by category","Glow & Co","Mar 1, 2026 – Mar 31, 2026","Generated Apr 1, 2026, 7:00 AM"',
      '',
      '"Figure","Value"',
      '"Net sales","$1,500.00"',
      '',
      '"By category"',
      '"Category","Amount","Share"',
      '"Neurotoxin","$1,000.00","66.67%"',
      `"'=HYPERLINK(""x"")","$500.00","—"`,
      '"Total","$1,500.00","100%"',
      '',
      '"Refunds"',
      '"No refunds in this period."',
      '',
      '"Net of tax."',
      '',
    ]);
  });
});
