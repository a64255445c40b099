import type { AmbassadorRow } from '../../src-shared/contract/referrals';
import { cached } from '../core/db';
import type { HandlerMap } from '../core/registry';
import { addCalendarDays, startOfLocalDay } from '../../src-shared/time';
import { BOARD_SQL } from './queries';

interface BoardRow { id: number; number: string; name: string; referred: number; converted: number; revenueCents: number; rewardCents: number; rewardPoints: number }

const rowOf = (r: BoardRow): AmbassadorRow => ({
  patient: { id: r.id, number: r.number, name: r.name },
  referred: r.referred,
  converted: r.converted,
  revenueCents: r.revenueCents,
  rewardCents: r.rewardCents,
  rewardPoints: r.rewardPoints,
});

export const boardHandlers: HandlerMap<'referrals.board'> = {
  'referrals.board': ({ from, to, page, pageSize }, ctx) => {
    const zone = ctx.clinic().timeZone;
    // The clinic-local days from `from` to `to`, both included, as one range of instants.
    const period = { start: startOfLocalDay(from, zone).toISOString(), end: startOfLocalDay(addCalendarDays(to, 1), zone).toISOString() };
    const rows = (cached(ctx.sqlite, BOARD_SQL).all(period) as BoardRow[]).map(rowOf);
    const sum = (key: 'referred' | 'converted' | 'revenueCents' | 'rewardCents' | 'rewardPoints') => rows.reduce((total, r) => total + r[key], 0);
    return {
      from,
      to,
      rows: rows.slice(page * pageSize, (page + 1) * pageSize),
      total: rows.length,
      top: rows.slice(0, 10),
      totals: { referred: sum('referred'), converted: sum('converted'), revenueCents: sum('revenueCents'), rewardCents: sum('rewardCents'), rewardPoints: sum('rewardPoints') },
    };
  },
};
