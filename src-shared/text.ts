// Letters that Unicode does not decompose into a base letter plus accent.
const LETTERS: Record<string, string> = { ø: 'o', æ: 'ae', œ: 'oe', ß: 'ss', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i' };

/** Lower case without accents, so "Ána" and "ana", "Ødegaard" and "odegaard" match. Used for search keys on both sides. */
export function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[øæœßłđðþı]/g, (c) => LETTERS[c])
    .trim();
}

/** The words of a name as search tokens ("Mary-Jane O'Neil" → mary, jane, oneil, mary-jane). */
export function nameTokens(...parts: (string | null | undefined)[]): string[] {
  const tokens = new Set<string>();
  for (const part of parts) {
    if (!part) continue;
    for (const word of fold(part).split(/\s+/)) {
      const compact = word.replace(/[^\p{L}\p{N}-]/gu, '');
      if (!compact) continue;
      tokens.add(compact.replace(/-/g, ''));
      for (const piece of compact.split('-')) if (piece) tokens.add(piece);
    }
  }
  return [...tokens];
}

/** The smallest string greater than every string that starts with `prefix` (for index range scans). */
export function prefixUpperBound(prefix: string): string {
  return prefix + '\uffff';
}

/** Text for a LIKE pattern with `ESCAPE '\'`: a typed `%` or `_` matches itself. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, '\\$&');
}
