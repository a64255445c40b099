/**
 * Invoice totals: line and invoice discounts, tax and refund shares. Shared so the renderer shows live the very
 * figures the main process stores.
 *
 * Every input and output is an integer: money in minor units (cents), tax rates in thousandths of a percent
 * (8.875 % = 8875), percent discounts in basis points (12.5 % = 1250).
 *
 * The rules:
 * - quantity is a whole number of units, 1…MAX_QUANTITY (24 units of toxin); unitPriceCents ≥ 0; taxRateMillipercent
 *   0…100000; percent discounts 0…10000 basis points; amount discounts ≥ 0. The invoice's gross stays within
 *   MAX_INVOICE_CENTS so that every rate product stays an exact integer. Anything else is a RangeError (the handler
 *   turns bad input into a field error before it gets here).
 * - gross = quantity × unit price. A line discount is `percentOf(gross, bp)` or its amount; an amount above the
 *   gross is a RangeError.
 * - A member discount (the patient's loyalty tier) applies next, to its eligible lines only: `percentOf(amount, bp)` of
 *   each eligible line's amount after its own discount, rounded per line.
 * - A coupon (promotions) applies next, to its eligible lines only: `percentOf(eligible sum, bp)` or its amount,
 *   never more than the eligible lines' sum after their own discounts (an amount above it takes the whole sum). It is
 *   allocated to the eligible lines by the largest remainder method, like the invoice discount.
 * - The invoice discount applies to the lines' amounts after their own discounts and the coupon: `percentOf(sum, bp)` or its amount
 *   (a RangeError when above the sum). It is allocated to the lines in proportion to those amounts by the largest
 *   remainder method (ties to the earlier line), so the shares add up to it exactly and no line goes below zero.
 * - amount = gross − line discount − member discount − coupon share − invoice-discount share.
 * - Exclusive prices (pricesIncludeTax false): net = amount and tax comes on top. Inclusive prices: the amount
 *   already holds the tax, net = amount − tax.
 * - taxRounding 'line': each line's tax is rounded on its own: exclusive `applyRate(net, rate)`, inclusive
 *   `amount − divRound(amount × 100000, 100000 + rate)`. 'invoice': per tax rate, the tax of the group's summed
 *   amounts is rounded once (same formulas) and allocated back to the group's lines by largest remainder in
 *   proportion to their amounts, so the line taxes add up to the group's tax.
 * - A line's total = net + tax; the invoice's figures are the sums of its lines'; `taxes` has one entry per rate
 *   used, sorted by rate.
 * - Refunds by line use cumulative rounding (see `refundShare`), so any number of credit notes that return every
 *   unit return exactly the line's net, tax and total.
 */
import { applyRate, divRound, percentOf, type Cents } from '../money';

export type Discount = { kind: 'percent'; basisPoints: number } | { kind: 'amount'; cents: Cents };

export interface LineInput {
  quantity: number;
  unitPriceCents: Cents;
  discount: Discount | null;
  taxRateMillipercent: number;
}

/** A coupon's discount and which lines it may reduce (one flag per line). */
export interface CouponInput {
  discount: Discount;
  eligible: boolean[];
}

/** The loyalty tier's percent off, on the lines it covers (one flag per line). */
export interface MemberDiscountInput {
  basisPoints: number;
  eligible: boolean[];
}

export interface InvoiceInput {
  lines: LineInput[];
  discount: Discount | null;
  member?: MemberDiscountInput | null;
  coupon?: CouponInput | null;
  pricesIncludeTax: boolean;
  taxRounding: 'line' | 'invoice';
}

export interface LineTotals {
  grossCents: Cents;
  lineDiscountCents: Cents;
  /** What the member discount took off this line. */
  memberDiscountCents: Cents;
  /** This line's share of the coupon's discount. */
  couponDiscountCents: Cents;
  /** This line's share of the invoice discount. */
  invoiceDiscountCents: Cents;
  netCents: Cents;
  taxCents: Cents;
  /** net + tax */
  totalCents: Cents;
}

export interface TaxRateTotals {
  rateMillipercent: number;
  netCents: Cents;
  taxCents: Cents;
}

export interface InvoiceTotals {
  lines: LineTotals[];
  grossCents: Cents;
  /** Line discounts, the member discount, the coupon and the invoice discount. */
  discountCents: Cents;
  /** What the member discount took off (part of discountCents). */
  memberDiscountCents: Cents;
  /** What the coupon took off (part of discountCents). */
  couponDiscountCents: Cents;
  netCents: Cents;
  taxCents: Cents;
  totalCents: Cents;
  /** One entry per tax rate used, sorted by rate. */
  taxes: TaxRateTotals[];
}

/** Most units on one line; with MAX_INVOICE_CENTS it keeps a refund's cents × units product exact. */
export const MAX_QUANTITY = 10_000;
/** Largest invoice gross: times 100000 (the largest multiplier a rate uses) it is still a safe integer. */
export const MAX_INVOICE_CENTS = Math.floor(Number.MAX_SAFE_INTEGER / 100_000);
const MAX_TAX_RATE = 100_000;
const MAX_BASIS_POINTS = 10_000;

