import { describe, expect, it } from 'vitest';
import { formatRelative } from '../../../src-renderer/lib/format';

describe('how long ago a workstation last sent a file', () => {
  const now = Date.parse('2026-03-29T12:00:00Z');

  it('says it in the largest whole unit, and "just now" under a minute', () => {
    expect(formatRelative('2026-03-29T11:59:30Z', now)).toBe('just now');
    expect(formatRelative('2026-03-29T11:55:00Z', now)).toBe('5 minutes ago');
    expect(formatRelative('2026-03-29T09:10:00Z', now)).toBe('2 hours ago');
    expect(formatRelative('2026-03-28T08:00:00Z', now)).toBe('yesterday');
  });

  it('says a time ahead of this clock as "in …", and a dash for never', () => {
    expect(formatRelative('2026-03-29T12:10:00Z', now)).toBe('in 10 minutes');
    expect(formatRelative(null, now)).toBe('—');
  });
});
