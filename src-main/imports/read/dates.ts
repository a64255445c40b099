import type { DateOrder, Parsed } from './types';

/** A first part > 12 proves day-first, a second part > 12 proves month-first; ISO fits both. */
export function detectDateOrder(samples: readonly string[]): DateOrder | 'ambiguous' | 'conflicting' {
  void samples;
  throw new Error('not yet');
}

/** → 'YYYY-MM-DD'. */
export function parseDate(text: string, order: DateOrder | null): Parsed<string> {
  void text;
  void order;
  throw new Error('not yet');
}

/** → date 'YYYY-MM-DD' and time 'HH:MM' (null when the text has no time). */
export function parseDateTime(text: string, order: DateOrder | null): Parsed<{ date: string; time: string | null }> {
  void text;
  void order;
  throw new Error('not yet');
}