export function invoiceTotals(input: InvoiceInput): InvoiceTotals {
  const { lines, pricesIncludeTax, taxRounding } = input;
  let invoiceGross = 0;
  const discounted = lines.map((line, index) => {
    const label = `Line ${index + 1}`;
    checkLine(line, label);
    const gross = line.quantity * line.unitPriceCents;
    invoiceGross += gross;
    if (invoiceGross > MAX_INVOICE_CENTS) throw new RangeError(`The invoice's gross is above ${MAX_INVOICE_CENTS} minor units`);
    const lineDiscount = discountOf(line.discount, gross, `${label} discount`, "the line's gross");
    return { gross, lineDiscount, afterLineDiscount: gross - lineDiscount };
  });

  const memberShares = memberSharesOf(input.member ?? null, discounted.map((line) => line.afterLineDiscount));
  const afterMember = discounted.map((line, index) => line.afterLineDiscount - memberShares[index]);
  const couponShares = couponSharesOf(input.coupon ?? null, afterMember);
  const afterCoupon = afterMember.map((amount, index) => amount - couponShares[index]);
  const invoiceDiscount = discountOf(input.discount, sum(afterCoupon), 'Invoice discount', "the lines' sum after their own discounts");
  const invoiceDiscountShares = allocate(invoiceDiscount, afterCoupon);
  const amounts = afterCoupon.map((amount, index) => amount - invoiceDiscountShares[index]);

  const rates = lines.map((line) => line.taxRateMillipercent);
  const taxes = taxRounding === 'line'
    ? amounts.map((amount, index) => taxOf(amount, rates[index], pricesIncludeTax))
    : taxesRoundedPerRate(amounts, rates, pricesIncludeTax);

  const lineTotals = discounted.map((line, index): LineTotals => {
    const tax = taxes[index];
    const net = pricesIncludeTax ? amounts[index] - tax : amounts[index];
    return {
      grossCents: line.gross,
      lineDiscountCents: line.lineDiscount,
      memberDiscountCents: memberShares[index],
      couponDiscountCents: couponShares[index],
      invoiceDiscountCents: invoiceDiscountShares[index],
      netCents: net,
      taxCents: tax,
      totalCents: net + tax,
    };
  });

  const taxesByRate = [...new Set(rates)].sort((a, b) => a - b).map((rate): TaxRateTotals => {
    const group = lineTotals.filter((_, index) => rates[index] === rate);
    return { rateMillipercent: rate, netCents: sum(group.map((l) => l.netCents)), taxCents: sum(group.map((l) => l.taxCents)) };
  });

  return {
    lines: lineTotals,
    grossCents: sum(lineTotals.map((l) => l.grossCents)),
    discountCents: sum(lineTotals.map((l) => l.lineDiscountCents + l.memberDiscountCents + l.couponDiscountCents + l.invoiceDiscountCents)),
    memberDiscountCents: sum(memberShares),
    couponDiscountCents: sum(couponShares),
    netCents: sum(lineTotals.map((l) => l.netCents)),
    taxCents: sum(lineTotals.map((l) => l.taxCents)),
    totalCents: sum(lineTotals.map((l) => l.totalCents)),
    taxes: taxesByRate,
  };
}

/**
 * The share of a line's amounts for `units` more units refunded when `alreadyRefundedUnits` were refunded before:
 * cumulative rounding (share of all refunded so far minus what was refunded before), so refunding every unit over
 * any number of credit notes returns exactly the line's net, tax and total, never a cent more.
 */
export function refundShare(line: Pick<LineTotals, 'netCents' | 'taxCents' | 'totalCents'> & Partial<LineTotals>, quantity: number, alreadyRefundedUnits: number, units: number): { netCents: Cents; taxCents: Cents; totalCents: Cents } {
  checkInteger(quantity, 'Quantity sold', 1, MAX_QUANTITY);
  checkInteger(alreadyRefundedUnits, 'Units already refunded', 0, quantity);
  checkInteger(units, 'Units to refund', 1, quantity - alreadyRefundedUnits);
  checkInteger(line.netCents, "The line's net", 0, Number.MAX_SAFE_INTEGER);
  checkInteger(line.taxCents, "The line's tax", 0, Number.MAX_SAFE_INTEGER);
  if (line.totalCents !== line.netCents + line.taxCents) throw new RangeError("The line's total is not its net plus its tax");
  if (!Number.isSafeInteger(line.totalCents * quantity)) throw new RangeError("The line's total is too large to share out by unit");

  const refundedAfter = alreadyRefundedUnits + units;
  const shareOf = (cents: Cents) => divRound(cents * refundedAfter, quantity) - divRound(cents * alreadyRefundedUnits, quantity);
  const netCents = shareOf(line.netCents);
  const taxCents = shareOf(line.taxCents);
  // The total follows from net and tax rather than being rounded on its own, so each credit note adds up.
  return { netCents, taxCents, totalCents: netCents + taxCents };
}

/**
 * Splits `total` into integer shares proportional to `weights` by the largest remainder method: each share is the
 * rounded-down exact share, and the cents left over go one each to the largest remainders, ties to the earlier
 * entry. The shares add up to `total` exactly; a zero weight gets nothing. A negative total is split as its
 * opposite, negated.
 */
