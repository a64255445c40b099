import { tz } from '@date-fns/tz';
import { addMonths } from 'date-fns';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addCalendarDays, addCalendarMonths, calendarDaysBetween, hhmm, isoOf, localDate, localInstant, minutesOf, wallMinutes, weekdayOf, weekStartOf } from '../../../src-shared/time';
import { Random } from '../../../src-main/demo/index';

const ZONES = ['Europe/Berlin', 'America/New_York', 'Australia/Sydney', 'Australia/Lord_Howe', 'Africa/Casablanca', 'Asia/Kathmandu', 'Pacific/Chatham', 'America/Sao_Paulo', 'UTC'];
const MINUTE = 60_000;

/** The wall clock of an instant as Intl states it, the slow way: what the time module must agree with. */
const formats = new Map(ZONES.map((timeZone) => [timeZone, new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' })]));
function intlWallClock(at: number, timeZone: string): { date: string; minutes: number } {
  const parts = formats.get(timeZone)!.formatToParts(at);
  const part = Object.fromEntries(parts.map((p) => [p.type, p.value]));
  return { date: `${part.year}-${part.month}-${part.day}`, minutes: Number(part.hour) * 60 + Number(part.minute) };
}

function randomMinutes(seed: number, count: number): number[] {
  const rng = new Random(seed);
  const from = Date.UTC(2000, 0, 1);
  const to = Date.UTC(2030, 0, 1);
  return Array.from({ length: count }, () => from + rng.int(0, (to - from) / MINUTE) * MINUTE);
}

describe('clinic wall clock', () => {
  it('reads the local date and minute of an instant as Intl does, over 30 years in zones with odd rules', () => {
    for (const zone of ZONES) {
      for (const at of randomMinutes(11, 400)) {
        const expected = intlWallClock(at, zone);
        expect(localDate(at, zone), `${zone} at ${new Date(at).toISOString()}`).toBe(expected.date);
        expect(localDate(new Date(at).toISOString(), zone)).toBe(expected.date);
        expect(wallMinutes(at, zone), `${zone} at ${new Date(at).toISOString()}`).toBe(expected.minutes);
      }
    }
  });

  it('agrees with Intl every quarter hour of each day in a year on which a zone changes its offset', () => {
    // An offset is looked up once per zone and day; a day on which it changes is looked up instant by instant.
    const wallMs = (at: number, zone: string) => {
      const { date, minutes } = intlWallClock(at, zone);
      return Date.parse(date) + minutes * MINUTE;
    };
    let changeDays = 0;
    for (const zone of ZONES) {
      for (let day = Date.UTC(2026, 0, 1); day < Date.UTC(2027, 0, 1); day += 24 * 60 * MINUTE) {
        if (wallMs(day + 24 * 60 * MINUTE - MINUTE, zone) - wallMs(day, zone) === 24 * 60 * MINUTE - MINUTE) continue;
        changeDays++;
        for (let at = day; at < day + 24 * 60 * MINUTE; at += 15 * MINUTE) {
          const expected = intlWallClock(at, zone);
          expect(localDate(at, zone), `${zone} at ${new Date(at).toISOString()}`).toBe(expected.date);
          expect(wallMinutes(at, zone), `${zone} at ${new Date(at).toISOString()}`).toBe(expected.minutes);
        }
      }
    }
    // Two a year in each zone with summer time (Casablanca's Ramadan break makes two more).
    expect(changeDays).toBeGreaterThanOrEqual(12);
  });

  it('turns every wall-clock time back into its instant, the first one when the time happens twice', () => {
    for (const zone of ZONES) {
      for (const at of randomMinutes(7, 400)) {
        const back = localInstant(localDate(at, zone), wallMinutes(at, zone), zone);
        expect(intlWallClock(back, zone)).toEqual(intlWallClock(at, zone));
        // Only in a repeated autumn hour is there an earlier instant with the same wall clock.
        if (back !== at) expect(at - back, `${zone} at ${new Date(at).toISOString()}`).toBeLessThanOrEqual(60 * MINUTE);
        expect(back).toBeLessThanOrEqual(at);
      }
    }
  });

  it('changes at the exact minute of each DST change: a skipped time moves forward, a repeated time is the first', () => {
    const berlinSpring = Date.UTC(2026, 2, 29, 1, 0); // 02:00 standard time → 03:00 summer time
    expect(wallMinutes(berlinSpring - MINUTE, 'Europe/Berlin')).toBe(minutesOf('01:59'));
    expect(wallMinutes(berlinSpring, 'Europe/Berlin')).toBe(minutesOf('03:00'));
    expect(localInstant('2026-03-29', minutesOf('02:30'), 'Europe/Berlin')).toBe(localInstant('2026-03-29', minutesOf('03:30'), 'Europe/Berlin'));
    expect(new Date(localInstant('2026-03-29', minutesOf('02:30'), 'Europe/Berlin')).toISOString()).toBe('2026-03-29T01:30:00.000Z');
    expect(new Date(localInstant('2026-10-25', minutesOf('02:30'), 'Europe/Berlin')).toISOString()).toBe('2026-10-25T00:30:00.000Z');

    const lordHoweAutumn = Date.UTC(2026, 3, 4, 15, 0); // 02:00 local daylight time → 01:30 standard (a 30-minute change)
    expect(wallMinutes(lordHoweAutumn - MINUTE, 'Australia/Lord_Howe')).toBe(minutesOf('01:59'));
    expect(wallMinutes(lordHoweAutumn, 'Australia/Lord_Howe')).toBe(minutesOf('01:30'));
    expect(new Date(localInstant('2026-04-05', minutesOf('01:45'), 'Australia/Lord_Howe')).toISOString()).toBe('2026-04-04T14:45:00.000Z');
    expect(new Date(localInstant('2026-10-04', minutesOf('02:15'), 'Australia/Lord_Howe')).toISOString()).toBe('2026-10-03T15:45:00.000Z');

    // A minute past midnight runs into the next day, and a 23-hour day ends 23 hours after it starts.
    expect(localInstant('2026-03-29', 1440, 'Europe/Berlin')).toBe(localInstant('2026-03-30', 0, 'Europe/Berlin'));
    expect(localInstant('2026-03-30', 0, 'Europe/Berlin') - localInstant('2026-03-29', 0, 'Europe/Berlin')).toBe(23 * 60 * MINUTE);
  });
});

describe('stored instants', () => {
  it('are written exactly as toISOString writes them, for any instant Date can hold, fractions and negatives included', () => {
    const anyMs = fc.double({ min: -8.64e15, max: 8.64e15, noNaN: true });
    const instant = fc.oneof(anyMs.map(Math.trunc), anyMs, fc.integer({ min: -86_400_000 * 3, max: 86_400_000 * 3 }));
    fc.assert(
      fc.property(instant, (ms) => {
        expect(isoOf(ms)).toBe(new Date(ms).toISOString());
      }),
      { numRuns: 20_000 },
    );
    for (const ms of [0, -1, 8.64e15, -8.64e15, Date.UTC(2026, 2, 8, 7, 0, 0, 5), Date.UTC(9999, 11, 31, 23, 59, 59, 999), Date.UTC(10000, 0, 1)]) expect(isoOf(ms)).toBe(new Date(ms).toISOString());
  });

  it('refuses what is not an instant, as toISOString does', () => {
    for (const ms of [Number.NaN, Infinity, 8.64e15 + 1]) expect(() => isoOf(ms)).toThrow(RangeError);
  });
});

describe('calendar dates', () => {
  it('count days, months and weeks without any zone, and refuse dates that do not exist', () => {
    expect(addCalendarDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addCalendarDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addCalendarDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addCalendarDays('2026-03-28', 3)).toBe('2026-03-31');
    expect(() => addCalendarDays('someday', 1)).toThrow(RangeError);
    expect(() => addCalendarDays('2026-02-29', 1)).toThrow(RangeError);
    expect(() => addCalendarDays('2100-02-29', 1)).toThrow(RangeError);
    expect(() => addCalendarDays('2026-04-31', 1)).toThrow(RangeError);
    expect(() => addCalendarDays('2026-1-01', 1)).toThrow(RangeError);
    expect(addCalendarDays('2000-02-29', 0)).toBe('2000-02-29');
    expect(calendarDaysBetween('2026-03-01', '2026-04-01')).toBe(31);
    expect(calendarDaysBetween('2026-10-26', '2026-10-24')).toBe(-2);
    expect(addCalendarMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addCalendarMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addCalendarMonths('2026-11-15', 3)).toBe('2027-02-15');
    expect(addCalendarMonths('2026-03-31', -1)).toBe('2026-02-28');
    expect(() => addCalendarMonths('2026-02-30', 1)).toThrow(RangeError);
    expect(weekdayOf('2026-03-02')).toBe(1);
    expect(weekdayOf('2026-03-01')).toBe(7);
    expect(weekStartOf('2026-03-01')).toBe('2026-02-23');
    expect(weekStartOf('2026-03-02')).toBe('2026-03-02');
    expect(weekStartOf('2027-01-01')).toBe('2026-12-28');
  });

  it('add months as date-fns does, on any date and across years both ways', () => {
    const dates = fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2199-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(dates, fc.integer({ min: -1200, max: 1200 }), (date, months) => {
        expect(addCalendarMonths(date, months)).toBe(addMonths(Date.parse(date), months, { in: tz('UTC') }).toISOString().slice(0, 10));
      }),
    );
  });

  it('write and read clock times as HH:MM', () => {
    expect(hhmm(0)).toBe('00:00');
    expect(hhmm(9 * 60 + 5)).toBe('09:05');
    expect(hhmm(23 * 60 + 59)).toBe('23:59');
    for (let minutes = 0; minutes < 1440; minutes++) expect(minutesOf(hhmm(minutes))).toBe(minutes);
  });
});
