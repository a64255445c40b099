import type { NumberStyle, Parsed } from './types';

/** null: nothing in the samples tells the two styles apart. */
export function detectNumberStyle(samples: readonly string[]): NumberStyle | null {
  void samples;
  throw new Error('not yet');
}

/** "€ 1.234,56" → 123456; "(12.50)" and "-12.50" negative; more than 2 decimals → problem (never rounded). */
export function parseCents(text: string, style: NumberStyle): Parsed<number> {
  void text;
  void style;
  throw new Error('not yet');
}

/** Points, units, quantities: "1,200" → 1200; "12.5" → problem. */
export function parseWholeNumber(text: string, style: NumberStyle): Parsed<number> {
  void text;
  void style;
  throw new Error('not yet');
}
