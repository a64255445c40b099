import { LumenError } from '../../src-shared/errors';
import { localDate, localDayRange } from '../../src-shared/time';
import { cached } from '../core/db';
import type { HandlerContext } from '../core/registry';
import { firstIdOf, lastIdOf, MAX_WORKSTATIONS, workstationNumberOfId } from '../core/workstation';

/**
 * A till is a workstation's cash drawer: its day is closed on its own (a Z report per workstation and day, the
 * clinic's total their sum). The rows a till wrote are those in its workstation's id range.
 */
export function thisTill(ctx: Pick<HandlerContext, 'runtime'>): number {
  return ctx.runtime.workstation?.identity?.number ?? 0;
}

/** The SQL bounds of a day on one till (or every till), as the queries of queries.ts bind them. */
export interface DayBounds {
  date: string;
  start: string;
  end: string;
  first: number;
  last: number;
  firstTill: number;
  lastTill: number;
}

export function dayBounds(date: string, timeZone: string, till: number | 'all'): DayBounds {
  const { start, end } = localDayRange(date, timeZone);
  const tills = till === 'all' ? { firstTill: 0, lastTill: MAX_WORKSTATIONS - 1 } : { firstTill: till, lastTill: till };
  return { date, start: start.toISOString(), end: end.toISOString(), first: firstIdOf(tills.firstTill), last: lastIdOf(tills.lastTill), ...tills };
}

export const CLOSED_SQL = 'SELECT 1 FROM dayClose WHERE workstationNumber = ? AND date = ?';

/**
 * Refuses a change to a closed day's documents: `what` happens on `date` (clinic-local) on till `till`. Checkout
 * calls it before issuing, taking payment, refunding, taking back to draft and voiding; the refusal changes nothing.
 */
export function requireDayOpen(ctx: HandlerContext, what: string, options: { at?: string | Date; rowId?: number } = {}): void {
  const date = localDate(options.at ?? ctx.now, ctx.clinic().timeZone);
  const till = options.rowId === undefined ? thisTill(ctx) : workstationNumberOfId(options.rowId);
  if (cached(ctx.sqlite, CLOSED_SQL).get(till, date)) {
    const where = till === thisTill(ctx) ? 'this till' : `till ${till}`;
    throw new LumenError('invalid_transition', `${date} is closed on ${where} (its Z report is final): ${what} is refused. Correct it with a credit note on an open day.`, { reason: 'dayClosed', date });
  }
}
