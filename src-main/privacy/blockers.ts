import type { ErasureBlocker } from '../../src-shared/contract/privacy';
import { formatMoney } from '../../src-shared/money';
import { addCalendarMonths, localDate } from '../../src-shared/time';
import type { HandlerContext } from '../core/registry';
import { availablePoints } from '../loyalty/index';
import { giftCardBalance, storedValueBalance, unitsLeft } from '../prepaid/index';
import { owedCents } from '../promotions/index';
import { privacySettingsOf } from './settings';

/** Why the erasure cannot happen yet: signed records within retention, money owed, value still held. */
export async function blockersOf(ctx: HandlerContext, patientId: number): Promise<ErasureBlocker[]> {
  const { currency, timeZone } = ctx.clinic();
  const today = localDate(ctx.now, timeZone);
  const money = (cents: number) => formatMoney(cents, currency, 'en');
  const blockers: ErasureBlocker[] = [];
  const lastSigned = ctx.sqlite.prepare("SELECT max(signedAt) FROM chart WHERE patientId = ? AND status = 'signed'").pluck().get(patientId) as string | null;
  if (lastSigned) {
    const years = privacySettingsOf(ctx.sqlite).clinicalRetentionYears;
    const possibleOn = addCalendarMonths(localDate(new Date(lastSigned), timeZone), years * 12);
    if (today < possibleOn) {
      blockers.push({ kind: 'retention', possibleOn, message: `Signed visit notes must be kept ${years} years after the last one (signed ${localDate(new Date(lastSigned), timeZone)}): erasure is possible from ${possibleOn}.` });
    }
  }
  const owed = await owedCents(ctx.db, patientId);
  if (owed > 0) blockers.push({ kind: 'owes', cents: owed, message: `The patient owes ${money(owed)} on issued invoices.` });
  const stored = await storedValueBalance(ctx.db, patientId);
  if (stored > 0) blockers.push({ kind: 'storedValue', cents: stored, message: `The patient holds ${money(stored)} of store credit: pay it out or use it first.` });
  const points = availablePoints(ctx, patientId);
  if (points > 0) blockers.push({ kind: 'points', points, message: `The patient holds ${points} loyalty points.` });
  const packages = ctx.sqlite.prepare('SELECT id, name FROM patientPackage WHERE patientId = ? AND (expiresOn IS NULL OR expiresOn >= ?)').all(patientId, today) as { id: number; name: string }[];
  for (const held of packages) {
    const left = await unitsLeft(ctx.db, held.id);
    if (left > 0) blockers.push({ kind: 'package', message: `The patient holds ${left} unused sessions of “${held.name}”.` });
  }
  const cards = ctx.sqlite.prepare("SELECT g.id, g.code FROM giftCard g JOIN invoice i ON i.id = g.saleInvoiceId WHERE i.patientId = ? AND (g.expiresOn IS NULL OR g.expiresOn >= ?)").all(patientId, today) as { id: number; code: string }[];
  for (const card of cards) {
    const balance = await giftCardBalance(ctx.db, card.id);
    if (balance > 0) blockers.push({ kind: 'giftCard', cents: balance, message: `A gift card the patient bought (${card.code}) still holds ${money(balance)}.` });
  }
  return blockers;
}
