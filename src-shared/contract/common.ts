import { z } from 'zod';
import { isTimeZone } from '../time';

export const Id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
export const Empty = z.strictObject({});
export const Ok = z.object({ ok: z.literal(true) });

/** A calendar date (YYYY-MM-DD), not an instant. */
export const CalendarDate = z.iso.date();
/** An instant, stored and sent as ISO-8601 UTC. */
export const Instant = z.iso.datetime({ offset: true });
export const Cents = z.number().int().min(-1_000_000_000_00).max(1_000_000_000_00);
export const NonNegativeCents = Cents.min(0);

export const TimeZone = z.string().trim().min(1).max(64).refine(isTimeZone, 'Not a known IANA time zone (e.g. Europe/Berlin)');
export const CurrencyCode = z.string().trim().regex(/^[A-Z]{3}$/, 'A three-letter ISO 4217 code, e.g. EUR');
export const CountryCode = z.string().trim().regex(/^[A-Z]{2}$/, 'A two-letter ISO 3166 code, e.g. DE');
export const Color = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'A colour like #3366cc');
export const ClockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'A time like 09:30');

/**
 * Control characters no person types, which would reach lists, prints and exports as given: any of Unicode's
 * control characters (C0, DEL, C1) except tab, line feed and the carriage return of a CRLF.
 */
const CONTROL_CHARACTER = /(?![\t\n\r])\p{Cc}|\r(?!\n)/u;
const LINE_BREAK_OR_TAB = /[\t\n\r\u2028\u2029]/;
const withoutControlCharacters = (text: string) => !CONTROL_CHARACTER.test(text);

/**
 * Human text on one line (names, titles, reasons, address lines, search text): trimmed, and refused when it holds a
 * control character, a line break or a tab. Size it where used: `OneLineText.min(1).max(80)`.
 */
export const OneLineText = z
  .string()
  .trim()
  .refine((text) => !LINE_BREAK_OR_TAB.test(text), 'Keep this on one line (no line breaks or tabs)')
  .refine(withoutControlCharacters, 'Remove control characters');
/** Human text of several lines (notes, instructions, message bodies): trimmed; line breaks and tabs are kept. */
export const MultiLineText = z.string().trim().refine(withoutControlCharacters, 'Remove control characters');

export const ShortText = OneLineText.max(200);
export const Name = OneLineText.min(1).max(80);
export const LongText = MultiLineText.max(20_000);

export const Address = z.strictObject({
  line1: ShortText.default(''),
  line2: ShortText.default(''),
  city: ShortText.default(''),
  region: ShortText.default(''),
  postalCode: OneLineText.max(20).default(''),
  country: CountryCode,
});
export type Address = z.infer<typeof Address>;

/** Taken exactly as typed (spaces count), but never with a NUL, which some password stores cut at. */
export const Password = z.string().min(1).max(200).refine((text) => !text.includes('\u0000'), 'Remove control characters');
export const Username = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{1,39}$/, '2–40 letters, digits, dots, dashes or underscores');
