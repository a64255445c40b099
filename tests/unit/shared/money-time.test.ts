import { describe, expect, it } from 'vitest';
import { applyRate, divRound, formatMoney, parseMoney, percentOf } from '../../../src-shared/money';
import { addCalendarDays, ageOn, localDate, localDayRange } from '../../../src-shared/time';
import { fold, nameTokens } from '../../../src-shared/text';
import { normalizePhone } from '../../../src-shared/phone';

describe('money', () => {
  it('rounds half away from zero without floating point', () => {
    expect(divRound(5, 2)).toBe(3);
    expect(divRound(-5, 2)).toBe(-3);
    expect(divRound(4, 3)).toBe(1);
    expect(percentOf(1999, 1250)).toBe(250); // 12.5% of 19.99 = 2.49875 → 2.50
    expect(applyRate(10_000, 8875)).toBe(888); // 8.875% of 100.00 = 8.875 → 8.88
    expect(applyRate(-10_000, 8875)).toBe(-888);
    expect(() => percentOf(10.5, 100)).toThrow(RangeError);
  });

  it('parses and formats amounts at the edge only', () => {
    expect(parseMoney('12.50', 'EUR')).toBe(1250);
    expect(parseMoney('1 234,5', 'EUR')).toBe(123_450);
    expect(parseMoney('0.105', 'USD')).toBeNull();
    expect(parseMoney('1500', 'JPY')).toBe(1500);
    expect(parseMoney('abc', 'USD')).toBeNull();
    expect(formatMoney(123_456, 'USD', 'en-US')).toBe('$1,234.56');
    expect(formatMoney(-5, 'EUR', 'en-US')).toBe('-€0.05');
    expect(formatMoney(1500, 'JPY', 'en-US')).toBe('¥1,500');
  });
});

describe('clinic time', () => {
  it('gives 23- and 25-hour local days across both DST changes', () => {
    const spring = localDayRange('2026-03-29', 'Europe/Berlin');
    expect(spring.start.toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect((spring.end.getTime() - spring.start.getTime()) / 3_600_000).toBe(23);
    const autumn = localDayRange('2026-10-25', 'Europe/Berlin');
    expect((autumn.end.getTime() - autumn.start.getTime()) / 3_600_000).toBe(25);
    const ny = localDayRange('2026-11-01', 'America/New_York');
    expect((ny.end.getTime() - ny.start.getTime()) / 3_600_000).toBe(25);
  });

  it('puts an instant on the clinic’s calendar day, not the machine’s', () => {
    expect(localDate('2026-03-28T23:30:00Z', 'Europe/Berlin')).toBe('2026-03-29');
    expect(localDate('2026-03-28T23:30:00Z', 'America/Los_Angeles')).toBe('2026-03-28');
    expect(addCalendarDays('2026-03-28', 90)).toBe('2026-06-26');
    expect(ageOn('1990-06-15', '2026-06-14')).toBe(35);
    expect(ageOn('1990-06-15', '2026-06-15')).toBe(36);
  });
});

describe('search keys', () => {
  it('folds accents and letters without decomposition', () => {
    expect(fold('  Ødegaard ')).toBe('odegaard');
    expect(fold('Straße')).toBe('strasse');
    expect(nameTokens('Mary-Jane', "O'Neil")).toEqual(['maryjane', 'mary', 'jane', 'oneil']);
  });

  it('normalises phones to E.164 with the clinic region', () => {
    expect(normalizePhone('(212) 555-0142', 'US')).toBe('+12125550142');
    expect(normalizePhone('030 1234567', 'DE')).toBe('+49301234567');
    expect(normalizePhone('+44 20 7946 0958', 'DE')).toBe('+442079460958');
    expect(normalizePhone('hello', 'US')).toBeNull();
  });
});
