import { valueOfPoints } from '../../src-shared/loyalty';
import { fieldError } from '../../src-shared/errors';
import { quantityGivenBack } from '../../src-shared/money';
import type { HandlerContext } from '../core/registry';
import type { PaymentTable } from '../core/schema-checkout';
import { addEntry, standingOf } from './ledger';
import { programOf } from './program';

/**
 * Checks a points tender and works out what it pays: the program is on, the sale has a patient, the points reach
 * the minimum, the patient can use that many today (points past their date are refused as expired even before the
 * daily job writes them off), and they pay at least one minor unit. `amountCents`, when given, must agree.
 */
export function pointsTender(ctx: HandlerContext, patientId: number | null, tender: { points?: number; amountCents?: number }, field: string): { amountCents: number; points: number } {
  const program = programOf(ctx.sqlite);
  if (!program.enabled) throw fieldError('invalid_input', 'The loyalty program is switched off: points cannot pay.', `${field}.tender`);
  if (patientId === null) throw fieldError('invalid_input', 'A walk-in sale has no points to pay with: choose the patient first.', `${field}.tender`);
  const points = tender.points;
  if (points === undefined) throw fieldError('invalid_input', 'How many points does the patient use?', `${field}.points`);
  if (points < program.minimumRedeemPoints) throw fieldError('invalid_input', `At least ${program.minimumRedeemPoints} points are used at a time.`, `${field}.points`);
  const { balance, available } = standingOf(ctx.sqlite, patientId, ctx.now, ctx.clinic().timeZone);
  if (points > available) {
    const expired = balance - available;
    throw fieldError('invalid_input', expired > 0 && points <= balance ? `${expired} of the patient's points have expired; ${available} can be used.` : `The patient has ${available} points to use, fewer than ${points}.`, `${field}.points`);
  }
  const amountCents = valueOfPoints(program, points);
  if (amountCents < 1) throw fieldError('invalid_input', `${points} points pay less than one minor unit.`, `${field}.points`);
  if (tender.amountCents !== undefined && tender.amountCents !== amountCents) throw fieldError('invalid_input', `${points} points pay ${amountCents} (minor units).`, `${field}.amountCents`);
  return { amountCents, points };
}

type PointsPayment = Pick<PaymentTable, 'id' | 'invoiceId' | 'patientId' | 'tender' | 'amountCents' | 'points' | 'creditNoteId'>;

/** The ledger side of points payments: points spent (redeemed) or given back by a refund (returned, a fresh lot). */
export function recordPointsPayments(ctx: HandlerContext, payments: readonly PointsPayment[], note: string): void {
  for (const p of payments) {
    if (p.tender !== 'points' || !p.points || p.patientId === null) continue;
    addEntry(ctx, { patientId: p.patientId, kind: p.points > 0 ? 'redeemed' : 'returned', points: -p.points, invoiceId: p.invoiceId, paymentId: p.id, creditNoteId: p.creditNoteId, note });
  }
}

/** Points a refund of `amountCents` to the points tender gives back, in proportion to the money (see `quantityGivenBack`). */
export function pointsGivenBack(payments: readonly { tender: string; amountCents: number; points: number | null }[], amountCents: number): number {
  return quantityGivenBack(payments.filter((p) => p.tender === 'points').map((p) => ({ amountCents: p.amountCents, quantity: p.points ?? 0 })), amountCents);
}