export function allocate(total: number, weights: number[]): number[] {
  checkInteger(total, 'Total to allocate', -Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
  weights.forEach((weight, index) => checkInteger(weight, `Weight ${index + 1}`, 0, Number.MAX_SAFE_INTEGER));
  if (total < 0) return allocate(-total, weights).map((share) => 0 - share);
  const weightSum = sum(weights);
  if (!Number.isSafeInteger(weightSum)) throw new RangeError('The weights add up to more than a safe integer');
  if (weightSum === 0) {
    if (total !== 0) throw new RangeError(`Cannot allocate ${total} over weights that are all zero`);
    return weights.map(() => 0);
  }

  // BigInt because total × weight can pass 2^53 even when both are safe.
  const exact = weights.map((weight) => BigInt(total) * BigInt(weight));
  const divisor = BigInt(weightSum);
  const shares = exact.map((product) => Number(product / divisor));
  const remainders = exact.map((product) => product % divisor);
  const leftOver = total - sum(shares);
  const byRemainder = weights.map((_, index) => index).sort((a, b) => {
    if (remainders[a] !== remainders[b]) return remainders[a] > remainders[b] ? -1 : 1;
    return a - b;
  });
  for (const index of byRemainder.slice(0, leftOver)) shares[index] += 1;
  return shares;
}

/** Tax of one amount: on top of it for exclusive prices, the part of it that is tax for inclusive ones. */
function taxOf(amount: Cents, rateMillipercent: number, pricesIncludeTax: boolean): Cents {
  if (!pricesIncludeTax) return applyRate(amount, rateMillipercent);
  return amount - divRound(amount * 100_000, 100_000 + rateMillipercent);
}

/** 'invoice' rounding: one rounded tax per rate, allocated back to that rate's lines by their amounts. */
function taxesRoundedPerRate(amounts: Cents[], rates: number[], pricesIncludeTax: boolean): Cents[] {
  const taxes: Cents[] = amounts.map(() => 0);
  for (const rate of new Set(rates)) {
    const members = rates.flatMap((lineRate, index) => (lineRate === rate ? [index] : []));
    const memberAmounts = members.map((index) => amounts[index]);
    const groupTax = taxOf(sum(memberAmounts), rate, pricesIncludeTax);
    allocate(groupTax, memberAmounts).forEach((tax, position) => { taxes[members[position]] = tax; });
  }
  return taxes;
}

/** The member discount on each eligible line's amount, rounded per line. */
function memberSharesOf(member: MemberDiscountInput | null, amounts: Cents[]): Cents[] {
  if (member === null) return amounts.map(() => 0);
  if (member.eligible.length !== amounts.length) throw new RangeError('The member discount needs one eligibility flag per line');
  checkInteger(member.basisPoints, 'Member discount', 0, MAX_BASIS_POINTS);
  return amounts.map((amount, index) => (member.eligible[index] ? percentOf(amount, member.basisPoints) : 0));
}

/** The coupon's discount on its eligible lines, shared over them by their amounts; never more than they come to. */
function couponSharesOf(coupon: CouponInput | null, amounts: Cents[]): Cents[] {
  if (coupon === null) return amounts.map(() => 0);
  if (coupon.eligible.length !== amounts.length) throw new RangeError('The coupon needs one eligibility flag per line');
  const eligibleAmounts = amounts.map((amount, index) => (coupon.eligible[index] ? amount : 0));
  const base = sum(eligibleAmounts);
  const { discount } = coupon;
  if (discount.kind === 'percent') checkInteger(discount.basisPoints, 'Coupon discount', 0, MAX_BASIS_POINTS);
  else checkInteger(discount.cents, 'Coupon discount', 0, Number.MAX_SAFE_INTEGER);
  const total = discount.kind === 'percent' ? percentOf(base, discount.basisPoints) : Math.min(discount.cents, base);
  return base === 0 ? amounts.map(() => 0) : allocate(total, eligibleAmounts);
}

function discountOf(discount: Discount | null, base: Cents, label: string, baseName: string): Cents {
  if (discount === null) return 0;
  if (discount.kind === 'percent') {
    checkInteger(discount.basisPoints, label, 0, MAX_BASIS_POINTS);
    return percentOf(base, discount.basisPoints);
  }
  checkInteger(discount.cents, label, 0, Number.MAX_SAFE_INTEGER);
  if (discount.cents > base) throw new RangeError(`${label} of ${discount.cents} is above ${baseName} (${base})`);
  return discount.cents;
}

function checkLine(line: LineInput, label: string): void {
  checkInteger(line.quantity, `${label} quantity`, 1, MAX_QUANTITY);
  checkInteger(line.unitPriceCents, `${label} unit price`, 0, MAX_INVOICE_CENTS);
  checkInteger(line.taxRateMillipercent, `${label} tax rate`, 0, MAX_TAX_RATE);
}

function checkInteger(value: number, label: string, min: number, max: number): void {
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new RangeError(`${label} must be a whole number from ${min} to ${max}, not ${value}`);
  }
}

function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
