import { inflateSync } from 'node:zlib';

/**
 * The text of the PDFs Lumen makes, for tests: pdfkit's (the main process's reports) and Chromium's (Save as PDF from
 * the screen), both with subset fonts read through their ToUnicode maps. Content streams are
 * inflated when compressed. Not a general PDF reader: it knows the plain objects these two write (no object
 * streams, no encryption).
 */

interface PdfObject {
  dict: string;
  stream: Buffer | null;
}

/**
 * Objects by number. A stream is cut by its dictionary's /Length (both writers give it directly), not by searching for
 * "endstream": compressed bytes may happen to spell it, and the journeys' PDFs differ run by run (times, ids).
 */
function objectsOf(raw: string): Map<number, PdfObject> {
  const objects = new Map<number, PdfObject>();
  const header = /(\d+) 0 obj\b/g;
  for (let match = header.exec(raw); match; match = header.exec(raw)) {
    const from = match.index + match[0].length;
    const end = raw.indexOf('endobj', from);
    const streamWord = /\bstream\r?\n/g;
    streamWord.lastIndex = from;
    const stream = streamWord.exec(raw);
    if (!stream || stream.index > end) {
      objects.set(Number(match[1]), { dict: raw.slice(from, end), stream: null });
      header.lastIndex = end;
      continue;
    }
    const dict = raw.slice(from, stream.index);
    const start = stream.index + stream[0].length;
    const length = /\/Length (\d+)(?! \d+ R)/.exec(dict);
    const stop = length ? start + Number(length[1]) : raw.indexOf('endstream', start);
    const data = Buffer.from(raw.slice(start, stop), 'latin1');
    objects.set(Number(match[1]), { dict, stream: dict.includes('/FlateDecode') ? inflateSync(data) : data });
    header.lastIndex = raw.indexOf('endobj', stop);
  }
  return objects;
}

/** A ToUnicode CMap: glyph code (hex) → text, and how many hex digits a code has. */
interface CMap {
  width: number;
  codes: Map<number, string>;
}

const utf16 = (hex: string) => String.fromCharCode(...(hex.match(/.{4}/g) ?? []).map((h) => parseInt(h, 16)));

function parseCMap(text: string): CMap {
  const codes = new Map<number, string>();
  const range = /begincodespacerange\s*<([0-9a-fA-F]+)>/.exec(text);
  for (const block of text.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const [, code, unicode] of block[1].matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) codes.set(parseInt(code, 16), utf16(unicode));
  }
  for (const block of text.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const [, lo, hi, first] of block[1].matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) {
      const start = parseInt(first, 16);
      for (let code = parseInt(lo, 16); code <= parseInt(hi, 16); code++) codes.set(code, String.fromCharCode(start + code - parseInt(lo, 16)));
    }
    // pdfkit's form: each code of the range with its own text.
    for (const [, lo, list] of block[1].matchAll(/<([0-9a-fA-F]+)>\s*<[0-9a-fA-F]+>\s*\[([^\]]*)\]/g)) {
      [...list.matchAll(/<([0-9a-fA-F]+)>/g)].forEach(([, unicode], i) => codes.set(parseInt(lo, 16) + i, utf16(unicode)));
    }
  }
  return { width: range ? range[1].length : 4, codes };
}

function decode(hex: string, cmap: CMap | undefined): string {
  if (!cmap) return '';
  let out = '';
  for (let i = 0; i + cmap.width <= hex.length; i += cmap.width) out += cmap.codes.get(parseInt(hex.slice(i, i + cmap.width), 16)) ?? '';
  return out;
}

