import { describe, expect, it } from 'vitest';
import { detectDateOrder, needsDateOrder, parseDate, parseDateTime } from '../../../../src-main/imports/read';

const date = (value: string) => ({ ok: true, value });

describe('dates in the forms old systems and spreadsheets write', () => {
  it('reads day-first dates with any separator, and two-digit years by Excel’s rule (00–29 → 20xx)', () => {
    expect(parseDate('31/12/2019', 'dayFirst')).toEqual(date('2019-12-31'));
    expect(parseDate('31.12.2019', 'dayFirst')).toEqual(date('2019-12-31'));
    expect(parseDate('31-12-2019', 'dayFirst')).toEqual(date('2019-12-31'));
    expect(parseDate('1.2.19', 'dayFirst')).toEqual(date('2019-02-01'));
    expect(parseDate('5/3/45', 'dayFirst')).toEqual(date('1945-03-05'));
    expect(parseDate('5/3/29', 'dayFirst')).toEqual(date('2029-03-05'));
  });

  it('reads month-first dates in month-first order', () => {
    expect(parseDate('12/31/2019', 'monthFirst')).toEqual(date('2019-12-31'));
    expect(parseDate('03/04/2019', 'monthFirst')).toEqual(date('2019-03-04'));
  });

  it('reads year-first dates and month names in any order', () => {
    for (const text of ['2019-12-31', '2019/12/31', '2019.12.31', 'Dec 31, 2019', 'December 31st, 2019', '31 Dec 2019', '31-Dec-19', '31. Dezember 2019', '31 déc. 2019']) {
      expect(parseDate(text, null), text).toEqual(date('2019-12-31'));
    }
    expect(parseDate('12 Mrz 2020', null)).toEqual(date('2020-03-12'));
    expect(parseDate('3. Jänner 2020', null)).toEqual(date('2020-01-03'));
  });

  it('reads a date without a known order only when one order cannot read it', () => {
    expect(parseDate('31/12/2019', null)).toEqual(date('2019-12-31'));
    expect(parseDate('03/04/2019', null)).toEqual({
      ok: false,
      problem: '“03/04/2019” could be 3 April or 4 March: choose the date order.',
    });
  });

  it('refuses dates that do not exist, saying why', () => {
    expect(parseDate('30.02.2019', 'dayFirst')).toEqual({ ok: false, problem: '“30.02.2019” is not a date: February 2019 has 28 days.' });
    expect(parseDate('29.02.2020', 'dayFirst')).toEqual(date('2020-02-29'));
    expect(parseDate('12/31/2019', 'dayFirst')).toEqual({ ok: false, problem: '“12/31/2019” is not a date in day-first order.' });
    expect(parseDate('31/12/0198', 'dayFirst')).toEqual({ ok: false, problem: '“31/12/0198” has the year 198, which cannot be right.' });
    expect(parseDate('soon', 'dayFirst')).toEqual({ ok: false, problem: '“soon” is not a date.' });
  });

  it('reads empty cells and the "no date" of old systems as no value', () => {
    for (const text of ['', ' ', '0000-00-00', '00.00.0000', 'n/a', '-']) expect(parseDate(text, 'dayFirst')).toEqual({ ok: true, value: null });
  });

  it('takes the date of a birth date exported with a time or as midnight UTC', () => {
    expect(parseDate('1980-05-01 00:00:00', null)).toEqual(date('1980-05-01'));
    expect(parseDate('1980-05-01T00:00:00.000Z', null)).toEqual(date('1980-05-01'));
  });
});

describe('dates with times', () => {
  const at = (d: string, time: string | null) => ({ ok: true, value: { date: d, time } });

  it('reads 24-hour and AM/PM times after the date', () => {
    expect(parseDateTime('31/12/2019 14:30', 'dayFirst')).toEqual(at('2019-12-31', '14:30'));
    expect(parseDateTime('2019-12-31T14:30', null)).toEqual(at('2019-12-31', '14:30'));
    expect(parseDateTime('2019-12-31 14:30:59', null)).toEqual(at('2019-12-31', '14:30'));
    expect(parseDateTime('12/31/2019 2:30 PM', 'monthFirst')).toEqual(at('2019-12-31', '14:30'));
    expect(parseDateTime('12/31/2019 12:05 a.m.', 'monthFirst')).toEqual(at('2019-12-31', '00:05'));
    expect(parseDateTime('Dec 31, 2019 9:15am', null)).toEqual(at('2019-12-31', '09:15'));
    expect(parseDateTime('31.12.2019 14h30', 'dayFirst')).toEqual(at('2019-12-31', '14:30'));
    expect(parseDateTime('31.12.2019', 'dayFirst')).toEqual(at('2019-12-31', null));
  });

  it('refuses impossible times and moments in a time zone', () => {
    expect(parseDateTime('31/12/2019 25:00', 'dayFirst')).toEqual({ ok: false, problem: '“31/12/2019 25:00” has no valid time of day.' });
    expect(parseDateTime('12/31/2019 13:00 PM', 'monthFirst')).toMatchObject({ ok: false });
    expect(parseDateTime('2019-12-31T14:30:00+01:00', null)).toEqual({
      ok: false,
      problem: '“2019-12-31T14:30:00+01:00” is a moment in a time zone (+01:00), not a local date and time.',
    });
  });
});

describe('detecting the date order of a column', () => {
  it('finds the proof in any sample, whether the first or the second part is above 12', () => {
    expect(detectDateOrder(['01/02/2019', '04/05/2019', '31/12/2019'])).toBe('dayFirst');
    expect(detectDateOrder(['01/02/2019', '12/31/2019 2:30 PM'])).toBe('monthFirst');
  });

  it('says when nothing tells the orders apart, and when the samples contradict each other', () => {
    expect(detectDateOrder(['01/02/2019', '2019-12-31', '31 Dec 2019', ''])).toBe('ambiguous');
    expect(detectDateOrder(['31/12/2019', '12/31/2019'])).toBe('conflicting');
  });

  it('says whether the order matters at all, so a column of ISO dates is not asked about', () => {
    expect(needsDateOrder(['2019-12-31', '31 Dec 2019', '', '31/12/2019', '05/05/2019'])).toBe(false);
    expect(needsDateOrder(['2019-12-31', '03/04/2019 10:00'])).toBe(true);
  });
});
