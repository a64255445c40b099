import { fieldError, LumenError } from '../../src-shared/errors';
import { localDate } from '../../src-shared/time';
import type { HandlerMap } from '../core/registry';
import { closeRecord, closesOf, dayFigures, zReport } from './report';
import { dayBounds, thisTill } from './till';

/** The Z report, closing a till's day with its drawer count, and the closes so far. */
export const closeHandlers: HandlerMap<'closing.report' | 'closing.close' | 'closing.list'> = {
  'closing.report': ({ date, scope, openingFloatCents }, ctx) => zReport(ctx, date ?? localDate(ctx.now, ctx.clinic().timeZone), scope, openingFloatCents),

  /**
   * Only this workstation's till is closed here: its drawer is the one counted. A close is final (no reopening):
   * the Z report is what was handed over and banked, and a mistake found later is corrected on an open day with a
   * credit note, which that day's report shows.
   */
  'closing.close': async (input, ctx) => {
    const { timeZone } = ctx.clinic();
    const today = localDate(ctx.now, timeZone);
    const date = input.date ?? today;
    if (date > today) throw fieldError('invalid_input', 'A day can only be closed once it has begun.', 'date');
    const till = thisTill(ctx);
    const bounds = dayBounds(date, timeZone, till);
    if (closesOf(ctx, bounds).length) throw new LumenError('conflict', `${date} is already closed on this till.`);

    const fromDenominations = input.denominations.reduce((total, d) => total + d.valueCents * d.count, 0);
    if (input.countedCents === undefined && !input.denominations.length) throw fieldError('invalid_input', 'Count the drawer: type the total or the count of each note and coin.', 'countedCents');
    if (input.countedCents !== undefined && input.denominations.length && input.countedCents !== fromDenominations) {
      throw fieldError('invalid_input', `The notes and coins add up to ${fromDenominations} (minor units), not ${input.countedCents}.`, 'countedCents');
    }
    const countedCents = input.countedCents ?? fromDenominations;
    const figures = dayFigures(ctx, bounds, input.openingFloatCents);
    const differenceCents = countedCents - figures.cash.expectedCents;
    if (differenceCents !== 0 && !input.note) {
      throw fieldError('invalid_input', `The drawer is ${Math.abs(differenceCents)} (minor units) ${differenceCents < 0 ? 'short' : 'over'}: say why in a note.`, 'note');
    }
    const floatLeftCents = input.floatLeftCents ?? Math.min(figures.cash.openingFloatCents, countedCents);
    if (floatLeftCents > countedCents) throw fieldError('invalid_input', 'The float left for tomorrow cannot be more than was counted.', 'floatLeftCents');

    const id = ctx.newId('dayClose');
    await ctx.db
      .insertInto('dayClose')
      .values({
        id,
        workstationNumber: till,
        date,
        openingFloatCents: figures.cash.openingFloatCents,
        expectedCashCents: figures.cash.expectedCents,
        countedCents,
        differenceCents,
        floatLeftCents,
        denominations: JSON.stringify(input.denominations.filter((d) => d.count > 0)),
        note: input.note,
        report: JSON.stringify(figures),
        closedBy: ctx.session?.staffId ?? null,
        closedAt: ctx.now.toISOString(),
      })
      .execute();
    ctx.audit({
      action: 'create',
      entity: 'dayClose',
      entityId: id,
      summary: `Closed ${date} on till ${till}: expected ${figures.cash.expectedCents}, counted ${countedCents}${differenceCents ? `, ${differenceCents < 0 ? 'short' : 'over'} ${Math.abs(differenceCents)}: ${input.note}` : ''} (minor units)`,
      details: { date, till, expectedCents: figures.cash.expectedCents, countedCents, differenceCents, floatLeftCents, note: input.note, takingsCents: figures.takingsCents },
    });
    return zReport(ctx, date, 'till');
  },

  'closing.list': ({ from, to }, ctx) =>
    ctx.db
      .selectFrom('dayClose as d')
      .leftJoin('workstation as w', 'w.number', 'd.workstationNumber')
      .leftJoin('staff as s', 's.id', 'd.closedBy')
      .selectAll('d')
      .select((eb) => [eb.fn.coalesce('w.name', eb.val('Workstation')).as('workstationName'), 's.displayName as closedByName'])
      .where('d.date', '>=', from)
      .where('d.date', '<=', to)
      .orderBy('d.date', 'desc')
      .orderBy('d.workstationNumber')
      .execute()
      .then((rows) => rows.map(closeRecord)),
};
