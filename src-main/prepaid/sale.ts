import type { LineInput } from '../../src-shared/contract/checkout';
import { fieldError, LumenError } from '../../src-shared/errors';
import { addCalendarDays, addCalendarMonths } from '../../src-shared/time';
import type { Selectable } from 'kysely';
import { cached } from '../core/db';
import type { HandlerContext } from '../core/registry';
import type { InvoiceLineTable } from '../core/schema-checkout';
import { normalizeCode, newGiftCardCode } from './codes';
import { SOLD_AHEAD_LINES_SQL } from './queries';
import { addGiftCardEntry, addPackageEntry, addStoredValueEntry, clinicToday, unitsLeft } from './ledgers';

/** What a prepaid line is sold as: its description, price and tax come from the plan (or the card's value). */
export interface PrepaidLine {
  description: string;
  unitPriceCents: number;
  taxRateMillipercent: number;
  packagePlanId: number | null;
  topUpPlanId: number | null;
  giftCard: 0 | 1;
  giftCardCode: string | null;
}

type SoldAhead = Pick<LineInput, 'serviceId' | 'packagePlanId' | 'topUpPlanId' | 'giftCard' | 'quantity' | 'description'>;

/**
 * The line a desk entered, when it sells something ahead (a package, a top-up, a gift card); null for any other
 * line. Packages take the covered service's tax; top-ups and gift cards carry none (tax applies when they are spent).
 */
export async function prepaidLine(ctx: HandlerContext, line: SoldAhead, i: number, defaultTaxRate: number): Promise<PrepaidLine | null> {
  const kinds = [line.serviceId, line.packagePlanId, line.topUpPlanId, line.giftCard].filter((value) => value !== undefined).length;
  if (line.packagePlanId === undefined && line.topUpPlanId === undefined && line.giftCard === undefined) return null;
  if (kinds > 1) throw fieldError('invalid_input', 'A line sells one thing: a service, a package, a top-up or a gift card.', `lines.${i}`);
  if ((line.quantity ?? 1) !== 1) throw fieldError('invalid_input', 'Packages, top-ups and gift cards are sold one per line.', `lines.${i}.quantity`);
  const sold = { packagePlanId: null, topUpPlanId: null, giftCard: 0 as const, giftCardCode: null };

  if (line.packagePlanId !== undefined) {
    const plan = await ctx.db
      .selectFrom('packagePlan as p')
      .leftJoin('service as s', 's.id', 'p.serviceId')
      .select(['p.name', 'p.priceCents', 'p.active', 's.taxable'])
      .where('p.id', '=', line.packagePlanId)
      .executeTakeFirst();
    if (!plan) throw fieldError('not_found', 'There is no such package.', `lines.${i}.packagePlanId`);
    if (!plan.active) throw fieldError('invalid_input', `${plan.name} is no longer sold.`, `lines.${i}.packagePlanId`);
    return { ...sold, description: line.description ?? plan.name, unitPriceCents: plan.priceCents, taxRateMillipercent: plan.taxable === 0 ? 0 : defaultTaxRate, packagePlanId: line.packagePlanId };
  }
  if (line.topUpPlanId !== undefined) {
    const plan = await ctx.db.selectFrom('topUpPlan').select(['name', 'amountCents', 'active']).where('id', '=', line.topUpPlanId).executeTakeFirst();
    if (!plan) throw fieldError('not_found', 'There is no such top-up.', `lines.${i}.topUpPlanId`);
    if (!plan.active) throw fieldError('invalid_input', `${plan.name} is no longer sold.`, `lines.${i}.topUpPlanId`);
    return { ...sold, description: line.description ?? plan.name, unitPriceCents: plan.amountCents, taxRateMillipercent: 0, topUpPlanId: line.topUpPlanId };
  }
  const card = line.giftCard!;
  let code: string | null = null;
  if (card.code !== undefined) {
    code = normalizeCode(card.code);
    if (code.length < 4) throw fieldError('invalid_input', 'A card code has at least four letters or digits.', `lines.${i}.giftCard.code`);
    if (await ctx.db.selectFrom('giftCard').select('id').where('code', '=', code).executeTakeFirst()) throw fieldError('conflict', 'A gift card with this code was already sold.', `lines.${i}.giftCard.code`);
  }
  return { ...sold, description: line.description ?? 'Gift card', unitPriceCents: card.amountCents, taxRateMillipercent: 0, giftCard: 1, giftCardCode: code };
}

/** The lines of an invoice that sell something ahead, with what is already refunded of them. */
type SoldAheadLine = Pick<Selectable<InvoiceLineTable>, 'id' | 'description' | 'unitPriceCents' | 'packagePlanId' | 'topUpPlanId' | 'giftCard' | 'giftCardCode'> & { refunded: number };

function soldAheadLines(ctx: HandlerContext, invoiceId: number): SoldAheadLine[] {
  return cached(ctx.sqlite, SOLD_AHEAD_LINES_SQL).all(invoiceId) as SoldAheadLine[];
}

/** The packages an invoice's line sold, with any they were transferred on to. */
export async function packagesOfSaleLine(ctx: HandlerContext, saleLineId: number) {
  return ctx.db.selectFrom('patientPackage').selectAll().where('saleLineId', '=', saleLineId).orderBy('id').execute();
}

