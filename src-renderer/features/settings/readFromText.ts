import { z } from 'zod';

/**
 * A contract number field that the form holds as text. `toInput` reads the text (null when it cannot be read);
 * this puts `message` beside the field instead of zod's "expected number", then the contract's own checks apply.
 * `field` is the contract's number schema, unwrapped when optional or defaulted (the form always sends a number).
 */
export function readFromText<T extends z.ZodType<unknown, number>>(field: T, message: string) {
  return z.number({ error: message }).pipe(field);
}
