import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clinicDateOf } from '../../../src-main/core/sql-functions';
import { localDate } from '../../../src-shared/time';

describe('lumen_local_date', () => {
  it('gives the same clinic-local date as localDate, across DST changes and odd offsets', () => {
    const zones = ['Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'America/St_Johns', 'Pacific/Chatham', 'UTC'];
    const from = Date.parse('2020-01-01T00:00:00Z');
    const to = Date.parse('2030-01-01T00:00:00Z');
    fc.assert(
      fc.property(fc.integer({ min: from, max: to }), fc.constantFrom(...zones), (ms, zone) => {
        const instant = new Date(ms).toISOString();
        expect(clinicDateOf(instant, zone)).toBe(localDate(instant, zone));
      }),
      { numRuns: 5_000 },
    );
    // Either side of Berlin's spring and autumn changes, and of local midnight.
    for (const instant of ['2026-03-29T00:59:59.999Z', '2026-03-29T01:00:00.000Z', '2026-03-28T22:59:59.999Z', '2026-03-28T23:00:00.000Z', '2026-10-24T21:59:59.999Z', '2026-10-24T22:00:00.000Z', '2026-10-25T22:59:59.999Z', '2026-10-25T23:00:00.000Z']) {
      expect(clinicDateOf(instant, 'Europe/Berlin')).toBe(localDate(instant, 'Europe/Berlin'));
    }
  });
});