async function wasVoided(ctx: HandlerContext, patientPackageId: number): Promise<boolean> {
  return !!(await ctx.db.selectFrom('packageEntry').select('id').where('patientPackageId', '=', patientPackageId).where('kind', '=', 'voided').executeTakeFirst());
}

/** Issuing an invoice hands the patient the packages it sells, usable until the plan's validity runs out. */
export async function onInvoiceIssued(ctx: HandlerContext, invoiceId: number): Promise<void> {
  const lines = await soldAheadLines(ctx, invoiceId);
  if (!lines.length) return;
  const invoice = await ctx.db.selectFrom('invoice').select(['patientId', 'number']).where('id', '=', invoiceId).executeTakeFirstOrThrow();
  if (lines.some((l) => l.packagePlanId !== null || l.topUpPlanId !== null) && invoice.patientId === null) {
    throw fieldError('invalid_input', 'Packages and top-ups belong to a patient: choose the patient before issuing.', 'patientId');
  }
  for (const line of lines) {
    if (line.packagePlanId === null) continue;
    const existing = await packagesOfSaleLine(ctx, line.id);
    if (existing.length && !(await wasVoided(ctx, existing[0].id))) continue;
    const plan = await ctx.db.selectFrom('packagePlan').select(['units', 'validityDays']).where('id', '=', line.packagePlanId).executeTakeFirstOrThrow();
    const id = ctx.newId('patientPackage');
    await ctx.db
      .insertInto('patientPackage')
      .values({ id, patientId: invoice.patientId!, planId: line.packagePlanId, name: line.description, units: plan.units, saleInvoiceId: invoiceId, saleLineId: line.id, expiresOn: addCalendarDays(clinicToday(ctx), plan.validityDays), transferredFromId: null, createdAt: ctx.now.toISOString() })
      .execute();
    await addPackageEntry(ctx, id, 'sold', plan.units, { invoiceId, note: invoice.number ?? '' });
  }
}

/** Taking an unpaid invoice back to draft (or voiding it) takes back the packages it sold, unless some were used. */
export async function onInvoiceWithdrawn(ctx: HandlerContext, invoiceId: number, how: 'backToDraft' | 'void'): Promise<void> {
  for (const line of await soldAheadLines(ctx, invoiceId)) {
    if (line.packagePlanId === null) continue;
    for (const held of await packagesOfSaleLine(ctx, line.id)) {
      const used = await ctx.db.selectFrom('packageEntry').select('id').where('patientPackageId', '=', held.id).where('kind', '=', 'redeemed').executeTakeFirst();
      if (used && how === 'backToDraft') throw new LumenError('invalid_transition', `${held.name} was already used: the invoice can no longer go back to draft. Credit it instead.`);
      await addPackageEntry(ctx, held.id, 'voided', -(await unitsLeft(ctx.db, held.id)), { invoiceId, note: how === 'void' ? 'Invoice voided' : 'Invoice back to draft' });
    }
  }
}

/**
 * An invoice paid in full activates what it sold ahead that needs the money first: gift cards get their code and
 * value, top-ups go onto the patient's stored value with their bonus. Lines refunded before payment stay inactive.
 */
export async function onInvoicePaid(ctx: HandlerContext, invoiceId: number): Promise<void> {
  const lines = await soldAheadLines(ctx, invoiceId);
  if (!lines.length) return;
  const invoice = await ctx.db.selectFrom('invoice').select(['patientId', 'number']).where('id', '=', invoiceId).executeTakeFirstOrThrow();
  const topUpDone = await ctx.db.selectFrom('storedValueEntry').select('id').where('invoiceId', '=', invoiceId).where('kind', '=', 'topUp').executeTakeFirst();
  const note = invoice.number ?? '';
  const today = clinicToday(ctx);
  const taken = new Set<string>();
  for (const line of lines) {
    if (line.refunded > 0) continue;
    if (line.giftCard === 1 && !(await ctx.db.selectFrom('giftCard').select('id').where('saleLineId', '=', line.id).executeTakeFirst())) {
      const code = line.giftCardCode ?? (await newGiftCardCode(ctx.db, taken));
      if (await ctx.db.selectFrom('giftCard').select('id').where('code', '=', code).executeTakeFirst()) throw new LumenError('conflict', `Another gift card already has the code ${code}.`);
      taken.add(code);
      const id = ctx.newId('giftCard');
      const expiresOn = addCalendarMonths(today, ctx.clinic().giftCardValidityMonths);
      await ctx.db.insertInto('giftCard').values({ id, code, amountCents: line.unitPriceCents, saleInvoiceId: invoiceId, saleLineId: line.id, expiresOn, activatedAt: ctx.now.toISOString() }).execute();
      await addGiftCardEntry(ctx, id, 'issued', line.unitPriceCents, { invoiceId, note });
    }
    if (line.topUpPlanId !== null && !topUpDone) {
      const plan = await ctx.db.selectFrom('topUpPlan').select(['bonusCents']).where('id', '=', line.topUpPlanId).executeTakeFirstOrThrow();
      await addStoredValueEntry(ctx, invoice.patientId!, 'topUp', line.unitPriceCents, { invoiceId, note: `${note} ${line.description}`.trim() });
      await addStoredValueEntry(ctx, invoice.patientId!, 'bonus', plan.bonusCents, { invoiceId, note: `${note} ${line.description}`.trim() });
    }
  }
}
