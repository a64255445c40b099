import { LumenError } from '../../src-shared/errors';
import { addCalendarDays, localDate } from '../../src-shared/time';
import type { Sqlite } from '../core/db';
import { cached } from '../core/db';

/** Days overdue reaching back further than any clinic's history. */
export const NO_LIMIT = 1_000_000;
const EARLIEST = '0000-01-01';

interface ScopeEntry {
  c: number;
  i: number;
  lo: string;
  hi: string;
  s?: number;
  x?: number[];
}

export const INTERVALS_SQL = `
  SELECT c.id AS categoryId, c.maintenanceIntervalDays AS categoryDays, s.id AS serviceId, s.intervalOverrideDays AS serviceDays
  FROM serviceCategory c LEFT JOIN service s ON s.categoryId = c.id AND s.intervalOverrideDays IS NOT NULL
  WHERE (@categoryId IS NULL OR c.id = @categoryId) AND (c.maintenanceIntervalDays IS NOT NULL OR s.id IS NOT NULL)`;

/**
 * The @scope of the due-list queries: per category and interval in force (the category's, and each service that
 * overrides it), the last-purchase dates whose due date is between `minOverdue` and `maxOverdue` days before asOf.
 * Local dates carry no zone, so a due date is plain calendar arithmetic whatever DST does.
 */
export function scopeOf(sqlite: Sqlite, asOf: string, minOverdue: number, maxOverdue: number, categoryId: number | null): string {
  const window = (days: number) => ({
    lo: maxOverdue >= NO_LIMIT ? EARLIEST : addCalendarDays(asOf, -(days + maxOverdue)),
    hi: addCalendarDays(asOf, -(days + minOverdue)),
  });
  const rows = cached(sqlite, INTERVALS_SQL).all({ categoryId }) as { categoryId: number; categoryDays: number | null; serviceId: number | null; serviceDays: number | null }[];
  const entries: ScopeEntry[] = [];
  const byCategory = new Map<number, typeof rows>();
  for (const row of rows) byCategory.set(row.categoryId, [...(byCategory.get(row.categoryId) ?? []), row]);
  for (const [c, services] of byCategory) {
    const overrides = services.filter((s) => s.serviceId !== null);
    const days = services[0].categoryDays;
    if (days !== null) entries.push({ c, i: days, ...window(days), ...(overrides.length ? { x: overrides.map((s) => s.serviceId!) } : {}) });
    for (const s of overrides) entries.push({ c, i: s.serviceDays!, s: s.serviceId!, ...window(s.serviceDays!) });
  }
  return JSON.stringify(entries);
}

/** The category asked for by id or by name (any case); not_found when there is none. */
export function categoryIdOf(sqlite: Sqlite, category: number | string | undefined): number | null {
  if (category === undefined) return null;
  const id = (typeof category === 'number'
    ? cached(sqlite, 'SELECT id FROM serviceCategory WHERE id = ?').pluck().get(category)
    : cached(sqlite, 'SELECT id FROM serviceCategory WHERE name = ? COLLATE NOCASE').pluck().get(category)) as number | undefined;
  if (id === undefined) throw new LumenError('not_found', `No service category ${typeof category === 'number' ? `#${category}` : `named “${category}”`}.`);
  return id;
}

/** The clinic's today, or the date asked for. */
export const asOfDate = (asOf: string | undefined, now: Date, timeZone: string): string => asOf ?? localDate(now, timeZone);
