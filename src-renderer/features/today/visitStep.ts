import type { TodayRow } from '../../../src-shared/contract/checkout';
import { allowedTransitions } from '../../../src-shared/contract/scheduling';
import { addCents, type Cents } from '../../../src-shared/money';

/** Where a visit stands on reception's road: booked → arrived → in treatment → ready to pay → paid. */
export const visitSteps = ['booked', 'arrived', 'inTreatment', 'readyToPay', 'paid'] as const;
export type VisitStep = (typeof visitSteps)[number];

export const visitStepLabels: Record<VisitStep, string> = {
  booked: 'Booked',
  arrived: 'Arrived',
  inTreatment: 'In treatment',
  readyToPay: 'Ready to pay',
  paid: 'Paid',
};

/** A visit that fell off the road (cancelled, no-show) has no step; the screen shows its status instead. */
export function stepOf(row: Pick<TodayRow, 'status' | 'invoice'>): VisitStep | null {
  switch (row.status) {
    case 'booked':
    case 'confirmed':
      return 'booked';
    case 'arrived':
      return 'arrived';
    case 'inTreatment':
      return 'inTreatment';
    case 'completed':
      return isSettled(row.invoice) ? 'paid' : 'readyToPay';
    case 'checkedOut':
      return 'paid';
    default:
      return null;
  }
}

/** Settled means nothing is left to take: paid in full, or paid and since refunded. */
function isSettled(invoice: TodayRow['invoice']): boolean {
  return invoice !== null && invoice.status === 'issued' && (invoice.paymentState === 'paid' || invoice.paymentState === 'refunded');
}

/** The status changes reception makes from this screen, each with its key. */
export const deskMoves = [
  { status: 'arrived', key: 'a', label: 'Check in', done: 'checked in' },
  { status: 'inTreatment', key: 's', label: 'Start', done: 'treatment started' },
  { status: 'completed', key: 'c', label: 'Complete', done: 'treatment completed' },
] as const;
export type DeskMove = (typeof deskMoves)[number];

/** Whether the lifecycle lets this visit move to `status` now (the server refuses the rest anyway). */
export function canMove(row: Pick<TodayRow, 'status'>, status: DeskMove['status']): boolean {
  return allowedTransitions[row.status].includes(status);
}

/** Whether an invoice can be opened or started for the visit: not for one that was cancelled or missed. */
export function canInvoice(row: Pick<TodayRow, 'status' | 'invoice'>): boolean {
  return row.invoice !== null || (row.status !== 'cancelled' && row.status !== 'noShow');
}

export interface DayTotals {
  /** Visits that are happening (cancelled and no-shows left out). */
  visits: number;
  /** Of those, how many are paid. */
  paid: number;
  /** What today's issued invoices still have due (overpayments do not offset another visit's debt). */
  stillOwedCents: Cents;
}

export function dayTotals(rows: readonly Pick<TodayRow, 'status' | 'invoice'>[]): DayTotals {
  const happening = rows.filter((row) => stepOf(row) !== null);
  return {
    visits: happening.length,
    paid: happening.filter((row) => stepOf(row) === 'paid').length,
    stillOwedCents: addCents(...happening.map((row) => Math.max(0, row.invoice?.dueCents ?? 0))),
  };
}
