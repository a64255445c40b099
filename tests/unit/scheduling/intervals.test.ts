import { describe, expect, it } from 'vitest';
import { type Interval, overlapsAny, subtract, toInterval } from '../../../src-main/scheduling/availability';
import { LocalDay } from '../../../src-main/scheduling/local';
import { addCalendarDays, localInstant } from '../../../src-shared/time';
import { Random } from '../../../src-main/demo/index';

/** The minutes covered by a list of intervals, the slow obvious way. */
function minutes(list: Interval[]): Set<number> {
  const covered = new Set<number>();
  for (const r of list) for (let m = r.start; m < r.end; m++) covered.add(m);
  return covered;
}

function randomIntervals(rng: Random, count: number, sorted: boolean): Interval[] {
  const list = Array.from({ length: count }, () => {
    const start = rng.int(0, 200);
    return { start, end: start + rng.int(1, 40) };
  });
  if (!sorted) return list;
  // Sorted and disjoint, as working time is.
  const disjoint: Interval[] = [];
  for (const r of list.sort((a, b) => a.start - b.start)) {
    const last = disjoint[disjoint.length - 1];
    if (!last || r.start > last.end) disjoint.push(r);
  }
  return disjoint;
}

describe('free time arithmetic', () => {
  it('subtract leaves exactly the minutes of `from` outside every cut, sorted and disjoint', () => {
    const rng = new Random(3);
    for (let i = 0; i < 3000; i++) {
      const from = randomIntervals(rng, rng.int(0, 6), true);
      const cut = randomIntervals(rng, rng.int(0, 8), false);
      const result = subtract(from, cut);
      const cutMinutes = minutes(cut);
      expect(minutes(result)).toEqual(new Set([...minutes(from)].filter((m) => !cutMinutes.has(m))));
      for (let k = 1; k < result.length; k++) expect(result[k].start).toBeGreaterThanOrEqual(result[k - 1].end);
      for (const r of result) expect(r.end).toBeGreaterThan(r.start);
    }
  });

  it('busy time finds visits that start the evening before, span midnight, or are blocks, and cuts them out of free time', () => {
    const at = (text: string) => Date.parse(text);
    const visits = [
      { startsAt: '2026-03-01T20:00:00.000Z', endsAt: '2026-03-02T01:00:00.000Z' },
      { startsAt: '2026-03-02T09:00:00.000Z', endsAt: '2026-03-02T10:00:00.000Z' },
      { startsAt: '2026-03-03T09:00:00.000Z', endsAt: '2026-03-03T09:30:00.000Z' },
    ];
    const busy = [...visits.map(toInterval), { start: at('2026-03-02T12:00:00.000Z'), end: at('2026-03-02T13:00:00.000Z') }];
    expect(overlapsAny(busy, at('2026-03-02T00:30:00.000Z'), at('2026-03-02T00:45:00.000Z'))).toBe(true);
    expect(overlapsAny(busy, at('2026-03-02T01:00:00.000Z'), at('2026-03-02T09:00:00.000Z'))).toBe(false);
    expect(overlapsAny(busy, at('2026-03-02T09:59:00.000Z'), at('2026-03-02T10:30:00.000Z'))).toBe(true);
    expect(overlapsAny(busy, at('2026-03-02T12:30:00.000Z'), at('2026-03-02T12:40:00.000Z'))).toBe(true);
    expect(overlapsAny(busy, at('2026-03-02T13:00:00.000Z'), at('2026-03-03T09:00:00.000Z'))).toBe(false);
    const free = subtract([{ start: at('2026-03-02T00:00:00.000Z'), end: at('2026-03-04T00:00:00.000Z') }], busy);
    expect(free.map((r) => `${new Date(r.start).toISOString()} ${new Date(r.end).toISOString()}`)).toEqual([
      '2026-03-02T01:00:00.000Z 2026-03-02T09:00:00.000Z',
      '2026-03-02T10:00:00.000Z 2026-03-02T12:00:00.000Z',
      '2026-03-02T13:00:00.000Z 2026-03-03T09:00:00.000Z',
      '2026-03-03T09:30:00.000Z 2026-03-04T00:00:00.000Z',
    ]);
  });
});

describe('local days', () => {
  it('give every wall-clock minute the instant localInstant gives, on ordinary days and both DST change days', () => {
    const zones = ['America/New_York', 'Europe/Berlin', 'Australia/Lord_Howe', 'Pacific/Chatham', 'UTC'];
    const dates = ['2026-03-08', '2026-03-29', '2026-04-05', '2026-07-15', '2026-10-04', '2026-10-25', '2026-11-01'];
    for (const zone of zones) {
      for (const date of dates) {
        const day = new LocalDay(date, zone);
        expect(day.start).toBe(localInstant(date, 0, zone));
        expect(day.end).toBe(localInstant(addCalendarDays(date, 1), 0, zone));
        for (let minute = 0; minute <= 1440; minute += 5) expect(day.instant(minute), `${zone} ${date} minute ${minute}`).toBe(localInstant(date, minute, zone));
      }
    }
    // A 23-hour and a 25-hour day: 09:00–17:00 is still eight hours.
    for (const date of ['2026-03-08', '2026-11-01']) {
      const day = new LocalDay(date, 'America/New_York');
      expect(day.instant(17 * 60) - day.instant(9 * 60)).toBe(8 * 3_600_000);
    }
    expect(new LocalDay('2026-03-08', 'America/New_York').end - new LocalDay('2026-03-08', 'America/New_York').start).toBe(23 * 3_600_000);
    expect(new LocalDay('2026-11-01', 'America/New_York').end - new LocalDay('2026-11-01', 'America/New_York').start).toBe(25 * 3_600_000);
  });
});
