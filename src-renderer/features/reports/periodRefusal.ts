import { LumenError } from '../../../src-shared/errors';

const periodFields = ['from', 'to', 'period'];

/**
 * What a refusal says about the period (an empty or reversed one), to show beside the dates rather than in place of
 * the report; undefined when the refusal is about something else.
 */
export function periodRefusal(error: unknown): string | undefined {
  if (!(error instanceof LumenError) || error.code !== 'invalid_input') return undefined;
  const fields = (error.details as { fieldErrors?: Record<string, string[] | undefined> } | undefined)?.fieldErrors ?? {};
  const messages = periodFields.flatMap((field) => fields[field] ?? []);
  return messages.length ? [...new Set(messages)].join(' ') : undefined;
}
