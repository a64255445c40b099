import { fold } from '../../../src-shared/text';
import type { FieldSpec } from './types';

/** How much of a header a name must cover to be taken for it: "Mobile phone" is a phone, "Phone of next of kin" is not. */
const MIN_COVER = 0.5;

/**
 * The best field for each column, by header name: names compared as words with case, accents, punctuation and
 * spacing ignored ("E-Mail" = "email", "D.O.B." = "dob", "DateOfBirth" = "date of birth"). A name (key, label or
 * synonym) matches a header when its words appear in it in order; the match covering more of the header wins, an
 * exact one over all. Each field goes to one column at most, the best-matching first; unknown columns get null.
 */
export function guessMapping(header: readonly string[], fields: readonly FieldSpec[]): (string | null)[] {
  const candidates: { column: number; field: string; score: number }[] = [];
  header.forEach((name, column) => {
    const headerWords = words(name);
    if (headerWords.length === 0) return;
    for (const field of fields) {
      const score = Math.max(...[field.key, field.label, ...field.synonyms].map((n) => cover(words(n), headerWords)));
      if (score >= MIN_COVER) candidates.push({ column, field: field.key, score });
    }
  });
  candidates.sort((a, b) => b.score - a.score || a.column - b.column);
  const mapping: (string | null)[] = header.map(() => null);
  const taken = new Set<string>();
  for (const { column, field } of candidates) {
    if (mapping[column] !== null || taken.has(field)) continue;
    mapping[column] = field;
    taken.add(field);
  }
  return mapping;
}

/** 1 (+ a little for spelling it the same way) when all words match; else the share of the header's words covered. */
function cover(name: readonly string[], header: readonly string[]): number {
  if (name.length === 0) return 0;
  if (name.join('') === header.join('')) return name.length === header.length ? 1.1 : 1;
  let at = 0;
  for (const word of header) if (word === name[at]) at++;
  return at === name.length ? name.length / header.length : 0;
}

/** "Patient E-Mail", "DateOfBirth", "D.O.B." → ["patient", "email"], ["date", "of", "birth"], ["dob"]. */
function words(name: string): string[] {
  const spaced = name.replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2').replace(/\be-mail\b/gi, 'email');
  return fold(spaced)
    .replace(/(\b\p{L})\.(?=\p{L}\b)/gu, '$1') // D.O.B. → DOB.
    .replace(/#/g, ' number ')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word !== '');
}
