/**
 * The first message of a form error or of anything beneath it: the contract checks `discount.basisPoints` where the
 * form shows one `discount` input, and a credit note's `lines.2.quantity` where the form has a units column.
 */
export function messageOf(error: unknown): string | undefined {
  if (!error || typeof error !== 'object') return undefined;
  if ('message' in error && typeof error.message === 'string' && error.message) return error.message;
  for (const [key, inner] of Object.entries(error)) {
    if (key === 'ref') continue;
    const message = messageOf(inner);
    if (message) return message;
  }
  return undefined;
}
