import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/min';

/** E.164 for a phone typed in any format; null when it cannot be a phone number. */
export function normalizePhone(input: string, defaultRegion: string): string | null {
  const parsed = parsePhoneNumberFromString(input, defaultRegion.toUpperCase() as CountryCode);
  if (!parsed || !parsed.isPossible()) return null;
  return parsed.number;
}

export function digitsOf(text: string): string {
  return text.replace(/\D/g, '');
}

/** Digits reversed, so "ends with 4567" becomes an index prefix scan. */
export function reversedDigits(text: string): string {
  return digitsOf(text).split('').reverse().join('');
}

export function formatPhone(e164: string | null, defaultRegion: string): string {
  if (!e164) return '';
  const parsed = parsePhoneNumberFromString(e164);
  if (!parsed) return e164;
  return parsed.country === defaultRegion.toUpperCase() ? parsed.formatNational() : parsed.formatInternational();
}
