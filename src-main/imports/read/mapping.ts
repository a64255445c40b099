import type { FieldSpec } from './types';

/** Best field per column by normalised header name; each field used at most once; unknown columns → null. */
export function guessMapping(header: readonly string[], fields: readonly FieldSpec[]): (string | null)[] {
  void header;
  void fields;
  throw new Error('not yet');
}
