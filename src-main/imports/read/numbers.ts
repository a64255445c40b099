import type { NumberStyle, Parsed } from './types';

const SEPARATORS: Record<NumberStyle, { group: string; decimal: string; example: string }> = {
  dotDecimal: { group: ',', decimal: '.', example: '1,234.56' },
  commaDecimal: { group: '.', decimal: ',', example: '1.234,56' },
};

/** 6.1E+10, 4,91711E+11: a number a spreadsheet shortened to a few significant digits; the rest are lost. */
export const SCIENTIFIC = /^[+-]?\d+(?:[.,]\d+)?e[+-]?\d+$/i;

/** Spaces, no-break spaces and apostrophes group thousands in every style (1 234,56 · 1'234.56). */
const NEUTRAL_GROUPING = /[\s\u00a0\u202f'’]/g;
/** Currency signs and codes around an amount: €, $, £, CHF, EUR, kr, Fr. */
const CURRENCY = /^(?:\p{Sc}|[A-Z]{3}\b|kr\.?|Fr\.)\s*|\s*(?:\p{Sc}|\b[A-Z]{3}|kr\.?|Fr\.)$/gu;

/**
 * Which style the samples are written in, from the ones that prove it: both marks (the later one is the decimal),
 * a mark used twice (a thousands separator), or one mark not followed by exactly three digits (a decimal). "1,234"
 * alone proves nothing. The style most samples prove wins; null when none proves either.
 */
export function detectNumberStyle(samples: readonly string[]): NumberStyle | null {
  const votes = { dotDecimal: 0, commaDecimal: 0 };
  for (const sample of samples) {
    const style = provenStyle(sample.replace(NEUTRAL_GROUPING, ''));
    if (style) votes[style]++;
  }
  if (votes.dotDecimal === votes.commaDecimal) return null;
  return votes.dotDecimal > votes.commaDecimal ? 'dotDecimal' : 'commaDecimal';
}

function provenStyle(text: string): NumberStyle | null {
  const lastDot = text.lastIndexOf('.');
  const lastComma = text.lastIndexOf(',');
  if (lastDot >= 0 && lastComma >= 0) return lastDot > lastComma ? 'dotDecimal' : 'commaDecimal';
  const mark = lastDot >= 0 ? '.' : lastComma >= 0 ? ',' : null;
  if (mark === null || !/\d/.test(text)) return null;
  const asDecimal: NumberStyle = mark === '.' ? 'dotDecimal' : 'commaDecimal';
  const asGroup: NumberStyle = mark === '.' ? 'commaDecimal' : 'dotDecimal';
  if (text.indexOf(mark) !== text.lastIndexOf(mark)) return asGroup;
  return /^\d{3}(\D|$)/.test(text.slice(text.indexOf(mark) + 1)) ? null : asDecimal;
}

interface Decimal {
  negative: boolean;
  whole: string;
  fraction: string;
}

/**
 * "€ 1.234,56" → 123456 cents; "(12.50)", "-12.50" and "12.50-" are negative; a decimal beyond the currency's minor
 * unit is refused, never rounded. `minorDigits`: the currency's (`minorUnits` in src-shared/money.ts; 0 for yen).
 */
export function parseCents(text: string, style: NumberStyle, minorDigits = 2): Parsed<number> {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: true, value: null };
  if (SCIENTIFIC.test(trimmed)) return { ok: false, problem: shortened(trimmed) };
  const decimal = readDecimal(trimmed, style, true);
  if (!decimal) return { ok: false, problem: `“${trimmed}” is not an amount written like ${SEPARATORS[style].example}.` };
  const fraction = decimal.fraction.replace(/0+$/, '');
  if (fraction.length > minorDigits) {
    const problem =
      minorDigits === 0
        ? `“${trimmed}” has decimals, which this currency does not; amounts are never rounded.`
        : `“${trimmed}” has more than ${minorDigits} decimals; amounts are never rounded.`;
    return { ok: false, problem };
  }
  const scale = 10 ** minorDigits;
  return signed(decimal, Number(decimal.whole) * scale + Number(fraction.padEnd(minorDigits, '0') || '0'), trimmed);
}

/** Points, units, quantities: "1,200" → 1200 in dotDecimal style; "12.5" is refused. */
export function parseWholeNumber(text: string, style: NumberStyle): Parsed<number> {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: true, value: null };
  if (SCIENTIFIC.test(trimmed)) return { ok: false, problem: shortened(trimmed) };
  const decimal = readDecimal(trimmed, style, false);
  if (!decimal) return { ok: false, problem: `“${trimmed}” is not a number written like ${SEPARATORS[style].example}.` };
  if (/[1-9]/.test(decimal.fraction)) return { ok: false, problem: `“${trimmed}” is not a whole number.` };
  return signed(decimal, Number(decimal.whole), trimmed);
}

function shortened(text: string): string {
  return `A spreadsheet wrote this number as ${text}, which keeps only its first digits.`;
}

function signed(decimal: Decimal, magnitude: number, text: string): Parsed<number> {
  if (!Number.isSafeInteger(magnitude)) return { ok: false, problem: `“${text}” is too large.` };
  return { ok: true, value: decimal.negative && magnitude !== 0 ? -magnitude : magnitude };
}

/**
 * Sign, whole digits and decimal digits of a number in the given style, or null when the text is not one. Groups
 * must be of three digits, so "1.234,56" read as dotDecimal is refused rather than misread.
 */
function readDecimal(text: string, style: NumberStyle, currency: boolean): Decimal | null {
  const withoutCurrency = (t: string) => (currency ? t.replace(CURRENCY, '') : t);
  let body = withoutCurrency(text.trim());
  let negative = false;
  const parenthesised = /^\((.*)\)$/.exec(body);
  if (parenthesised) [negative, body] = [true, parenthesised[1].trim()];
  const sign = /^([-+−])\s*(.*)$|^(.*?)\s*-$/.exec(body);
  if (sign) {
    if (negative) return null;
    negative = sign[1] !== '+';
    body = sign[2] ?? sign[3];
  }
  body = withoutCurrency(body); // "-€12.50" as well as "€ -12.50"
  const { group, decimal } = SEPARATORS[style];
  const [whole, fraction = '', ...rest] = body.replace(NEUTRAL_GROUPING, '').split(decimal);
  if (rest.length > 0 || !/^\d*$/.test(fraction)) return null;
  const grouped = new RegExp(`^\\d{1,3}(\\${group}\\d{3})+$`);
  if (!/^\d*$/.test(whole) && !grouped.test(whole)) return null;
  if (whole === '' && fraction === '') return null;
  return { negative, whole: whole.split(group).join('') || '0', fraction };
}
