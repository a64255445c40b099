import { afterEach, describe, expect, it } from 'vitest';
import { openTestClinic, type TestClinic } from '../../support/clinic';
import { becomeWorkstation } from '../../support/identity';
import { berlin, errorOf } from '../scheduling/calendar';
import { sell, snapshot, travel } from './day';

let clinic: TestClinic | undefined;
afterEach(async () => {
  await clinic?.close();
  clinic = undefined;
});

/**
 * Monday 2 March 2026 at a Berlin till: a discounted sale paid in cash with change, a two-unit sale split between card
 * and cash with one unit refunded, a sale left unpaid, and one voided.
 */
async function knownDay() {
  clinic = await openTestClinic({ now: berlin('2026-03-02T10:00'), timeZone: 'Europe/Berlin' });
  const c = clinic;
  const discounted = await sell(c, [{ unitPriceCents: 10_000, percentOff: 10 }]); // net 90.00, tax 17.10, total 107.10
  await c.call('payments.take', { invoiceId: discounted.id, tenders: [{ tender: 'cash', amountCents: 10_710, tenderedCents: 11_000 }] });
  c.clock.advance({ minutes: 1 });
  const split = await sell(c, [{ unitPriceCents: 10_000, quantity: 2 }]); // total 238.00
  await c.call('payments.take', { invoiceId: split.id, tenders: [{ tender: 'card', amountCents: 13_800, reference: '4242' }, { tender: 'cash', amountCents: 10_000 }] });
  c.clock.advance({ minutes: 1 });
  const unpaid = await sell(c, [{ unitPriceCents: 5_000, taxRateMillipercent: 7_000 }]); // total 53.50
  const voided = await sell(c, [{ unitPriceCents: 3_000 }]); // total 35.70
  await c.call('invoices.void', { id: voided.id, reason: 'Wrong patient' });
  c.clock.advance({ minutes: 1 });
  // One of the two units back: 119.00, the most recently used tender (cash) first, then card.
  const refund = await c.call('creditNotes.create', { invoiceId: split.id, lines: [{ invoiceLineId: split.lines[0].id, quantity: 1 }], reason: 'Changed mind', refundTo: 'originalTender' });
  return { c, discounted, split, unpaid, voided, refund };
}

