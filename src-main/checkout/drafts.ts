import { couponEligibility } from '../../src-shared/checkout/coupons';
import { invoiceTotals } from '../../src-shared/checkout/totals';
import type { Discount, LineInput } from '../../src-shared/contract/checkout';
import { fieldError, LumenError } from '../../src-shared/errors';
import { cached, flag } from '../core/db';
import type { HandlerContext, HandlerMap } from '../core/registry';
import type { ServiceTable } from '../core/schema';
import type { InvoiceTable } from '../core/schema-checkout';
import { workstationNumberOfId } from '../core/workstation';
import { productForLine } from '../inventory/index';
import { memberDiscountOf } from '../loyalty/index';
import { requirePatient } from '../patients/index';
import { prepaidLine } from '../prepaid/index';
import { checkCouponAgainstTotals, requireDiscountApproval, resolveDraftCoupon } from '../promotions/index';
import { DEFAULT_TAX_RATE_SQL, DELETE_LINES_SQL, INSERT_INVOICE_SQL, INSERT_LINE_SQL, INVOICE_SQL, PROVIDERS_SQL, SERVICES_SQL, SET_TOTALS_SQL } from './queries';
import { discountColumns, invoiceSummaries, loadInvoice } from './view';

type ParsedLine = Omit<LineInput, 'staffId' | 'quantity' | 'discount'> & { staffId: number | null; quantity: number; discount: Discount | null };
/** What promotions checks as the draft is written: the coupon (undefined keeps the draft's) and a discount approval. */
interface Promotion {
  patientId: number | null;
  couponCode?: string | null;
  approval?: { username: string; password: string };
}

/**
 * An invoice that may still change; anything else is refused with why. A draft is finished on the workstation that
 * started it: two workstations editing one draft offline would merge into lines nobody wrote.
 */
export async function requireDraft(ctx: HandlerContext, id: number): Promise<InvoiceTable> {
  const invoice = cached(ctx.sqlite, INVOICE_SQL).get(id) as InvoiceTable | undefined;
  if (!invoice) throw new LumenError('not_found', 'There is no such invoice.');
  if (invoice.status !== 'draft') throw new LumenError('invalid_transition', `Invoice ${invoice.number} is ${invoice.status}: it cannot change. Credit it instead.`);
  const startedOn = workstationNumberOfId(invoice.id);
  if (startedOn !== ctx.runtime.workstation?.identity?.number) {
    const name = (await ctx.db.selectFrom('workstation').select('name').where('number', '=', startedOn).executeTakeFirst())?.name ?? 'another workstation';
    throw new LumenError('invalid_transition', `This draft was started on ${name}: finish it there, or start a new invoice here.`);
  }
  return invoice;
}

/** The clinic's default tax rate, for a taxable service whose line names none. */
function defaultTaxRate(ctx: HandlerContext): number {
  const row = cached(ctx.sqlite, DEFAULT_TAX_RATE_SQL).get() as { rateMillipercent: number } | undefined;
  return row?.rateMillipercent ?? 0;
}

/** The services and providers the lines name, read once for the whole invoice. */
function servicesAndProvidersOf(ctx: HandlerContext, lines: ParsedLine[]) {
  const serviceIds = [...new Set(lines.flatMap((line) => (line.serviceId === undefined ? [] : [line.serviceId])))];
  const staffIds = [...new Set(lines.flatMap((line) => (line.staffId === null ? [] : [line.staffId])))];
  const services = serviceIds.length ? (cached(ctx.sqlite, SERVICES_SQL).all(JSON.stringify(serviceIds)) as Pick<ServiceTable, 'id' | 'name' | 'priceCents' | 'taxable' | 'categoryId'>[]) : [];
  const providers = staffIds.length ? (cached(ctx.sqlite, PROVIDERS_SQL).pluck().all(JSON.stringify(staffIds)) as number[]) : [];
  return { services: new Map(services.map((service) => [service.id, service])), providers: new Set(providers) };
}

