const NUMBER_WORDS: Record<string, number> = { zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10 };

/** Where an email reply's quoted original begins ("> …", "On … wrote:", an Outlook separator): nothing after it is the patient's. */
const QUOTE_START = /^(>|On .+wrote:\s*$|-{2,}\s*Original Message|_{5,}|From: )/i;

/**
 * A reply read as a score: its first line starts with a whole number from 0 to 10 (or the word for one), optionally
 * "/10" or "out of 10", and whatever follows is the comment ("8 - lovely staff" → 8, "lovely staff"). Anything else
 * ("11", "9.5", "-3", "maybe 9", "see you soon") is not a score and stays an ordinary message: null.
 */
export function parseScoreReply(text: string): { score: number; comment: string } | null {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const quoted = lines.findIndex((line) => QUOTE_START.test(line.trim()));
  const own = (quoted >= 0 ? lines.slice(0, quoted) : lines).join('\n').trim();
  const match = /^(\d{1,2}|[a-z]+)(?:\s*(?:\/|out of)\s*10)?(?!\d|[.,/]\d)(?:[\s!.:,;)–—-]+|$)([\s\S]*)$/i.exec(own);
  if (!match) return null;
  const [, head, rest] = match;
  const score = /^\d/.test(head) ? Number(head) : NUMBER_WORDS[head.toLowerCase()];
  if (score === undefined || score > 10) return null;
  return { score, comment: rest.trim().replace(/^[\s!.:,;)–—-]+/, '').trim() };
}
