/**
 * Money is always an integer count of the currency's minor units (cents).
 * Rounding rule everywhere: half away from zero, applied once per computed amount.
 */
export type Cents = number;

export function assertCents(value: number): Cents {
  if (!Number.isSafeInteger(value)) throw new RangeError(`Not a whole number of minor units: ${value}`);
  return value;
}

export function addCents(...values: Cents[]): Cents {
  return values.reduce((sum, v) => sum + assertCents(v), 0);
}

/** Integer division rounded half away from zero, without floating point. */
export function divRound(numerator: number, denominator: number): number {
  const n = BigInt(numerator);
  const d = BigInt(denominator);
  const q = n / d;
  const r = n % d;
  const twice = (r < 0n ? -r : r) * 2n;
  const absD = d < 0n ? -d : d;
  if (twice >= absD) return Number(q + ((n < 0n) !== (d < 0n) ? -1n : 1n));
  return Number(q);
}

/**
 * What a refund of `amountCents` to one prepaid source gives back of the quantity it took (a package's units, a
 * patient's points): shared by amount over what that source paid on the invoice (`payments`: its payments, positive
 * in, negative refunds), cumulatively rounded, so refunding all it paid returns exactly the quantity taken.
 */
export function quantityGivenBack(payments: readonly { amountCents: number; quantity: number }[], amountCents: number): number {
  const paid = payments.filter((p) => p.amountCents > 0);
  const paidCents = paid.reduce((sum, p) => sum + p.amountCents, 0);
  const paidQuantity = paid.reduce((sum, p) => sum + p.quantity, 0);
  const refundedBefore = -payments.filter((p) => p.amountCents < 0).reduce((sum, p) => sum + p.amountCents, 0);
  if (paidCents === 0) return 0;
  return divRound(paidQuantity * (refundedBefore + amountCents), paidCents) - divRound(paidQuantity * refundedBefore, paidCents);
}

/** A rate in thousandths of a percent (8.875% = 8875) applied to an amount. */
export function applyRate(cents: Cents, rateMillipercent: number): Cents {
  return divRound(assertCents(cents) * rateMillipercent, 100_000);
}

/** Basis points (1% = 100) of an amount. */
export function percentOf(cents: Cents, basisPoints: number): Cents {
  return divRound(assertCents(cents) * basisPoints, 10_000);
}

/** ISO 4217 minor-unit exponents that are not 2. */
const minorUnitExponent: Record<string, number> = { JPY: 0, KRW: 0, CLP: 0, ISK: 0, VND: 0, HUF: 2, KWD: 3, BHD: 3, JOD: 3, OMR: 3, TND: 3 };

export function minorUnits(currency: string): number {
  return minorUnitExponent[currency.toUpperCase()] ?? 2;
}

/** Formats only at the edge; the amount itself never becomes a float in storage or arithmetic. */
export function formatMoney(cents: Cents, currency: string, locale?: string): string {
  const exp = minorUnits(currency);
  const formatter = new Intl.NumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: exp, maximumFractionDigits: exp });
  // A decimal string, so formatting never sees a binary fraction.
  return formatter.format(decimalOf(cents, currency) as unknown as number);
}

/** Minor units as a plain decimal with a dot and the currency's digits ("-123.45", "1500" in JPY): files for other systems. */
export function decimalOf(cents: Cents, currency: string): string {
  const exp = minorUnits(currency);
  const abs = Math.abs(cents);
  const scale = 10 ** exp;
  const whole = Math.trunc(abs / scale);
  const text = exp === 0 ? String(whole) : `${whole}.${String(abs % scale).padStart(exp, '0')}`;
  return cents < 0 ? `-${text}` : text;
}

/** Parses "12.50", "12,5", "1 234.00" into minor units; returns null when it is not an amount. */
export function parseMoney(text: string, currency: string): Cents | null {
  const exp = minorUnits(currency);
  const cleaned = text.trim().replace(/[\s\u00a0']/g, '').replace(/^[^\d-]+/, '');
  const match = /^(-)?(\d+)(?:[.,](\d+))?$/.exec(cleaned);
  if (!match) return null;
  const [, sign, whole, fracRaw = ''] = match;
  if (fracRaw.length > exp) return null;
  const value = Number(whole) * 10 ** exp + Number(fracRaw.padEnd(exp, '0') || '0');
  if (!Number.isSafeInteger(value)) return null;
  return sign ? -value : value;
}
