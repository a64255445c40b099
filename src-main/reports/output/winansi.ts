/**
 * pdfkit's built-in Helvetica writes WinAnsi only (Latin-1, € and typographic quotes and dashes): Western European
 * names, the euro and the pound print as they are. Anything else would come out as a wrong glyph, so it is folded
 * first: accents outside WinAnsi lose their mark (Ż → Z), a few letters and symbols have a plain twin (Ł → L, an arrow → ->), spaces Intl puts in
 * times and amounts become plain spaces, and what is left (Greek, Cyrillic, CJK) becomes "?". The screen's Save as
 * PDF (Chromium) prints every script; embedding a Unicode font here is the way to lift this limit.
 */
const WIN_ANSI_EXTRAS = '€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ';
const PLAIN_TWINS: Record<string, string> = {
  Ł: 'L', ł: 'l', Đ: 'D', đ: 'd', Ħ: 'H', ħ: 'h', ı: 'i', Ŀ: 'L', ŀ: 'l', '−': '-', '‑': '-', '′': "'", '″': '"',
  // The reports' own symbols ("Lead → consult", "≥ 80 %").
  '→': '->', '←': '<-', '≤': '<=', '≥': '>=',
};

function isWinAnsi(char: string): boolean {
  const code = char.codePointAt(0) ?? 0;
  return (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRAS.includes(char);
}

export function toWinAnsi(text: string): string {
  let out = '';
  for (const char of text) {
    if (isWinAnsi(char)) out += char;
    else if (/\s/u.test(char)) out += ' ';
    else if (PLAIN_TWINS[char]) out += PLAIN_TWINS[char];
    else {
      const bare = char.normalize('NFD').replace(/\p{M}/gu, '');
      out += bare.length > 0 && [...bare].every(isWinAnsi) ? bare : '?';
    }
  }
  return out;
}
