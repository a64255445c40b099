import { fold } from '../../../src-shared/text';
import { SCIENTIFIC } from './numbers';
import type { Parsed, Sex } from './types';

/** What exports write for "nothing here". */
const PLACEHOLDERS = new Set(['-', '--', '—', 'n/a', 'na', 'none', 'null', 'keine', 'aucun']);

/** The phone as typed ("+49 (0)171 …"), for normalising; a spreadsheet's scientific notation has lost its digits. */
export function parsePhoneText(text: string): Parsed<string> {
  const trimmed = text.trim();
  if (trimmed === '' || PLACEHOLDERS.has(trimmed.toLowerCase())) return { ok: true, value: null };
  if (SCIENTIFIC.test(trimmed)) {
    return { ok: false, problem: `A spreadsheet turned this phone number into ${trimmed}; its digits are lost.` };
  }
  if (!/\d/.test(trimmed)) return { ok: false, problem: `“${trimmed}” has no digits, so it is not a phone number.` };
  return { ok: true, value: trimmed };
}

const FLAGS = new Map<string, boolean>([
  ...['yes', 'y', 'true', '1', 'x', 'ja', 'j', 'oui', 'o', 'si', 'wahr', 'vrai', 'on', '✓', '✔'].map((w) => [w, true] as const),
  ...['no', 'n', 'false', '0', 'nein', 'non', 'falsch', 'faux', 'off', '✗', '✘'].map((w) => [w, false] as const),
]);

/** yes/no, true/false, 1/0, y/n, x (a ticked box), ja/nein, oui/non — any case. */
export function parseFlag(text: string): Parsed<boolean> {
  const key = fold(text);
  if (key === '' || PLACEHOLDERS.has(key)) return { ok: true, value: null };
  const flag = FLAGS.get(key);
  return flag === undefined ? { ok: false, problem: `“${text.trim()}” is neither yes nor no.` } : { ok: true, value: flag };
}

const SEXES = new Map<string, Sex | null>([
  ...['f', 'female', 'woman', 'w', 'weiblich', 'frau', 'femme', 'feminin', 'mujer', 'femenino', 'donna', 'vrouw', 'v'].map(
    (w) => [w, 'female'] as const,
  ),
  ...['m', 'male', 'man', 'mannlich', 'mann', 'homme', 'h', 'masculin', 'hombre', 'masculino', 'uomo'].map(
    (w) => [w, 'male'] as const,
  ),
  ...['nonbinary', 'nb', 'enby'].map((w) => [w, 'nonBinary'] as const),
  ...['other', 'o', 'x', 'd', 'divers', 'diverse', 'andere', 'autre', 'otro'].map((w) => [w, 'other'] as const),
  ...['undisclosed', 'prefernottosay', 'notdisclosed', 'declined', 'declinedtoanswer'].map(
    (w) => [w, 'undisclosed'] as const,
  ),
  ...['u', 'unknown', 'unbekannt', 'inconnu', 'keineangabe', 'notspecified'].map((w) => [w, null] as const),
]);

/** F/M/female/woman/w/weiblich/Frau/…, non-binary, other/divers, "prefer not to say"; "unknown"/"n/a" → null. */
export function parseSex(text: string): Parsed<Sex> {
  const trimmed = text.trim();
  if (trimmed === '' || PLACEHOLDERS.has(trimmed.toLowerCase())) return { ok: true, value: null };
  const key = fold(trimmed).replace(/[^a-z]/g, '');
  if (!SEXES.has(key)) return { ok: false, problem: `“${trimmed}” is not a sex or gender Lumen knows.` };
  return { ok: true, value: SEXES.get(key)! };
}

/** "Penicillin; Latex, Aspirin", or one per line → the items, trimmed, each once whatever its case. */
export function parseList(text: string): string[] {
  const seen = new Set<string>();
  const items: string[] = [];
  for (const part of text.split(/[;,|\r\n•]+/)) {
    const item = part.trim();
    const key = item.toLowerCase();
    if (item === '' || PLACEHOLDERS.has(key) || seen.has(key)) continue;
    seen.add(key);
    items.push(item);
  }
  return items;
}
