import type { z } from 'zod';
import type { ErrorCode } from '../errors';
import type { Permission } from '../permissions';

/**
 * One method of the contract.
 * - `permission: null` means callable before sign-in (first run, sign-in itself).
 * - `transaction`: `write` runs the handler in one write transaction (all or nothing), `read` in a read
 *   snapshot, `none` for the few methods that manage the database file themselves (backup, restore, demo).
 */
export interface MethodDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
  permission: Permission | null;
  transaction: 'read' | 'write' | 'none';
  errors: readonly ErrorCode[];
  summary: string;
  /**
   * `false` for the few methods that only read progress kept in memory: they answer at once, beside a long call (an
   * import) still running; and for a method that waits on the network (`messages.testAccount`), which then writes only
   * between calls, like a background job (`runtime.outsideTransaction`).
   */
  queued?: false;
}

export function method<I extends z.ZodType, O extends z.ZodType>(def: MethodDef<I, O>): MethodDef<I, O> {
  return def;
}
