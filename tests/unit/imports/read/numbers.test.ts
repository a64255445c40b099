import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectNumberStyle, parseCents, parseWholeNumber, type NumberStyle } from '../../../../src-main/imports/read';

describe('amounts and numbers as spreadsheets write them', () => {
  it('reads 1.234,56 and 1,234.56 each in its own style, with currency signs and codes around them', () => {
    expect(parseCents('€ 1.234,56', 'commaDecimal')).toEqual({ ok: true, value: 123456 });
    expect(parseCents('1.234,56 EUR', 'commaDecimal')).toEqual({ ok: true, value: 123456 });
    expect(parseCents('$1,234.56', 'dotDecimal')).toEqual({ ok: true, value: 123456 });
    expect(parseCents("CHF 1'234.50", 'dotDecimal')).toEqual({ ok: true, value: 123450 });
    expect(parseCents('1 234,5', 'commaDecimal')).toEqual({ ok: true, value: 123450 });
    expect(parseCents('12', 'dotDecimal')).toEqual({ ok: true, value: 1200 });
  });

  it('reads negatives written with a minus before or after, or in brackets', () => {
    for (const text of ['-12.50', '(12.50)', '12.50-', '-€12.50', '€ -12.50', '−12.50']) {
      expect(parseCents(text, 'dotDecimal')).toEqual({ ok: true, value: -1250 });
    }
    expect(parseCents('-0.00', 'dotDecimal')).toEqual({ ok: true, value: 0 });
  });

  it('refuses a third decimal instead of rounding it, but reads trailing zeros', () => {
    expect(parseCents('12.345', 'dotDecimal')).toEqual({
      ok: false,
      problem: '“12.345” has more than 2 decimals; amounts are never rounded.',
    });
    expect(parseCents('12.5000', 'dotDecimal')).toEqual({ ok: true, value: 1250 });
  });

  it('reads amounts in the minor units of currencies without cents or with three decimals', () => {
    expect(parseCents('¥1,200', 'dotDecimal', 0)).toEqual({ ok: true, value: 1200 });
    expect(parseCents('1,200.50', 'dotDecimal', 0)).toEqual({
      ok: false,
      problem: '“1,200.50” has decimals, which this currency does not; amounts are never rounded.',
    });
    expect(parseCents('KWD 1.250', 'dotDecimal', 3)).toEqual({ ok: true, value: 1250 });
  });

  it('refuses an amount in the other style rather than misreading it', () => {
    expect(parseCents('1.234,56', 'dotDecimal')).toEqual({ ok: false, problem: '“1.234,56” is not an amount written like 1,234.56.' });
    expect(parseCents('1,234.56', 'commaDecimal')).toMatchObject({ ok: false });
    expect(parseCents('1,23.4', 'dotDecimal')).toMatchObject({ ok: false });
    expect(parseCents('twelve', 'dotDecimal')).toMatchObject({ ok: false });
  });

  it('refuses a number a spreadsheet wrote in scientific notation, whose digits are lost', () => {
    expect(parseCents('1.2E+05', 'dotDecimal')).toEqual({ ok: false, problem: 'A spreadsheet wrote this number as 1.2E+05, which keeps only its first digits.' });
    expect(parseWholeNumber('3,5E+04', 'commaDecimal')).toMatchObject({ ok: false });
  });

  it('reads an empty cell as no value', () => {
    expect(parseCents('  ', 'dotDecimal')).toEqual({ ok: true, value: null });
    expect(parseWholeNumber('', 'commaDecimal')).toEqual({ ok: true, value: null });
  });

  it('reads whole numbers with thousands separators and refuses fractions', () => {
    expect(parseWholeNumber('1,200', 'dotDecimal')).toEqual({ ok: true, value: 1200 });
    expect(parseWholeNumber('1.200', 'commaDecimal')).toEqual({ ok: true, value: 1200 });
    expect(parseWholeNumber('-50', 'dotDecimal')).toEqual({ ok: true, value: -50 });
    expect(parseWholeNumber('3.00', 'dotDecimal')).toEqual({ ok: true, value: 3 });
    expect(parseWholeNumber('12.5', 'dotDecimal')).toEqual({ ok: false, problem: '“12.5” is not a whole number.' });
  });

  it('detects the style from the samples that prove it, and says when none does', () => {
    expect(detectNumberStyle(['1.234,56', '12', ''])).toBe('commaDecimal');
    expect(detectNumberStyle(['12,5'])).toBe('commaDecimal');
    expect(detectNumberStyle(['1,234.56'])).toBe('dotDecimal');
    expect(detectNumberStyle(['1,234,567'])).toBe('dotDecimal');
    expect(detectNumberStyle(['0.5'])).toBe('dotDecimal');
    expect(detectNumberStyle(['1,234', '1.234', '17'])).toBeNull();
    expect(detectNumberStyle([])).toBeNull();
  });

  it('reads back exactly any amount written in either style (property)', () => {
    const write = (cents: number, style: NumberStyle, grouped: boolean) => {
      const [group, decimal] = style === 'dotDecimal' ? [',', '.'] : ['.', ','];
      const whole = String(Math.floor(Math.abs(cents) / 100));
      const digits = grouped ? whole.replace(/\B(?=(\d{3})+$)/g, group) : whole;
      return `${cents < 0 ? '-' : ''}${digits}${decimal}${String(Math.abs(cents) % 100).padStart(2, '0')}`;
    };
    fc.assert(
      fc.property(
        fc.integer({ min: -1e13, max: 1e13 }),
        fc.constantFrom<NumberStyle>('dotDecimal', 'commaDecimal'),
        fc.boolean(),
        (cents, style, grouped) => {
          expect(parseCents(write(cents, style, grouped), style)).toEqual({ ok: true, value: cents });
        },
      ),
    );
  });
});
