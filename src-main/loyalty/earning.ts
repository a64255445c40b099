import { cached } from '../core/db';
import type { HandlerContext } from '../core/registry';
import { addEntry, standingOf } from './ledger';
import { programOf } from './program';
import { EARNED_OF_INVOICE_SQL, EARNING_INVOICE_SQL, EARNING_LINES_SQL } from './queries';

interface EarningLine { id: number; quantity: number; netCents: number; categoryId: number | null; storedValue: 0 | 1; packagePaid: 0 | 1 }
type LinePoints = { lineId: number; points: number };

/**
 * Each line's points: its net × points per unit × its category's multiplier, scaled by the share of the bill not
 * paid with points. The invoice's total is rounded down once and shared over the lines by largest remainder (exact
 * in integers: BigInt, since net × multiplier × share can pass 2^53).
 */
export function pointsOfLines(lines: readonly { id: number; weight: bigint }[], pointsPerUnit: number, keptCents: number, billedCents: number): LinePoints[] {
  if (billedCents <= 0 || keptCents <= 0) return [];
  const denominator = 100n * 100n * BigInt(billedCents);
  const exact = lines.map((line) => line.weight * BigInt(pointsPerUnit) * BigInt(keptCents));
  const total = exact.reduce((sum, n) => sum + n, 0n) / denominator;
  const shares = exact.map((n, i) => ({ lineId: lines[i].id, points: n / denominator, remainder: n % denominator, i }));
  let left = total - shares.reduce((sum, s) => sum + s.points, 0n);
  for (const share of [...shares].sort((a, b) => (b.remainder > a.remainder ? 1 : b.remainder < a.remainder ? -1 : a.i - b.i))) {
    if (left <= 0n) break;
    share.points += 1n;
    left -= 1n;
  }
  return shares.filter((s) => s.points > 0n).map((s) => ({ lineId: s.lineId, points: Number(s.points) }));
}

/** An invoice paid in full earns its patient's points (once: the entry's key is the invoice). */
export async function onInvoicePaid(ctx: HandlerContext, invoiceId: number): Promise<void> {
  const program = programOf(ctx.sqlite);
  if (!program.enabled || program.pointsPerUnit === 0) return;
  const invoice = cached(ctx.sqlite, EARNING_INVOICE_SQL).get(invoiceId) as { patientId: number | null; number: string | null; billedCents: number; pointsCents: number };
  if (invoice.patientId === null) return;
  const multiplier = new Map(program.categoryMultipliers.map((m) => [m.categoryId, m.percent]));
  const lines = (cached(ctx.sqlite, EARNING_LINES_SQL).all(invoiceId) as EarningLine[])
    .filter((line) => !line.storedValue && !line.packagePaid && line.netCents > 0)
    .map((line) => ({ id: line.id, weight: BigInt(line.netCents) * BigInt(line.categoryId === null ? 100 : (multiplier.get(line.categoryId) ?? 100)) }));
  const perLine = pointsOfLines(lines, program.pointsPerUnit, invoice.billedCents - invoice.pointsCents, invoice.billedCents);
  const points = perLine.reduce((sum, l) => sum + l.points, 0);
  if (points === 0) return;
  addEntry(ctx, { patientId: invoice.patientId, kind: 'earned', points, invoiceId, lines: JSON.stringify(perLine), dedupeKey: `earned:${invoiceId}`, note: invoice.number ?? '' }, program);
}

/** Units refunded of a line, with what was refunded before this credit note. */
export interface CreditedLine { invoiceLineId: number; quantity: number; refundedBefore: number; lineQuantity: number }

/**
 * A credit note takes back what its lines earned: each line's points × units refunded ÷ units, cumulatively rounded
 * down (refunding every unit over any number of notes takes back exactly what the line earned), never more than the
 * patient can still use (points already spent stay spent; the entry's note says what could not be taken back).
 */
export async function onCreditNote(ctx: HandlerContext, invoiceId: number, creditNoteId: number, number: string, credited: readonly CreditedLine[]): Promise<void> {
  const earned = cached(ctx.sqlite, EARNED_OF_INVOICE_SQL).get(invoiceId) as { patientId: number; points: number; lines: string } | undefined;
  if (!earned) return;
  const perLine = new Map((JSON.parse(earned.lines) as LinePoints[]).map((l) => [l.lineId, l.points]));
  const share = (points: number, units: number, of: number) => Math.floor((points * units) / of);
  const owed = credited.reduce((sum, c) => {
    const points = perLine.get(c.invoiceLineId) ?? 0;
    return sum + share(points, c.refundedBefore + c.quantity, c.lineQuantity) - share(points, c.refundedBefore, c.lineQuantity);
  }, 0);
  if (owed === 0) return;
  const { available } = standingOf(ctx.sqlite, earned.patientId, ctx.now, ctx.clinic().timeZone);
  const taken = Math.min(owed, available);
  if (taken === 0) return;
  const note = taken < owed ? `${number}: ${owed} earned, ${owed - taken} already spent` : number;
  addEntry(ctx, { patientId: earned.patientId, kind: 'reversed', points: -taken, invoiceId, creditNoteId, note });
}