/** Font resource names (/F1) of a page → their ToUnicode maps. */
function pageFonts(pageDict: string, objects: Map<number, PdfObject>): Map<string, CMap> {
  const deref = (text: string, key: string): string => {
    const inline = new RegExp(`/${key}\\s*(<<(?:[^<>]|<<[^<>]*>>)*>>)`).exec(text);
    if (inline) return inline[1];
    const ref = new RegExp(`/${key}\\s+(\\d+) 0 R`).exec(text);
    return ref ? (objects.get(Number(ref[1]))?.dict ?? '') : '';
  };
  const fonts = new Map<string, CMap>();
  const fontDict = deref(deref(pageDict, 'Resources'), 'Font');
  for (const [, name, id] of fontDict.matchAll(/\/([\w.+-]+)\s+(\d+) 0 R/g)) {
    const toUnicode = /\/ToUnicode\s+(\d+) 0 R/.exec(objects.get(Number(id))?.dict ?? '');
    const stream = toUnicode ? objects.get(Number(toUnicode[1]))?.stream : null;
    if (stream) fonts.set(name, parseCMap(stream.toString('latin1')));
  }
  return fonts;
}

/** Every page's text, its runs joined in drawing order. */
export function chromiumPdfText(bytes: Buffer): string[] {
  const objects = objectsOf(bytes.toString('latin1'));
  const pages: string[] = [];
  for (const { dict } of objects.values()) {
    if (!/\/Type\s*\/Page\b/.test(dict)) continue;
    const fonts = pageFonts(dict, objects);
    const contentIds = [.../\/Contents\s*(\[[^\]]*\]|\d+ 0 R)/.exec(dict)?.[1].matchAll(/(\d+) 0 R/g) ?? []].map((m) => Number(m[1]));
    const runs: string[] = [];
    for (const id of contentIds) {
      const content = objects.get(id)?.stream?.toString('latin1') ?? '';
      let font: CMap | undefined;
      for (const op of content.matchAll(/\/([\w.+-]+)\s+[\d.]+\s+Tf|\[((?:[^\]])*)\]\s*TJ|<([0-9a-fA-F]*)>\s*Tj/g)) {
        if (op[1] !== undefined) font = fonts.get(op[1]);
        else if (op[2] !== undefined) runs.push([...op[2].matchAll(/<([0-9a-fA-F]*)>/g)].map((m) => decode(m[1], font)).join(''));
        else runs.push(decode(op[3], font));
      }
    }
    // Chromium draws some text glyph by glyph (letter spacing, kerning): runs join as drawn, spaces are glyphs.
    pages.push(runs.join(''));
  }
  return pages;
}

export interface PdfText {
  pages: string[];
  /** Each page's size in points, [width, height]. */
  sizes: [number, number][];
  text: string;
}

/** One line of text per text operator (TJ/Tj), in drawing order, each decoded through its font's ToUnicode map. */
function streamText(content: string, fonts: Map<string, CMap>): string {
  const lines: string[] = [];
  let font: CMap | undefined;
  for (const op of content.matchAll(/\/([\w.+-]+)\s+[\d.]+\s+Tf|\[([^\]]*)\]\s*TJ|<([0-9a-fA-F]*)>\s*Tj/g)) {
    if (op[1] !== undefined) font = fonts.get(op[1]);
    else {
      const parts = op[2] !== undefined ? [...op[2].matchAll(/<([0-9a-fA-F]*)>/g)].map((m) => m[1]) : [op[3]];
      lines.push(parts.map((hex) => decode(hex, font)).join(''));
    }
  }
  return lines.join('\n');
}

/** A pdfkit PDF's text, page by page, with each page's size. */
export function pdfText(bytes: Buffer): PdfText {
  const objects = objectsOf(bytes.toString('latin1'));
  const pages: string[] = [];
  const sizes: [number, number][] = [];
  for (const { dict } of objects.values()) {
    if (!/\/Type \/Page\b/.test(dict)) continue;
    const contents = /\/Contents (\d+) 0 R/.exec(dict);
    const box = /\/MediaBox \[([\d.\s]+)\]/.exec(dict);
    pages.push(contents ? streamText(objects.get(Number(contents[1]))?.stream?.toString('latin1') ?? '', pageFonts(dict, objects)) : '');
    const [, , width, height] = (box?.[1] ?? '0 0 0 0').trim().split(/\s+/).map(Number);
    sizes.push([width, height]);
  }
  return { pages, sizes, text: pages.join('\n') };
}