/**
 * Replaces a draft's lines and recomputes every amount with the clinic's tax rules (src-shared/checkout/totals.ts).
 * A line takes its description, price and tax rate from its service or product unless the desk gave them.
 */
async function writeLines(ctx: HandlerContext, invoice: InvoiceTable, lines: ParsedLine[], discount: Discount | null, promotion: Promotion): Promise<void> {
  const taxRate = defaultTaxRate(ctx);
  const { services, providers } = servicesAndProvidersOf(ctx, lines);
  const resolved = [];
  for (const [i, line] of lines.entries()) {
    const service = line.serviceId === undefined ? undefined : services.get(line.serviceId);
    if (line.serviceId !== undefined && !service) throw fieldError('not_found', 'That service does not exist.', `lines.${i}.serviceId`);
    const sold = line.productId === undefined ? undefined : await productForLine(ctx, line.productId, line.lotId);
    if (sold && 'error' in sold) throw fieldError('not_found', sold.error, `lines.${i}.${sold.field}`);
    if (line.lotId !== undefined && line.productId === undefined) throw fieldError('invalid_input', 'A lot is sold with its product.', `lines.${i}.lotId`);
    const product = sold && 'product' in sold ? sold.product : undefined;
    const ahead = await prepaidLine(ctx, line, i, taxRate);
    const description = ahead?.description ?? line.description ?? service?.name ?? product?.name;
    if (!description) throw fieldError('invalid_input', 'A line without a service needs a description.', `lines.${i}.description`);
    if (line.staffId !== null && !providers.has(line.staffId)) {
      throw fieldError('not_found', 'That provider does not exist.', `lines.${i}.staffId`);
    }
    resolved.push({
      serviceId: line.serviceId ?? null,
      productId: line.productId ?? null,
      lotId: line.lotId ?? null,
      description,
      staffId: line.staffId,
      quantity: line.quantity,
      // A package, top-up or gift card takes its price and tax from what it sells.
      unitPriceCents: ahead?.unitPriceCents ?? line.unitPriceCents ?? service?.priceCents ?? product?.priceCents ?? 0,
      discount: line.discount,
      taxRateMillipercent: ahead?.taxRateMillipercent ?? line.taxRateMillipercent ?? ((service && !service.taxable) || (product && !product.taxable) ? 0 : taxRate),
      packagePlanId: ahead?.packagePlanId ?? null,
      topUpPlanId: ahead?.topUpPlanId ?? null,
      giftCard: ahead?.giftCard ?? 0,
      giftCardCode: ahead?.giftCardCode ?? null,
    });
  }
  const lineKinds = resolved.map((line) => ({ serviceId: line.serviceId, sellsValue: line.giftCard === 1 || line.topUpPlanId !== null }));
  const coupon = await resolveDraftCoupon(ctx, { invoice, patientId: promotion.patientId, code: promotion.couponCode, lines: lineKinds });
  const member = promotion.patientId === null ? null : memberDiscountOf(ctx.sqlite, promotion.patientId, ctx.now, ctx.clinic().timeZone);
  const memberEligible = member && couponEligibility({ serviceIds: [], categoryIds: member.categoryIds }, lineKinds.map((line) => ({ ...line, categoryId: line.serviceId === null ? null : (services.get(line.serviceId)?.categoryId ?? null) })));
  let totals;
  try {
    totals = invoiceTotals({ lines: resolved, discount, member: member && { basisPoints: member.basisPoints, eligible: memberEligible! }, coupon, pricesIncludeTax: invoice.pricesIncludeTax === 1, taxRounding: invoice.taxRounding });
  } catch (error) {
    if (error instanceof RangeError) throw fieldError('invalid_input', `${error.message}.`, fieldOfTotalsError(error.message));
    throw error;
  }
  if (coupon) checkCouponAgainstTotals(coupon, totals);
  // Before anything is written: a wrong approval password commits its failed-sign-in count, and only that.
  await requireDiscountApproval(ctx, invoice.id, totals, promotion.approval);
  cached(ctx.sqlite, DELETE_LINES_SQL).run(invoice.id);
  if (resolved.length) {
    // Each row written field by field: a row spread from another with columns added became a slow dictionary object
    // of 6 KB, five per sale (issue 15).
    const firstId = ctx.newId('invoiceLine');
    const insertLine = cached(ctx.sqlite, INSERT_LINE_SQL);
    for (const [i, line] of resolved.entries()) {
      const amounts = totals.lines[i];
      const { discountKind, discountValue } = discountColumns(line.discount);
      insertLine.run({
        id: firstId + i,
        invoiceId: invoice.id,
        position: i,
        serviceId: line.serviceId,
        productId: line.productId,
        lotId: line.lotId,
        description: line.description,
        staffId: line.staffId,
        quantity: line.quantity,
        unitPriceCents: line.unitPriceCents,
        discountKind,
        discountValue,
        taxRateMillipercent: line.taxRateMillipercent,
        grossCents: amounts.grossCents,
        discountCents: amounts.lineDiscountCents + amounts.memberDiscountCents + amounts.couponDiscountCents + amounts.invoiceDiscountCents,
        netCents: amounts.netCents,
        taxCents: amounts.taxCents,
        totalCents: amounts.totalCents,
        packagePlanId: line.packagePlanId,
        topUpPlanId: line.topUpPlanId,
        giftCard: line.giftCard,
        giftCardCode: line.giftCardCode,
      });
    }
  }
  cached(ctx.sqlite, SET_TOTALS_SQL).run({
    id: invoice.id,
    ...discountColumns(discount),
    grossCents: totals.grossCents,
    discountCents: totals.discountCents,
    netCents: totals.netCents,
    taxCents: totals.taxCents,
    totalCents: totals.totalCents,
    couponCodeId: coupon?.codeId ?? null,
    couponDiscountCents: totals.couponDiscountCents,
    memberTier: member?.tier ?? null,
    memberDiscountBasisPoints: member?.basisPoints ?? 0,
    memberCategoryIds: JSON.stringify(member?.categoryIds ?? []),
    memberDiscountCents: totals.memberDiscountCents,
    updatedAt: ctx.now.toISOString(),
  });
}

