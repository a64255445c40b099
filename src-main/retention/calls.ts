import { addCalendarDays, localDayRange } from '../../src-shared/time';
import { cached } from '../core/db';
import type { z } from 'zod';
import type { CallRow, OutreachResult } from '../../src-shared/contract/retention';
import type { HandlerMap } from '../core/registry';
import { dueList, dueRowOf } from './lists';
import { CALL_BACKS_SQL, OUTREACH_RESULTS_SQL } from './queries';
import { asOfDate } from './scope';

/** "Newly" overdue and "soon" due, for this morning's calls. */
const CALL_WINDOW_DAYS = 7;
/** Call-backs missed for longer than this have gone stale and leave the morning list (they stay in the history). */
const CALL_BACK_DAYS = 14;

const KEY_SQL = `
  SELECT p.patientId, p.categoryId, p.lastLocalDate, p.lastServiceId, p.lastStaffId,
    coalesce(sv.intervalOverrideDays, c.maintenanceIntervalDays) AS intervalDays
  FROM patientCategoryPurchase p JOIN serviceCategory c ON c.id = p.categoryId LEFT JOIN service sv ON sv.id = p.lastServiceId
  WHERE p.patientId = ? AND p.categoryId = ?`;

export const callHandlers: HandlerMap<'retention.calls' | 'retention.outreachResults'> = {
  'retention.calls': ({ asOf, limit }, ctx) => {
    const today = asOfDate(asOf, ctx.now, ctx.clinic().timeZone);
    const now = ctx.now.toISOString();
    // Due in the next week or overdue since at most a week, not already booked: the calls that still make a difference.
    const due = dueList(ctx, { asOf: today, scheduled: 'no', sort: 'daysOverdue', limit, offset: 0, format: 'json' }, { minOverdue: -CALL_WINDOW_DAYS, maxOverdue: CALL_WINDOW_DAYS });
    const rows: z.infer<typeof CallRow>[] = due.rows.map((row) => ({ ...row, reason: row.daysOverdue > 0 ? 'newlyDelinquent' : 'dueSoon', note: null }));
    const callBacks = cached(ctx.sqlite, CALL_BACKS_SQL).all({ asOf: today, since: addCalendarDays(today, -CALL_BACK_DAYS) }) as { patientId: number; callBackOn: string; note: string; categoryIds: string }[];
    for (const callBack of callBacks) {
      const categoryId = (JSON.parse(callBack.categoryIds) as number[])[0];
      const key = cached(ctx.sqlite, KEY_SQL).get(callBack.patientId, categoryId) as
        | { patientId: number; categoryId: number; lastLocalDate: string; lastServiceId: number | null; lastStaffId: number | null; intervalDays: number | null }
        | undefined;
      if (!key) continue;
      const dueDate = key.intervalDays ? addCalendarDays(key.lastLocalDate, key.intervalDays) : today;
      const daysOverdue = Math.round((Date.parse(today) - Date.parse(dueDate)) / 86_400_000);
      // A call-back replaces the same patient's due row: one call, with the reason the desk promised.
      const i = rows.findIndex((r) => r.patientId === key.patientId && r.categoryId === key.categoryId);
      if (i >= 0) rows.splice(i, 1);
      rows.unshift({ ...dueRowOf(ctx.sqlite, { ...key, dueDate, daysOverdue }, now), reason: 'callBack', note: callBack.note || null });
    }
    return { asOf: today, rows: rows.slice(0, limit) };
  },

  'retention.outreachResults': ({ from, to }, ctx) => {
    const zone = ctx.clinic().timeZone;
    return cached(ctx.sqlite, OUTREACH_RESULTS_SQL).all({
      from: localDayRange(from, zone).start.toISOString(),
      to: localDayRange(to, zone).end.toISOString(),
    }) as z.infer<typeof OutreachResult>[];
  },
};
