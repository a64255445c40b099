import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TodayRow } from '../../../src-shared/contract/checkout';
import { invoiceStatuses, paymentStates } from '../../../src-shared/contract/checkout';
import { appointmentStatuses } from '../../../src-shared/contract/scheduling';
import { canInvoice, canMove, dayTotals, stepOf } from '../../../src-renderer/features/today/visitStep';

type Visit = Pick<TodayRow, 'status' | 'invoice'>;
const issued = (paymentState: (typeof paymentStates)[number], dueCents: number): TodayRow['invoice'] => ({ id: 1, number: 'A-1', status: 'issued', paymentState, dueCents });
const draft: TodayRow['invoice'] = { id: 2, number: null, status: 'draft', paymentState: 'unpaid', dueCents: 0 };

describe('where a visit stands on the Today list', () => {
  it('walks booked → arrived → in treatment → ready to pay → paid', () => {
    expect(stepOf({ status: 'booked', invoice: null })).toBe('booked');
    expect(stepOf({ status: 'confirmed', invoice: null })).toBe('booked');
    expect(stepOf({ status: 'arrived', invoice: null })).toBe('arrived');
    expect(stepOf({ status: 'inTreatment', invoice: null })).toBe('inTreatment');
    expect(stepOf({ status: 'completed', invoice: null })).toBe('readyToPay');
    expect(stepOf({ status: 'completed', invoice: issued('paid', 0) })).toBe('paid');
    expect(stepOf({ status: 'checkedOut', invoice: null })).toBe('paid');
  });

  it('keeps a finished visit at "ready to pay" while its invoice is a draft, unpaid or partly paid', () => {
    expect(stepOf({ status: 'completed', invoice: draft })).toBe('readyToPay');
    expect(stepOf({ status: 'completed', invoice: issued('unpaid', 28000) })).toBe('readyToPay');
    expect(stepOf({ status: 'completed', invoice: issued('partlyPaid', 8000) })).toBe('readyToPay');
  });

  it('gives cancelled visits and no-shows no step, no moves and no new invoice', () => {
    for (const status of ['cancelled', 'noShow'] as const) {
      expect(stepOf({ status, invoice: null })).toBeNull();
      expect(canMove({ status }, 'arrived')).toBe(false);
      expect(canInvoice({ status, invoice: null })).toBe(false);
    }
  });

  it('offers check-in only before arrival, start only after it, and complete until done', () => {
    expect(canMove({ status: 'booked' }, 'arrived')).toBe(true);
    expect(canMove({ status: 'arrived' }, 'arrived')).toBe(false);
    expect(canMove({ status: 'booked' }, 'inTreatment')).toBe(false);
    expect(canMove({ status: 'arrived' }, 'inTreatment')).toBe(true);
    expect(canMove({ status: 'inTreatment' }, 'completed')).toBe(true);
    expect(canMove({ status: 'completed' }, 'completed')).toBe(false);
  });
});

describe("the day's totals", () => {
  it('counts the visits happening, those paid, and what today’s invoices still have due', () => {
    const totals = dayTotals([
      { status: 'checkedOut', invoice: issued('paid', 0) },
      { status: 'completed', invoice: issued('partlyPaid', 8000) },
      { status: 'completed', invoice: issued('unpaid', 16000) },
      { status: 'arrived', invoice: null },
      { status: 'cancelled', invoice: null },
    ]);
    expect(totals).toEqual({ visits: 4, paid: 1, stillOwedCents: 24000 });
  });

  it('does not let one visit’s overpayment hide another visit’s debt', () => {
    expect(dayTotals([{ status: 'completed', invoice: issued('paid', -500) }, { status: 'completed', invoice: issued('unpaid', 2000) }]).stillOwedCents).toBe(2000);
  });

  const invoice = fc.option(
    fc.record({
      id: fc.integer({ min: 1, max: 1000 }),
      number: fc.option(fc.string(), { nil: null }),
      status: fc.constantFrom(...invoiceStatuses),
      paymentState: fc.constantFrom(...paymentStates),
      dueCents: fc.integer({ min: -1_000_000, max: 10_000_000 }),
    }),
    { nil: null },
  );
  const visit: fc.Arbitrary<Visit> = fc.record({ status: fc.constantFrom(...appointmentStatuses), invoice });

  it('adds up whatever the day holds: owed is the sum of the positive dues, paid never exceeds visits', () => {
    fc.assert(
      fc.property(fc.array(visit, { maxLength: 60 }), (rows) => {
        const totals = dayTotals(rows);
        const happening = rows.filter((r) => r.status !== 'cancelled' && r.status !== 'noShow');
        expect(totals.visits).toBe(happening.length);
        expect(totals.paid).toBeLessThanOrEqual(totals.visits);
        expect(Number.isSafeInteger(totals.stillOwedCents)).toBe(true);
        expect(totals.stillOwedCents).toBe(happening.reduce((sum, r) => sum + Math.max(0, r.invoice?.dueCents ?? 0), 0));
      }),
    );
  });

  it('splitting the day in two splits its totals in two', () => {
    fc.assert(
      fc.property(fc.array(visit, { maxLength: 40 }), fc.array(visit, { maxLength: 40 }), (morning, afternoon) => {
        const a = dayTotals(morning);
        const b = dayTotals(afternoon);
        expect(dayTotals([...morning, ...afternoon])).toEqual({ visits: a.visits + b.visits, paid: a.paid + b.paid, stillOwedCents: a.stillOwedCents + b.stillOwedCents });
      }),
    );
  });
});