/** The field a refusal of the totals is about: "Line 2 discount of …" is lines.1.discount. */
function fieldOfTotalsError(message: string): string {
  const line = /^Line (\d+)/.exec(message);
  const about = /discount/i.test(message) ? 'discount' : 'quantity';
  return line ? `lines.${Number(line[1]) - 1}.${about}` : about === 'discount' ? 'discount' : 'lines';
}

/** The lines of a visit: each service with its provider and booked price. */
async function visitLines(ctx: HandlerContext, appointmentId: number): Promise<ParsedLine[]> {
  const segments = await ctx.db
    .selectFrom('appointmentService')
    .select(['serviceId', 'staffId', 'priceCents'])
    .where('appointmentId', '=', appointmentId)
    .orderBy('position')
    .execute();
  return segments.map((s) => ({ serviceId: s.serviceId, staffId: s.staffId, quantity: 1, unitPriceCents: s.priceCents, discount: null }));
}

/** A draft invoice row with nothing on it yet: no number, no lines, no discounts (a sale's start, or an import's). */
export function draftInvoiceRow(fields: Pick<InvoiceTable, 'id' | 'patientId' | 'appointmentId' | 'pricesIncludeTax' | 'taxRounding' | 'createdBy' | 'createdAt'> & Partial<InvoiceTable>): InvoiceTable {
  return {
    number: null,
    status: 'draft',
    discountKind: null,
    discountValue: null,
    grossCents: 0,
    discountCents: 0,
    netCents: 0,
    taxCents: 0,
    totalCents: 0,
    notes: '',
    issuedAt: null,
    issuedBy: null,
    voidedAt: null,
    voidedBy: null,
    voidReason: null,
    couponCodeId: null,
    couponDiscountCents: 0,
    memberTier: null,
    memberDiscountBasisPoints: 0,
    memberCategoryIds: '[]',
    memberDiscountCents: 0,
    updatedAt: fields.createdAt,
    ...fields,
  };
}

