import { couponEligibility } from '../../../src-shared/checkout/coupons';
import { invoiceTotals, type InvoiceTotals } from '../../../src-shared/checkout/totals';
import type { Discount, Invoice } from '../../../src-shared/contract/checkout';
import { bpToPercent, centsToInput, inputToCents, percentToBp } from '../../lib/format';

/**
 * A draft invoice as its form holds it: the strings the inputs produce, named like the contract's fields so a
 * server refusal about `lines.1.discount` lands beside that very input.
 */
export type DiscountKind = 'none' | 'percent' | 'amount';

export interface LineValues {
  serviceId: string;
  /** A product from inventory (and the lot it is sold from), kept through edits so its stock leaves on issue. */
  productId: string;
  lotId: string;
  description: string;
  staffId: string;
  quantity: string;
  unitPriceCents: string;
  discountKind: DiscountKind;
  discount: string;
  /** The tax rate picked from the clinic's rates, in millipercent. */
  taxRateMillipercent: string;
  /** What the line sells ahead, if anything: a package plan, a top-up plan, or a gift card (its price is its value). */
  packagePlanId: string;
  topUpPlanId: string;
  giftCard: boolean;
  giftCardCode: string;
}

export interface DraftValues {
  lines: LineValues[];
  discountKind: DiscountKind;
  discount: string;
  notes: string;
  /** The coupon code as typed; empty: no coupon (left out: the draft keeps its coupon). */
  couponCode?: string;
}

export const blankLine = (taxRateMillipercent: number): LineValues => ({
  serviceId: '',
  productId: '',
  lotId: '',
  description: '',
  staffId: '',
  quantity: '1',
  unitPriceCents: '',
  discountKind: 'none',
  discount: '',
  taxRateMillipercent: String(taxRateMillipercent),
  packagePlanId: '',
  topUpPlanId: '',
  giftCard: false,
  giftCardCode: '',
});

function discountText(discount: Discount | null, currency: string): { discountKind: DiscountKind; discount: string } {
  if (!discount) return { discountKind: 'none', discount: '' };
  if (discount.kind === 'percent') return { discountKind: 'percent', discount: bpToPercent(discount.basisPoints) };
  return { discountKind: 'amount', discount: centsToInput(discount.cents, currency) };
}

export function draftToValues(invoice: Invoice, currency: string): DraftValues {
  return {
    lines: invoice.lines.map((line) => ({
      serviceId: line.serviceId === null ? '' : String(line.serviceId),
      productId: line.productId === null ? '' : String(line.productId),
      lotId: line.lotId === null ? '' : String(line.lotId),
      description: line.description,
      staffId: line.staffId === null ? '' : String(line.staffId),
      quantity: String(line.quantity),
      unitPriceCents: centsToInput(line.unitPriceCents, currency),
      taxRateMillipercent: String(line.taxRateMillipercent),
      ...discountText(line.discount, currency),
      packagePlanId: line.packagePlanId === null ? '' : String(line.packagePlanId),
      topUpPlanId: line.topUpPlanId === null ? '' : String(line.topUpPlanId),
      giftCard: line.giftCard !== null,
      giftCardCode: line.giftCard?.code ?? '',
    })),
    ...discountText(invoice.discount, currency),
    notes: invoice.notes,
    couponCode: invoice.coupon?.code ?? '',
  };
}

/** Text that is not a number becomes NaN, which the contract schema refuses beside its field. */
const whole = (text: string): number => (/^\s*\d+\s*$/.test(text) ? Number(text) : NaN);
const cents = (text: string, currency: string): number => inputToCents(text, currency) ?? NaN;

function discountInput(kind: DiscountKind, text: string, currency: string): Discount | null {
  if (kind === 'none' || !text.trim()) return null;
  if (kind === 'percent') return { kind: 'percent', basisPoints: percentToBp(text) ?? NaN };
  return { kind: 'amount', cents: cents(text, currency) };
}

/** The form's strings as `invoices.saveDraft` input. Every line names its own price and rate, so nothing shifts on save. */
export function valuesToDraftInput(id: number, values: DraftValues, currency: string) {
  return {
    id,
    lines: values.lines.map((line) => ({
      serviceId: line.serviceId ? Number(line.serviceId) : undefined,
      productId: line.productId ? Number(line.productId) : undefined,
      lotId: line.lotId ? Number(line.lotId) : undefined,
      description: line.description.trim() || undefined,
      staffId: line.staffId ? Number(line.staffId) : null,
      quantity: whole(line.quantity),
      unitPriceCents: cents(line.unitPriceCents, currency),
      discount: discountInput(line.discountKind, line.discount, currency),
      taxRateMillipercent: Number(line.taxRateMillipercent),
      // Price and tax of a prepaid line come from what it sells; the values above only feed the live totals.
      packagePlanId: line.packagePlanId ? Number(line.packagePlanId) : undefined,
      topUpPlanId: line.topUpPlanId ? Number(line.topUpPlanId) : undefined,
      giftCard: line.giftCard ? { amountCents: cents(line.unitPriceCents, currency), code: line.giftCardCode.trim() || undefined } : undefined,
    })),
    discount: discountInput(values.discountKind, values.discount, currency),
    notes: values.notes,
    couponCode: values.couponCode === undefined ? undefined : values.couponCode.trim() || null,
  };
}

/**
 * The draft's totals as the server will compute them, while the desk types: `null` while a line does not read
 * as numbers yet, a message when the figures are out of range (a discount above the price).
 */
export function previewTotals(
  values: DraftValues,
  currency: string,
  rules: Pick<Invoice, 'pricesIncludeTax' | 'taxRounding'> & { coupon?: Invoice['coupon']; memberDiscount?: Invoice['memberDiscount'] },
  categoryOf: (serviceId: number) => number | null = () => null,
): InvoiceTotals | { problem: string } | null {
  const input = valuesToDraftInput(0, values, currency);
  const numbers = input.lines.flatMap((l) => [l.quantity, l.unitPriceCents, l.taxRateMillipercent, ...discountNumbers(l.discount)]);
  if (numbers.concat(discountNumbers(input.discount)).some((n) => !Number.isSafeInteger(n))) return null;
  try {
    const lineKinds = kindsOf(input.lines, categoryOf);
    const coupon = rules.coupon ? { discount: rules.coupon.discount, eligible: couponEligibility(rules.coupon, lineKinds) } : null;
    const member = rules.memberDiscount ? { basisPoints: rules.memberDiscount.basisPoints, eligible: couponEligibility({ serviceIds: [], categoryIds: rules.memberDiscount.categoryIds }, lineKinds) } : null;
    return invoiceTotals({ lines: input.lines, discount: input.discount, member, coupon, pricesIncludeTax: rules.pricesIncludeTax, taxRounding: rules.taxRounding });
  } catch (error) {
    if (error instanceof RangeError) return { problem: error.message };
    throw error;
  }
}

/**
 * The lines as they are now, as the saved coupon and tier discount see them (a code typed but not saved yet, or a
 * patient just chosen, shows once saved).
 */
function kindsOf(lines: { serviceId?: number; topUpPlanId?: number; giftCard?: unknown }[], categoryOf: (serviceId: number) => number | null) {
  return lines.map((l) => ({ serviceId: l.serviceId ?? null, sellsValue: l.topUpPlanId !== undefined || l.giftCard !== undefined, categoryId: l.serviceId === undefined ? null : categoryOf(l.serviceId) }));
}

function discountNumbers(discount: Discount | null): number[] {
  if (!discount) return [];
  return [discount.kind === 'percent' ? discount.basisPoints : discount.cents];
}
