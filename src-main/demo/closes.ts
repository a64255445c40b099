import { localDate, localInstant } from '../../src-shared/time';
import { dayBounds, dayFigures } from '../closing/index';
import { DEMO_TIME_ZONE, type LocalDay } from './calendar';
import type { DemoContext } from './context';

/** The reception drawer starts every day with this float, and the manager leaves it in for the next. */
const DEMO_FLOAT_CENTS = 20_000;
/** When the manager closes the till, clinic-local. */
const CLOSED_AT_MINUTES = 19 * 60 + 30;

/**
 * Every past day that had a sale or a payment is closed on the reception till, the drawer counted as expected,
 * so the demo's history reads as final (today is left open for the desk). Written after the sales, from their rows.
 */
export function writeCloses(ctx: DemoContext, days: readonly LocalDay[]): number {
  const sqlite = ctx.sqlite;
  const manager = sqlite.prepare("SELECT id FROM staff WHERE username = 'manager'").pluck().get() as number;
  const insert = sqlite.prepare(
    `INSERT INTO dayClose (workstationNumber, date, openingFloatCents, expectedCashCents, countedCents, differenceCents, floatLeftCents, denominations, note, report, closedBy, closedAt)
     VALUES (0, @date, @float, @expected, @counted, @counted - @expected, @floatLeft, '[]', @note, @report, @closedBy, @closedAt)`,
  );
  const today = localDate(ctx.now, DEMO_TIME_ZONE);
  let closed = 0;
  for (const day of days) {
    if (day.date >= today) break;
    const figures = dayFigures(ctx, dayBounds(day.date, DEMO_TIME_ZONE, 0), DEMO_FLOAT_CENTS);
    if (!figures.issued.count && figures.tenders.every((t) => !t.count) && !figures.refunds.count && !figures.voids.count) continue;
    const closedAt = new Date(localInstant(day.date, CLOSED_AT_MINUTES, DEMO_TIME_ZONE)).toISOString();
    const expected = figures.cash.expectedCents;
    // A day whose cash refunds outran the drawer was topped up from the safe: the count cannot go below nothing.
    const counted = Math.max(0, expected);
    const note = counted === expected ? '' : 'Cash refunds paid from the safe';
    insert.run({ date: day.date, float: DEMO_FLOAT_CENTS, expected, counted, floatLeft: Math.min(DEMO_FLOAT_CENTS, counted), note, report: JSON.stringify(figures), closedBy: manager, closedAt });
    closed++;
  }
  return closed;
}
