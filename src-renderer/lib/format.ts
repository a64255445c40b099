import { formatMoney, minorUnits, parseMoney, type Cents } from '../../src-shared/money';

const instantFormats = new Map<string, Intl.DateTimeFormat>();

function instantFormat(timeZone: string, withTime: boolean): Intl.DateTimeFormat {
  const key = `${timeZone}|${withTime}`;
  let f = instantFormats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(undefined, withTime ? { timeZone, dateStyle: 'medium', timeStyle: 'short' } : { timeZone, dateStyle: 'medium' });
    instantFormats.set(key, f);
  }
  return f;
}

/** An instant shown in the clinic's time zone, whatever zone this computer is in. */
export function formatInstant(iso: string | null | undefined, timeZone: string, withTime = true): string {
  if (!iso) return '—';
  return instantFormat(timeZone, withTime).format(new Date(iso));
}

const relativeFormat = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
const relativeUnits: [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

/** How long ago (or from now) an instant is, in its largest whole unit: "5 minutes ago", "yesterday". */
export function formatRelative(iso: string | null | undefined, now: number = Date.now()): string {
  if (!iso) return '—';
  const ms = Date.parse(iso) - now;
  for (const [unit, size] of relativeUnits) {
    if (Math.abs(ms) >= size) return relativeFormat.format(Math.trunc(ms / size), unit);
  }
  return 'just now';
}

const calendarFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' });

/** A calendar date (YYYY-MM-DD) has no zone: format it at UTC noon so it never shifts a day. */
export function formatDate(date: string | null | undefined): string {
  if (!date) return '—';
  return calendarFormat.format(new Date(`${date}T12:00:00Z`));
}

export function money(cents: number, currency: string): string {
  return formatMoney(cents, currency);
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 ** 2) return `${(bytes / 1024).toFixed(1)} KB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
  return `${(bytes / 1024 ** 3).toFixed(2)} GB`;
}

/** Basis points (1% = 100) as an editable percent string, and back. */
export function bpToPercent(bp: number): string {
  return String(bp / 100);
}

export function percentToBp(text: string): number | null {
  const n = Number(text.trim().replace(',', '.'));
  if (!Number.isFinite(n) || n < 0 || n > 100) return null;
  return Math.round(n * 100);
}

/** Millipercent (8.875% = 8875) as a percent string, and back, without float surprises. */
export function millipercentToPercent(mp: number): string {
  return String(mp / 1000);
}

export function percentToMillipercent(text: string): number | null {
  const match = /^(\d{1,3})(?:[.,](\d{1,3}))?$/.exec(text.trim());
  if (!match) return null;
  const value = Number(match[1]) * 1000 + Number((match[2] ?? '').padEnd(3, '0'));
  return value <= 100_000 ? value : null;
}

/** Cents as plain editable text ("1234.50"), the inverse of parseMoney. */
export function centsToInput(cents: number, currency: string): string {
  const exp = minorUnits(currency);
  const scale = 10 ** exp;
  const abs = Math.abs(cents);
  const whole = Math.trunc(abs / scale);
  const text = exp === 0 ? String(whole) : `${whole}.${String(abs % scale).padStart(exp, '0')}`;
  return (cents < 0 ? '-' : '') + text;
}

/** Editable money text as cents, the inverse of centsToInput: blank is 0, text that is not an amount is null. */
export function inputToCents(text: string, currency: string): Cents | null {
  return text.trim() ? parseMoney(text, currency) : 0;
}

/** A whole number typed in a text box; anything else is NaN, which the contract schema refuses beside its field. */
export const readWhole = (text: string): number => (/^\s*\d+\s*$/.test(text) ? Number(text) : NaN);
