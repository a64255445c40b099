import { invoiceTotals } from '../../src-shared/checkout/totals';
import { addCalendarDays, addCalendarMonths, localDate } from '../../src-shared/time';
import { divRound } from '../../src-shared/money';
import { cached } from '../core/db';
import type { HandlerContext } from '../core/registry';
import { addGiftCardEntry, addPackageEntry, normalizeCode } from '../prepaid/index';
import { importedNumber, type SaleBook, type SaleLookups } from './sales';
import type { RowValues } from './values';
import type { PatientRef } from './write';

/**
 * Gift card and package balances from the old system. Both ledgers start from a sale, so each balances row with one
 * becomes an imported invoice (`IMP-OPENING-<patient number>`, dated at the import, paid in full as imported) that
 * sells what is left: the card at its remaining value, the package at the plan's price for the units left. The card
 * and package are then held as if sold on it, and their first entry is that balance.
 */

/** What is wrong with a row's gift card or package (nothing when the row has neither). */
export function openingProblems(ctx: HandlerContext, lookups: SaleLookups, v: RowValues): string[] {
  const problems: string[] = [];
  const code = v.text('giftCardCode');
  const balance = v.number('giftCardBalance');
  if (code || balance !== undefined) {
    if (!code) problems.push('A gift card balance needs the card’s code.');
    else if (normalizeCode(code).length < 4) problems.push(`Gift card code “${code}”: a code has at least four letters or digits.`);
    else if (cached(ctx.sqlite, 'SELECT 1 FROM giftCard WHERE code = ?').get(normalizeCode(code))) problems.push(`A gift card with the code ${normalizeCode(code)} is already in Lumen.`);
    if (balance === undefined || balance <= 0) problems.push('A gift card balance must be above zero.');
  }
  const planName = v.text('packagePlan');
  const units = v.number('packageUnits');
  if (planName || units !== undefined) {
    const plan = planName ? lookups.plan(planName) : undefined;
    if (!planName) problems.push('Package units left need the package’s name.');
    else if (!plan) problems.push(`No package named “${planName}” (add the plan in Settings, or correct the name).`);
    if (units === undefined || units < 1) problems.push('Package units left must be at least 1.');
    else if (plan && units > plan.units) problems.push(`${plan.name} has ${plan.units} units: ${units} cannot be left.`);
  }
  return problems;
}

/** Writes the row's gift card and package (the plan checked them in this same transaction). */
export async function addOpeningPrepaid(book: SaleBook, patient: PatientRef, v: RowValues): Promise<void> {
  const code = v.text('giftCardCode');
  const planName = v.text('packagePlan');
  if (!code && !planName) return;
  const { ctx, journal } = book.w;
  const at = ctx.now.toISOString();
  const today = localDate(ctx.now.getTime(), ctx.clinic().timeZone);
  const invoice = await book.invoiceFor(importedNumber(`OPENING-${patient.number}`), patient.id, at);
  const note = `Opening balance imported from ${book.w.fileName}`;
  if (code) {
    const cents = v.number('giftCardBalance')!;
    const lineId = await book.insertLine(invoice, { ...untaxed(cents), serviceId: null, productId: null, description: 'Gift card (opening balance)', staffId: null, quantity: 1, packagePlanId: null, giftCard: 1, giftCardCode: normalizeCode(code) });
    const id = ctx.newId('giftCard');
    const expiresOn = v.text('giftCardExpiry') ?? addCalendarMonths(today, ctx.clinic().giftCardValidityMonths);
    await ctx.db.insertInto('giftCard').values({ id, code: normalizeCode(code), amountCents: cents, saleInvoiceId: invoice.id, saleLineId: lineId, expiresOn, activatedAt: at }).execute();
    journal.created('giftCard', { id });
    await addGiftCardEntry(ctx, id, 'issued', cents, { invoiceId: invoice.id, note });
  }
  if (planName) {
    const plan = book.lookups.plan(planName)!;
    const units = v.number('packageUnits')!;
    const cents = divRound(plan.priceCents * units, plan.units);
    const rate = plan.taxable ? book.lookups.defaultRate : 0;
    const lineId = await book.insertLine(invoice, { ...taxed(cents, rate), serviceId: null, productId: null, description: `${plan.name} (opening balance)`, staffId: null, quantity: 1, packagePlanId: plan.id, giftCard: 0, giftCardCode: null });
    const id = ctx.newId('patientPackage');
    const expiresOn = v.text('packageExpiry') ?? addCalendarDays(today, plan.validityDays);
    await ctx.db
      .insertInto('patientPackage')
      .values({ id, patientId: patient.id, planId: plan.id, name: plan.name, units, saleInvoiceId: invoice.id, saleLineId: lineId, expiresOn, transferredFromId: null, createdAt: at })
      .execute();
    journal.created('patientPackage', { id });
    await addPackageEntry(ctx, id, 'sold', units, { invoiceId: invoice.id, note });
  }
}

/** A line without tax (a gift card's tax applies when it is spent). */
const untaxed = (cents: number) => taxed(cents, 0);

/** A line of `cents` paid, tax included at `rate`. */
function taxed(cents: number, rate: number) {
  const [line] = invoiceTotals({ lines: [{ quantity: 1, unitPriceCents: cents, discount: null, taxRateMillipercent: rate }], discount: null, pricesIncludeTax: true, taxRounding: 'line' }).lines;
  return { unitPriceCents: cents, discountKind: null, discountValue: null, taxRateMillipercent: rate, grossCents: line.grossCents, discountCents: 0, netCents: line.netCents, taxCents: line.taxCents, totalCents: line.totalCents };
}
