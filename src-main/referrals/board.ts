import type { AmbassadorRow } from '../../src-shared/contract/referrals';
import { cached } from '../core/db';
import type { HandlerMap } from '../core/registry';
import { utcRange } from '../reports/index';
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
    const rows = (cached(ctx.sqlite, BOARD_SQL).all(utcRange(from, to, ctx.clinic().timeZone)) as BoardRow[]).map(rowOf);
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
