/** Every expected failure a client can see. Anything else becomes `internal`, without a stack. */
export const errorCodes = [
  'invalid_input',
  'unauthenticated',
  'forbidden',
  'not_found',
  'conflict',
  'possible_duplicate',
  'invalid_transition',
  'locked',
  'account_locked',
  'weak_password',
  /** A discount above the seller's limit: a staff member whose limit covers it must sign in to approve it. */
  'approval_required',
  /** The patient has not consented to this channel, or asked not to be contacted (details.reason says which). */
  'no_consent',
  'unavailable',
  'internal',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export interface LumenErrorShape {
  code: ErrorCode;
  message: string;
  details?: unknown;
}

export class LumenError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'LumenError';
  }

  toJSON(): LumenErrorShape {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }

  static is(value: unknown): value is LumenErrorShape {
    return (
      typeof value === 'object' &&
      value !== null &&
      typeof (value as LumenErrorShape).message === 'string' &&
      (errorCodes as readonly string[]).includes((value as LumenErrorShape).code)
    );
  }

  static from(shape: LumenErrorShape): LumenError {
    return new LumenError(shape.code, shape.message, shape.details);
  }
}

/** Field paths → messages, the `details` of an `invalid_input` error. */
export interface FieldErrors {
  formErrors: string[];
  fieldErrors: Record<string, string[]>;
}

/**
 * An error about one field, shown beside it by forms. `fieldMessage` is the short text under the field when it
 * should differ from the whole message ("No such patient." / "Not found").
 */
export function fieldError(code: ErrorCode, message: string, field: string, fieldMessage = message): LumenError {
  return new LumenError(code, message, { formErrors: [], fieldErrors: { [field]: [fieldMessage] } } satisfies FieldErrors);
}

/** The one envelope every transport carries. */
export type Settled<T> = { ok: true; value: T } | { ok: false; error: LumenErrorShape };