describe('the Z report', () => {
  it('adds up a known day: takings by tender net of refunds, refunds, voids, discounts, issued with tax by rate, owed, expected cash', async () => {
    const { c } = await knownDay();
    const { figures, workstation, closes } = await c.call('closing.report', { openingFloatCents: 5_000 });
    expect(workstation).toMatchObject({ number: 0 });
    expect(closes).toEqual([]);
    expect(figures.tenders).toEqual([
      { tender: 'cash', count: 3, takenCents: 20_710, refundedCents: 10_000, netCents: 10_710 },
      { tender: 'card', count: 2, takenCents: 13_800, refundedCents: 1_900, netCents: 11_900 },
      { tender: 'transfer', count: 0, takenCents: 0, refundedCents: 0, netCents: 0 },
      { tender: 'storedValue', count: 0, takenCents: 0, refundedCents: 0, netCents: 0 },
      { tender: 'giftCard', count: 0, takenCents: 0, refundedCents: 0, netCents: 0 },
      { tender: 'package', count: 0, takenCents: 0, refundedCents: 0, netCents: 0 },
      { tender: 'points', count: 0, takenCents: 0, refundedCents: 0, netCents: 0 },
    ]);
    expect(figures.takingsCents).toBe(22_610);
    expect(figures.changeGivenCents).toBe(290);
    expect(figures.refunds).toMatchObject({ count: 1, totalCents: 11_900, refundedCents: 11_900, notes: [{ reason: 'Changed mind', refundTo: 'originalTender', totalCents: 11_900, refundedCents: 11_900 }] });
    expect(figures.refunds.byRefundTo).toEqual([
      { refundTo: 'originalTender', count: 1, totalCents: 11_900, refundedCents: 11_900 },
      { refundTo: 'storeCredit', count: 0, totalCents: 0, refundedCents: 0 },
    ]);
    expect(figures.voids).toEqual({ count: 1, totalCents: 3_570, invoices: [{ number: 'INV-P0000004', totalCents: 3_570, reason: 'Wrong patient' }] });
    expect(figures.discountsCents).toBe(1_000);
    expect(figures.issued).toEqual({
      count: 3,
      netCents: 34_000,
      taxCents: 5_860,
      totalCents: 39_860,
      taxes: [
        { rateMillipercent: 7_000, netCents: 5_000, taxCents: 350 },
        { rateMillipercent: 19_000, netCents: 29_000, taxCents: 5_510 },
      ],
    });
    expect(figures.owedCents).toBe(5_350);
    expect(figures.cash).toEqual({ openingFloatCents: 5_000, takenCents: 20_710, refundedCents: 10_000, expectedCents: 15_710 });
    // The day before and after are empty.
    const before = await c.call('closing.report', { date: '2026-03-01' });
    expect(before.figures.takingsCents).toBe(0);
    expect(before.figures.issued.count).toBe(0);
  });

  it('closes with a short drawer only with a note, keeps the figures as they were, and leaves the float for the next day', async () => {
    const { c } = await knownDay();
    const frontDesk = await c.as('frontDesk');
    expect((await frontDesk.call('closing.report', {})).figures.takingsCents).toBe(22_610);
    expect((await errorOf(frontDesk.call('closing.close', { countedCents: 15_710 }))).code).toBe('forbidden');

    const before = snapshot(c);
    const noNote = await errorOf(c.call('closing.close', { openingFloatCents: 5_000, countedCents: 15_210 }));
    expect(noNote).toMatchObject({ code: 'invalid_input', details: { fieldErrors: { note: [expect.stringMatching(/500 .*short/)] } } });
    const badSum = await errorOf(c.call('closing.close', { openingFloatCents: 5_000, countedCents: 15_210, denominations: [{ valueCents: 5_000, count: 3 }] }));
    expect(badSum.code).toBe('invalid_input');
    expect(snapshot(c)).toEqual(before);

    // Counted by denomination: 3 × 50 + 1 × 2.00 + 1 × 0.10 = 152.10, five euros short of 157.10.
    const closed = await c.call('closing.close', {
      openingFloatCents: 5_000,
      denominations: [{ valueCents: 5_000, count: 3 }, { valueCents: 200, count: 1 }, { valueCents: 10, count: 1 }, { valueCents: 100, count: 0 }],
      note: 'A 5 € note given as change twice',
    });
    expect(closed.closes).toEqual([
      expect.objectContaining({ date: '2026-03-02', expectedCashCents: 15_710, countedCents: 15_210, differenceCents: -500, floatLeftCents: 5_000, bankedCents: 10_210, note: 'A 5 € note given as change twice', closedBy: 'Olivia Owner' }),
    ]);
    expect(closed.closes[0].denominations).toHaveLength(3);
    expect(closed.figures.takingsCents).toBe(22_610);
    expect(closed.changedSinceClose).toBe(false);
    expect((await errorOf(c.call('closing.close', { countedCents: 15_710 }))).code).toBe('conflict');
    expect(() => c.lumen.runtime.sqlite.prepare('UPDATE dayClose SET countedCents = 15710, differenceCents = 0').run()).toThrow(/never changes/);
    expect(() => c.lumen.runtime.sqlite.prepare('DELETE FROM dayClose').run()).toThrow(/never removed/);

    // A change that reaches the closed day anyway (straight in the database, as a bad sync might) leaves its report standing.
    c.lumen.runtime.sqlite.prepare("INSERT INTO payment (id, invoiceId, tender, amountCents, takenAt) VALUES (999, (SELECT min(id) FROM invoice), 'card', 100, ?)").run(new Date(Date.parse(berlin('2026-03-02T12:00'))).toISOString());
    const after = await c.call('closing.report', { date: '2026-03-02' });
    expect(after.figures.takingsCents).toBe(22_610);
    expect(after.changedSinceClose).toBe(true);

    await travel(c, { days: 1 });
    const next = await c.call('closing.report', {});
    expect(next.date).toBe('2026-03-03');
    expect(next.figures.cash.openingFloatCents).toBe(5_000);
    expect((await c.call('closing.list', { from: '2026-03-01', to: '2026-03-31' })).map((d) => [d.date, d.differenceCents])).toEqual([['2026-03-02', -500]]);
  });

  it('once a day is closed, refuses issuing, payment, refunds, back to draft and voids on it, and changes nothing', async () => {
    const { c, split, unpaid } = await knownDay();
    const draft = await c.call('invoices.createDraft', { lines: [{ description: 'Serum', unitPriceCents: 4_000 }] });
    await c.call('closing.close', { openingFloatCents: 5_000, countedCents: 15_710 });
    const before = snapshot(c);
    const refusals = [
      c.call('invoices.issue', { id: draft.id }),
      c.call('payments.take', { invoiceId: unpaid.id, tenders: [{ tender: 'card', amountCents: 5_350 }] }),
      c.call('creditNotes.create', { invoiceId: split.id, lines: [{ invoiceLineId: split.lines[0].id, quantity: 1 }], reason: 'Second unit', refundTo: 'originalTender' }),
      c.call('invoices.backToDraft', { id: unpaid.id }),
      c.call('invoices.void', { id: unpaid.id, reason: 'Not wanted' }),
    ];
    for (const refusal of refusals) expect(await errorOf(refusal)).toMatchObject({ code: 'invalid_transition', message: expect.stringMatching(/2026-03-02 is closed/), details: { reason: 'dayClosed', date: '2026-03-02' } });
    expect(snapshot(c)).toEqual(before);

    // The next day is open: the closed day's invoice is paid and refunded then, but what it was when issued stays.
    await travel(c, { days: 1 });
    expect((await errorOf(c.call('invoices.backToDraft', { id: unpaid.id }))).details).toMatchObject({ reason: 'dayClosed', date: '2026-03-02' });
    expect((await errorOf(c.call('invoices.void', { id: unpaid.id, reason: 'Not wanted' }))).details).toMatchObject({ reason: 'dayClosed' });
    await c.call('payments.take', { invoiceId: unpaid.id, tenders: [{ tender: 'card', amountCents: 5_350 }] });
    await c.call('creditNotes.create', { invoiceId: split.id, lines: [{ invoiceLineId: split.lines[0].id, quantity: 1 }], reason: 'Second unit', refundTo: 'originalTender' });
    const today = await sell(c, [{ unitPriceCents: 100 }]);
    expect((await c.call('invoices.backToDraft', { id: today.id })).status).toBe('draft');
    const closedDay = await c.call('closing.report', { date: '2026-03-02' });
    expect(closedDay).toMatchObject({ changedSinceClose: false, figures: { owedCents: 5_350, takingsCents: 22_610 } });
    expect((await c.call('closing.report', {})).figures).toMatchObject({ takingsCents: 5_350 - 11_900, refunds: { count: 1 } });
  });

  it('gives each till its own report and close; the clinic total is their sum', async () => {
    clinic = await openTestClinic({ now: berlin('2026-03-02T10:00'), timeZone: 'Europe/Berlin' });
    const c = clinic;
    const reception = await sell(c, [{ unitPriceCents: 10_000, taxRateMillipercent: 0 }]);
    await c.call('payments.take', { invoiceId: reception.id, tenders: [{ tender: 'cash', amountCents: 10_000 }] });
    await c.call('closing.close', { countedCents: 10_000 });
    await becomeWorkstation(c, { number: 5, name: 'Laser suite', seriesPrefix: 'L' });
    // Reception's close does not close the laser suite's till.
    const laser = await sell(c, [{ unitPriceCents: 4_000, taxRateMillipercent: 0 }]);
    await c.call('payments.take', { invoiceId: laser.id, tenders: [{ tender: 'card', amountCents: 4_000 }] });
    const till = await c.call('closing.report', {});
    expect(till).toMatchObject({ workstation: { number: 5, name: 'Laser suite' }, closes: [], figures: { takingsCents: 4_000, issued: { count: 1 } } });
    const total = await c.call('closing.report', { scope: 'clinic' });
    expect(total).toMatchObject({ workstation: null, figures: { takingsCents: 14_000, issued: { count: 2 } } });
    expect(total.closes.map((close) => close.workstationNumber)).toEqual([0]);
  });
});

