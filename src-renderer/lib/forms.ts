import type { FieldValues, Path, Resolver, UseFormReturn, UseFormSetError } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import type { z } from 'zod';
import { LumenError, type FieldErrors } from '../../src-shared/errors';
import { errorMessage } from './client';

/** Plain words for zod's generic messages; messages the contract spells out itself are kept. */
function friendlyIssue(issue: { code: string; minimum?: unknown; maximum?: unknown; input?: unknown; format?: string }): string | undefined {
  if (issue.code === 'too_small' && issue.minimum === 1 && (typeof issue.input === 'string' || issue.input === undefined)) return 'Required';
  if (issue.code === 'too_small' && typeof issue.input === 'string') return `At least ${String(issue.minimum)} characters`;
  if (issue.code === 'too_big' && typeof issue.input === 'string') return `At most ${String(issue.maximum)} characters`;
  if (issue.code === 'too_small' && typeof issue.input === 'number') return `At least ${String(issue.minimum)}`;
  if (issue.code === 'too_big' && typeof issue.input === 'number') return `At most ${String(issue.maximum)}`;
  // A cleared number box reads as NaN.
  if (issue.code === 'invalid_type' && (issue.input === undefined || Number.isNaN(issue.input))) return 'Required';
  if (issue.code === 'invalid_format' && issue.format === 'date') return 'A date like 1990-04-21';
  if (issue.code === 'invalid_format' && issue.format === 'email') return 'Not an email address';
  return undefined;
}

/**
 * A resolver for a form whose values are the strings inputs produce: `toInput` turns them into what the
 * contract schema expects (blank → absent, text → numbers), then the very schema the server uses validates it.
 * Without `toInput` the values are the input as they are.
 */
export function contractResolver<V extends FieldValues, S extends z.ZodType>(
  schema: S,
  toInput: (values: V) => unknown = (values) => values,
): Resolver<V, unknown, z.output<S>> {
  const inner = zodResolver(schema as never, { error: friendlyIssue } as never) as unknown as Resolver<FieldValues, unknown, z.output<S>>;
  return (values, context, options) => inner(toInput(values) as FieldValues, context, options as never) as never;
}

function isFieldErrors(details: unknown): details is FieldErrors {
  return typeof details === 'object' && details !== null && 'fieldErrors' in details;
}

/** Refusals that may name fields: the contract's checks (invalid_input) and a clash with another record (conflict, "already exists"). */
const fieldRefusals: readonly string[] = ['invalid_input', 'conflict'];

/** Where a form shows the refusals that name fields. */
export interface RefusalPlaces<V extends FieldValues> {
  /** Put before the contract's top-level keys to reach nested form fields ("owner."). */
  prefix?: string;
  /** The fields the form shows; a refusal about another goes under the fields (absent: every field is shown). */
  known?: readonly string[];
  /** Where a weak_password refusal goes. */
  passwordField?: Path<V>;
}

/**
 * Shows a server refusal on the form: field messages of invalid_input and conflict next to their fields, anything
 * else as the form's own message.
 */
export function showServerError<V extends FieldValues>(
  error: unknown,
  setError: UseFormSetError<V>,
  options: RefusalPlaces<V> = {},
): void {
  if (error instanceof LumenError && error.code === 'weak_password' && options.passwordField) {
    setError(options.passwordField, { type: 'server', message: error.message });
    return;
  }
  if (error instanceof LumenError && fieldRefusals.includes(error.code) && isFieldErrors(error.details)) {
    const leftovers: string[] = [...error.details.formErrors];
    for (const [field, messages] of Object.entries(error.details.fieldErrors)) {
      if (!messages?.length) continue;
      if (options.known && !options.known.includes(field)) {
        // invalid_input's own message only says "check the fields"; another refusal's message says it all.
        leftovers.push(error.code === 'invalid_input' ? `${field}: ${messages.join(' ')}` : error.message);
        continue;
      }
      setError(`${options.prefix ?? ''}${field}` as Path<V>, { type: 'server', message: messages.join(' ') });
    }
    if (leftovers.length) setError('root.server' as Path<V>, { type: 'server', message: [...new Set(leftovers)].join(' ') });
    return;
  }
  setError('root.server' as Path<V>, { type: 'server', message: errorMessage(error) });
}

/**
 * The submit handler of a form: checks the fields with the form's resolver, runs `onSubmit` with the parsed input
 * (the call, then whatever follows) and shows a refusal it throws with showServerError, at `refusals`.
 */
export function submitWith<V extends FieldValues, O>(
  form: Pick<UseFormReturn<V, unknown, O>, 'handleSubmit' | 'setError'>,
  onSubmit: (input: O) => Promise<unknown>,
  refusals?: RefusalPlaces<V>,
): ReturnType<UseFormReturn<V, unknown, O>['handleSubmit']> {
  return form.handleSubmit(async (input) => {
    try {
      await onSubmit(input);
    } catch (err) {
      showServerError(err, form.setError, refusals);
    }
  });
}
