import { formatMoney } from '../money';
import type { Cell, CellFormat } from './document';

/**
 * One way to write a report cell, for the screen's print view, the CSV and the PDF alike, so the three never
 * disagree. The clinic's currency and locale come in; nothing here reads the computer's settings.
 */
export interface FormatOptions {
  currency: string;
  /** A BCP 47 locale; `reportLocale(country)` gives the clinic's. */
  locale: string;
  /** The clinic's IANA zone: a generation time is shown on the clinic's clock. */
  timeZone: string;
}

/** What a missing figure shows (a rate whose denominator is zero, a date not known). */
export const NO_VALUE = '—';

const numberFormats = new Map<string, Intl.NumberFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();
const instantFormats = new Map<string, Intl.DateTimeFormat>();

function numberFormat(locale: string, style: 'integer' | 'percent'): Intl.NumberFormat {
  const key = `${locale}|${style}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = style === 'percent' ? new Intl.NumberFormat(locale, { style: 'percent', minimumFractionDigits: 0, maximumFractionDigits: 2 }) : new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
    numberFormats.set(key, format);
  }
  return format;
}

function dateFormat(locale: string): Intl.DateTimeFormat {
  let format = dateFormats.get(locale);
  if (!format) {
    // A calendar date has no zone: it is read at UTC noon and written at UTC, so it never moves a day.
    format = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
    dateFormats.set(locale, format);
  }
  return format;
}

/** English words with the clinic country's conventions for numbers and dates ("en-DE": 1.234,50 €), else plain English. */
export function reportLocale(country: string | null | undefined): string {
  const code = (country ?? '').trim().toUpperCase();
  if (!/^[A-Z]{2}$/.test(code)) return 'en';
  return Intl.NumberFormat.supportedLocalesOf([`en-${code}`])[0] ?? 'en';
}

/** A cell as text: money from minor units, rates from basis points (6000 → 60%), dates from YYYY-MM-DD. */
export function formatCell(value: Cell, format: CellFormat, options: FormatOptions): string {
  if (value === null || value === '') return format === 'text' ? '' : NO_VALUE;
  if (format === 'text' || typeof value === 'string') return format === 'date' && typeof value === 'string' ? formatReportDate(value, options.locale) : String(value);
  if (!Number.isFinite(value)) return NO_VALUE;
  switch (format) {
    case 'money':
      return formatMoney(Math.round(value), options.currency, options.locale);
    case 'percent':
      // Basis points are whole hundredths of a percent: the division is exact enough for two decimals.
      return numberFormat(options.locale, 'percent').format(value / 10_000);
    case 'integer':
      return numberFormat(options.locale, 'integer').format(value);
    case 'days':
      return `${numberFormat(options.locale, 'integer').format(value)} ${Math.abs(value) === 1 ? 'day' : 'days'}`;
    case 'date':
      return String(value);
  }
}

/** A YYYY-MM-DD date as a person reads it ("Mar 2, 2026"); anything else is shown as it is. */
export function formatReportDate(date: string, locale: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return date;
  const at = Date.parse(`${date}T12:00:00Z`);
  return Number.isNaN(at) ? date : dateFormat(locale).format(at);
}

/** Money and numbers line up on the right; text and dates on the left. */
export function alignOf(format: CellFormat): 'left' | 'right' {
  return format === 'text' || format === 'date' ? 'left' : 'right';
}

/** "Mar 2 – Mar 8, 2026" style: the period a report covers, both ends included. */
export function formatPeriod(from: string, to: string, locale: string): string {
  return from === to ? formatReportDate(from, locale) : `${formatReportDate(from, locale)} – ${formatReportDate(to, locale)}`;
}

/** An instant (ISO UTC) on the clinic's clock, with its zone's short name: "Mar 2, 2026, 7:00 AM EST". */
export function formatInstantAt(iso: string, options: Pick<FormatOptions, 'locale' | 'timeZone'>): string {
  const key = `${options.locale}|${options.timeZone}`;
  let format = instantFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(options.locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: options.timeZone });
    instantFormats.set(key, format);
  }
  const at = Date.parse(iso);
  return Number.isNaN(at) ? iso : format.format(at);
}