describe('clinic-local days across DST changes', () => {
  it('the 23-hour spring day and the 25-hour autumn day hold exactly their own local hours', async () => {
    clinic = await openTestClinic({ now: berlin('2026-03-28T23:30'), timeZone: 'Europe/Berlin' });
    const c = clinic;
    const payAt = async (at: string, cents: number) => {
      await travel(c, at.endsWith('Z') ? at : berlin(at));
      const invoice = await sell(c, [{ unitPriceCents: cents, taxRateMillipercent: 0 }]);
      await c.call('payments.take', { invoiceId: invoice.id, tenders: [{ tender: 'card', amountCents: cents }] });
    };
    await payAt('2026-03-28T23:30', 1); // Saturday, late
    await payAt('2026-03-29T00:30', 10); // Sunday 29 March: clocks go 02:00 → 03:00
    await payAt('2026-03-29T03:30', 100);
    await payAt('2026-03-29T23:59', 1_000);
    await payAt('2026-03-30T00:10', 10_000);
    const takings = async (date: string) => (await c.call('closing.report', { date })).figures.takingsCents;
    expect([await takings('2026-03-28'), await takings('2026-03-29'), await takings('2026-03-30')]).toEqual([1, 1_110, 10_000]);

    // Sunday 25 October: 03:00 summer time goes back to 02:00, so 02:30 happens twice (instants in UTC to say which).
    await payAt('2026-10-24T22:30:00Z', 20); // 00:30 summer time
    await payAt('2026-10-25T00:30:00Z', 200); // the first 02:30
    await payAt('2026-10-25T01:30:00Z', 2_000); // the second 02:30
    await payAt('2026-10-25T22:59:00Z', 20_000); // 23:59 winter time
    await payAt('2026-10-25T23:05:00Z', 200_000); // 00:05 on Monday
    expect([await takings('2026-10-24'), await takings('2026-10-25'), await takings('2026-10-26')]).toEqual([0, 22_220, 200_000]);
  });
});