/**
 * Starts a draft: from an appointment (prefilled with its services and providers unless lines are given), for a
 * patient, or a walk-in sale. Returns its id.
 */
export async function startDraft(ctx: HandlerContext, { appointmentId, patientId, lines }: { appointmentId?: number; patientId?: number; lines: ParsedLine[] }): Promise<number> {
  let patient = patientId;
  let prefilled = lines;
  if (appointmentId !== undefined) {
    const visit = await ctx.db.selectFrom('appointment').select(['patientId', 'status']).where('id', '=', appointmentId).executeTakeFirst();
    if (!visit) throw fieldError('not_found', 'There is no such appointment.', 'appointmentId');
    if (visit.status === 'cancelled' || visit.status === 'noShow') throw fieldError('conflict', 'A cancelled or missed visit has nothing to invoice.', 'appointmentId');
    if (patientId !== undefined && patientId !== visit.patientId) throw fieldError('invalid_input', 'The appointment is for another patient.', 'patientId');
    const existing = await ctx.db.selectFrom('invoice').select(['id', 'number']).where('appointmentId', '=', appointmentId).where('status', '<>', 'void').executeTakeFirst();
    if (existing) throw new LumenError('conflict', `This visit already has ${existing.number ? `invoice ${existing.number}` : 'a draft invoice'}.`, { invoiceId: existing.id });
    patient = visit.patientId;
    if (!prefilled.length) prefilled = await visitLines(ctx, appointmentId);
  }
  if (patient !== undefined) await requirePatient(ctx, patient, 'patientId');
  const clinic = ctx.clinic();
  const at = ctx.now.toISOString();
  const draft = draftInvoiceRow({
    id: ctx.newId('invoice'),
    patientId: patient ?? null,
    appointmentId: appointmentId ?? null,
    pricesIncludeTax: flag(clinic.pricesIncludeTax === 1),
    taxRounding: clinic.taxRounding,
    createdBy: ctx.session?.staffId ?? null,
    createdAt: at,
  });
  cached(ctx.sqlite, INSERT_INVOICE_SQL).run(draft);
  await writeLines(ctx, draft, prefilled, null, { patientId: draft.patientId });
  ctx.audit({ action: 'create', entity: 'invoice', entityId: draft.id, summary: `Started a draft invoice${appointmentId !== undefined ? ' for a visit' : ''}`, details: { appointmentId, patientId: draft.patientId } });
  return draft.id;
}

export const draftHandlers: HandlerMap<'invoices.createDraft' | 'invoices.saveDraft' | 'invoices.get' | 'invoices.forPatient'> = {
  'invoices.createDraft': async (input, ctx) => loadInvoice(ctx, await startDraft(ctx, input)),

  'invoices.saveDraft': async ({ id, patientId, lines, discount, notes, couponCode, approval }, ctx) => {
    const invoice = await requireDraft(ctx, id);
    if (patientId !== undefined && patientId !== null) await requirePatient(ctx, patientId, 'patientId');
    if (patientId !== undefined && invoice.appointmentId !== null && patientId !== invoice.patientId) throw fieldError('invalid_input', 'A visit’s invoice stays with the visit’s patient.', 'patientId');
    await writeLines(ctx, invoice, lines as ParsedLine[], discount, { patientId: patientId === undefined ? invoice.patientId : patientId, couponCode, approval });
    await ctx.db
      .updateTable('invoice')
      .set({ notes, ...(patientId !== undefined ? { patientId } : {}) })
      .where('id', '=', id)
      .execute();
    return loadInvoice(ctx, id);
  },

  'invoices.get': ({ id }, ctx) => loadInvoice(ctx, id),

  'invoices.forPatient': async ({ patientId }, ctx) => {
    await requirePatient(ctx, patientId, 'patientId');
    return invoiceSummaries(ctx, { patientId });
  },
};
