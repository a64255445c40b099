import type { OpeningInterval } from '../../src-shared/contract/settings';
import { fieldError } from '../../src-shared/errors';
import type { Db } from '../core/db';
import type { HandlerMap } from '../core/registry';
import { withNewIds } from '../core/save-row';

/** Overlapping intervals on one weekday are a typing mistake, not a schedule. */
function assertNoOverlap(intervals: OpeningInterval[]): void {
  const sorted = [...intervals].sort((a, b) => a.weekday - b.weekday || a.opensAt.localeCompare(b.opensAt));
  sorted.forEach((interval, i) => {
    if (interval.opensAt >= interval.closesAt) {
      throw fieldError('invalid_input', 'An interval must close after it opens.', 'intervals', `Weekday ${interval.weekday}: ${interval.opensAt}–${interval.closesAt}`);
    }
    const next = sorted[i + 1];
    if (next && next.weekday === interval.weekday && next.opensAt < interval.closesAt) {
      throw fieldError('invalid_input', 'Opening intervals on the same day overlap.', 'intervals', `Weekday ${interval.weekday}: ${interval.opensAt}–${interval.closesAt} overlaps ${next.opensAt}–${next.closesAt}`);
    }
  });
}

/** The clinic's weekly opening intervals, by weekday and opening time. */
export const openingHours = (db: Db) => db.selectFrom('openingHours').select(['weekday', 'opensAt', 'closesAt']).orderBy('weekday').orderBy('opensAt').execute();

export const hoursHandlers: HandlerMap<'settings.openingHours' | 'settings.setOpeningHours'> = {
  'settings.openingHours': (_input, ctx) => openingHours(ctx.db),

  'settings.setOpeningHours': async ({ intervals }, ctx) => {
    assertNoOverlap(intervals);
    const before = await openingHours(ctx.db);
    await ctx.db.deleteFrom('openingHours').execute();
    if (intervals.length) await ctx.db.insertInto('openingHours').values(withNewIds(ctx, 'openingHours', intervals)).execute();
    ctx.audit({ action: 'update', entity: 'openingHours', entityId: null, summary: 'Changed opening hours', details: { before, after: intervals } });
    return { ok: true as const };
  },
};
