import type { Parsed, Sex } from './types';

/** The phone as typed, for normalising; scientific notation (a spreadsheet's doing) → problem. */
export function parsePhoneText(text: string): Parsed<string> {
  void text;
  throw new Error('not yet');
}

/** yes/no/true/false/1/0/y/n/x/ja/nein/oui/non, any case. */
export function parseFlag(text: string): Parsed<boolean> {
  void text;
  throw new Error('not yet');
}

/** F/M/female/woman/w/weiblich/Frau/…; "unknown"/"n/a" → null. */
export function parseSex(text: string): Parsed<Sex> {
  void text;
  throw new Error('not yet');
}

/** "Penicillin; Latex, Aspirin" or one per line → trimmed items, de-duplicated ignoring case. */
export function parseList(text: string): string[] {
  void text;
  throw new Error('not yet');
}
