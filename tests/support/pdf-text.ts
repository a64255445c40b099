import { inflateSync } from 'node:zlib';

/**
 * The text of a pdfkit PDF, page by page, for tests: content streams are inflated when compressed, and each text
 * operator's hex strings are decoded from WinAnsi (the built-in Helvetica's encoding). Not a general PDF reader.
 */
export interface PdfText {
  pages: string[];
  /** Each page's size in points, [width, height]. */
  sizes: [number, number][];
  text: string;
}

const WIN_ANSI_HIGH: Record<number, string> = {
  0x80: '€', 0x82: '‚', 0x83: 'ƒ', 0x84: '„', 0x85: '…', 0x86: '†', 0x87: '‡', 0x88: 'ˆ', 0x89: '‰', 0x8a: 'Š', 0x8b: '‹', 0x8c: 'Œ', 0x8e: 'Ž',
  0x91: '‘', 0x92: '’', 0x93: '“', 0x94: '”', 0x95: '•', 0x96: '–', 0x97: '—', 0x98: '˜', 0x99: '™', 0x9a: 'š', 0x9b: '›', 0x9c: 'œ', 0x9e: 'ž', 0x9f: 'Ÿ',
};

function decodeHex(hex: string): string {
  let out = '';
  for (let i = 0; i + 1 < hex.length; i += 2) {
    const code = parseInt(hex.slice(i, i + 2), 16);
    out += WIN_ANSI_HIGH[code] ?? String.fromCharCode(code);
  }
  return out;
}

/** One line of text per text operator (TJ/Tj), in drawing order. */
function streamText(content: string): string {
  const lines: string[] = [];
  for (const match of content.matchAll(/\[([^\]]*)\]\s*TJ|<([0-9a-fA-F]*)>\s*Tj/g)) {
    const parts = match[1] !== undefined ? [...match[1].matchAll(/<([0-9a-fA-F]*)>/g)].map((m) => m[1]) : [match[2]];
    lines.push(parts.map(decodeHex).join(''));
  }
  return lines.join('\n');
}

export function pdfText(bytes: Buffer): PdfText {
  const raw = bytes.toString('latin1');
  // Objects by number, so each page's /Contents can be found.
  const objects = new Map<number, { dict: string; stream: string | null }>();
  for (const match of raw.matchAll(/(\d+) 0 obj\s*([\s\S]*?)endobj/g)) {
    const body = match[2];
    const streamAt = body.indexOf('stream');
    const dict = streamAt >= 0 ? body.slice(0, streamAt) : body;
    let stream: string | null = null;
    if (streamAt >= 0) {
      const start = body.indexOf('\n', streamAt) + 1;
      const data = Buffer.from(body.slice(start, body.lastIndexOf('endstream')), 'latin1');
      stream = dict.includes('/FlateDecode') ? inflateSync(data).toString('latin1') : data.toString('latin1');
    }
    objects.set(Number(match[1]), { dict, stream });
  }
  const pages: string[] = [];
  const sizes: [number, number][] = [];
  for (const { dict } of objects.values()) {
    if (!/\/Type \/Page\b/.test(dict)) continue;
    const contents = /\/Contents (\d+) 0 R/.exec(dict);
    const box = /\/MediaBox \[([\d.\s]+)\]/.exec(dict);
    pages.push(contents ? streamText(objects.get(Number(contents[1]))?.stream ?? '') : '');
    const [, , width, height] = (box?.[1] ?? '0 0 0 0').trim().split(/\s+/).map(Number);
    sizes.push([width, height]);
  }
  return { pages, sizes, text: pages.join('\n') };
}
