import { describe, expect, it } from 'vitest';
import { addCalendarDays, dateOfEpochDay, epochDayOf, instantMs, instantText, zoneOffsetMs } from '../../../src-shared/time';
import { Random } from '../../../src-main/demo/index';

/** The arithmetic codec must agree with Date everywhere Date is defined, or calendar code would shift visits. */
describe('instant text', () => {
  it('reads and writes exactly what Date does, over ±250 years and every millisecond part', () => {
    const rng = new Random(7);
    const span = 250 * 365 * 86_400_000;
    for (let i = 0; i < 50_000; i++) {
      const at = rng.int(-span, span) + rng.int(0, 999);
      const text = new Date(at).toISOString();
      expect(instantText(at)).toBe(text);
      expect(instantMs(text)).toBe(at);
      expect(epochDayOf(text.slice(0, 10))).toBe(Math.floor(at / 86_400_000));
      expect(dateOfEpochDay(Math.floor(at / 86_400_000))).toBe(text.slice(0, 10));
    }
  });

  it('reads other ISO forms through Date, and refuses dates that do not exist', () => {
    expect(instantMs('2026-03-29T03:30:00+02:00')).toBe(Date.parse('2026-03-29T01:30:00.000Z'));
    expect(instantMs('2026-03-02T09:00:00Z')).toBe(Date.parse('2026-03-02T09:00:00.000Z'));
    expect(instantMs('2026-03-02T24:00:00.000Z')).toBe(Date.parse('2026-03-03T00:00:00.000Z'));
    expect(instantMs('not a time')).toBeNaN();
    expect(epochDayOf('2024-02-29')).toBe(19_782);
    expect(epochDayOf('2026-02-29')).toBeNaN();
    expect(epochDayOf('2100-02-29')).toBeNaN();
    expect(epochDayOf('2000-02-29')).toBe(11_016);
    expect(epochDayOf('2026-04-31')).toBeNaN();
    expect(epochDayOf('2026-1-01')).toBeNaN();
    expect(() => addCalendarDays('someday', 1)).toThrow(RangeError);
    expect(addCalendarDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addCalendarDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addCalendarDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(instantText(Date.UTC(12_000, 0, 1))).toBe('+012000-01-01T00:00:00.000Z');
  });
});

/** The offset as Intl states it, the slow way: what zoneOffsetMs must agree with at every minute. */
function intlOffset(at: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' }).formatToParts(at);
  const part = Object.fromEntries(parts.filter((p) => p.type !== 'literal').map((p) => [p.type, Number(p.value)]));
  return Date.UTC(part.year, part.month - 1, part.day, part.hour, part.minute, part.second) - Math.floor(at / 60_000) * 60_000;
}

describe('zone offsets', () => {
  const zones = ['Europe/Berlin', 'America/New_York', 'Australia/Sydney', 'Australia/Lord_Howe', 'Africa/Casablanca', 'Asia/Kathmandu', 'Pacific/Chatham', 'America/Sao_Paulo', 'UTC'];

  it('agrees with Intl at random minutes over 30 years in zones with odd rules', () => {
    const rng = new Random(11);
    const from = Date.UTC(2000, 0, 1);
    const to = Date.UTC(2030, 0, 1);
    for (const zone of zones) {
      for (let i = 0; i < 400; i++) {
        const at = from + rng.int(0, (to - from) / 60_000) * 60_000;
        expect(zoneOffsetMs(at, zone), `${zone} at ${new Date(at).toISOString()}`).toBe(intlOffset(at, zone));
      }
    }
  });

  it('changes at the exact minute of each DST change', () => {
    const berlinSpring = Date.UTC(2026, 2, 29, 1, 0);
    expect(zoneOffsetMs(berlinSpring - 60_000, 'Europe/Berlin')).toBe(3_600_000);
    expect(zoneOffsetMs(berlinSpring, 'Europe/Berlin')).toBe(7_200_000);
    const lordHoweAutumn = Date.UTC(2026, 3, 4, 15, 0); // 02:00 local daylight time → 01:30 standard
    expect(zoneOffsetMs(lordHoweAutumn - 60_000, 'Australia/Lord_Howe')).toBe(11 * 3_600_000);
    expect(zoneOffsetMs(lordHoweAutumn, 'Australia/Lord_Howe')).toBe(10.5 * 3_600_000);
  });
});
