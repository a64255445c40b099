import Database from 'better-sqlite3';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { registerFunctions } from '../../../src-main/core/sql-functions';

/** The clinic-local date as Intl states it: what the triggers' dates must agree with. */
const intlDate = (instant: string, timeZone: string) => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(instant));

describe('lumen_local_date', () => {
  const sqlite = new Database(':memory:');
  registerFunctions(sqlite);
  const localDateSql = sqlite.prepare('SELECT lumen_local_date(?, ?)').pluck();

  it('gives the clinic-local date Intl gives, across DST changes and odd offsets', () => {
    const zones = ['Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'America/St_Johns', 'Pacific/Chatham', 'UTC'];
    const from = Date.parse('2020-01-01T00:00:00Z');
    const to = Date.parse('2030-01-01T00:00:00Z');
    fc.assert(
      fc.property(fc.integer({ min: from, max: to }), fc.constantFrom(...zones), (ms, zone) => {
        const instant = new Date(ms).toISOString();
        expect(localDateSql.get(instant, zone)).toBe(intlDate(instant, zone));
      }),
      { numRuns: 5_000 },
    );
    // Either side of Berlin's spring and autumn changes, and of local midnight.
    for (const instant of ['2026-03-29T00:59:59.999Z', '2026-03-29T01:00:00.000Z', '2026-03-28T22:59:59.999Z', '2026-03-28T23:00:00.000Z', '2026-10-24T21:59:59.999Z', '2026-10-24T22:00:00.000Z', '2026-10-25T22:59:59.999Z', '2026-10-25T23:00:00.000Z']) {
      expect(localDateSql.get(instant, 'Europe/Berlin')).toBe(intlDate(instant, 'Europe/Berlin'));
    }
  });

  it('reads a row without a zone in UTC and gives no date for no instant', () => {
    expect(localDateSql.get('2026-03-28T23:30:00.000Z', null)).toBe('2026-03-28');
    expect(localDateSql.get('2026-03-28T23:30:00.000Z', '')).toBe('2026-03-28');
    expect(localDateSql.get(null, 'Europe/Berlin')).toBeNull();
  });
});
