import { Buffer, isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';
import { ImportFileError, type Encoding } from './types';

export interface DecodedText {
  /** What the CSV parser reads: the bytes themselves when they are UTF-8 (no copy of a large file), else the text. */
  content: string | Buffer;
  /** The first 64 K characters as text, to look at before parsing (delimiter, Excel's sep= line). */
  head: string;
  encoding: Encoding;
  bom: boolean;
}

const HEAD_LENGTH = 65536;

const BOMS: { bytes: number[]; encoding: Encoding }[] = [
  { bytes: [0xef, 0xbb, 0xbf], encoding: 'utf-8' },
  { bytes: [0xff, 0xfe], encoding: 'utf-16le' },
  { bytes: [0xfe, 0xff], encoding: 'utf-16be' },
];

/**
 * The file's text. A byte-order mark decides; without one, zero bytes in every other place mean UTF-16, text that is
 * valid UTF-8 is UTF-8, and anything else is Windows-1252 (what Excel writes for "CSV" on Western Windows). Strict
 * validation rather than statistical guessing (chardet and the like misjudge short files with a few accents): one
 * byte that is not UTF-8 ("M\xfcller") makes a file Windows-1252, so no name ever comes out with U+FFFD in it. A file
 * (with or without a BOM) that also has real UTF-8 letters in it is UTF-8 with a few bytes pasted from elsewhere:
 * those alone are read as Windows-1252.
 */
export function decodeText(data: Uint8Array): DecodedText {
  const { content, encoding, bom } = decodeBytes(data);
  const head = typeof content === 'string' ? content.slice(0, HEAD_LENGTH) : content.toString('utf8', 0, HEAD_LENGTH);
  if (!looksLikeText(head)) throw notText();
  return { content, head, encoding, bom };
}

function decodeBytes(data: Uint8Array): Omit<DecodedText, 'head'> {
  const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const bom = BOMS.find((b) => b.bytes.every((byte, i) => bytes[i] === byte));
  if (bom) {
    const body = bytes.subarray(bom.bytes.length);
    const content = bom.encoding === 'utf-8' ? utf8Leniently(body).content : iconv.decode(body, bom.encoding, { stripBOM: false });
    return { content, encoding: bom.encoding, bom: true };
  }
  const utf16 = utf16WithoutBom(bytes);
  if (utf16) return { content: iconv.decode(bytes, utf16, { stripBOM: false }), encoding: utf16, bom: false };
  if (bytes.includes(0)) throw notText();
  const { content, utf8 } = utf8Leniently(bytes);
  return { content, encoding: utf8 ? 'utf-8' : 'windows-1252', bom: false };
}

const WINDOWS_1252_HIGH = iconv.decode(Buffer.from(Array.from({ length: 128 }, (_, i) => 0x80 + i)), 'windows-1252');

/**
 * UTF-8 sequences as UTF-8 and every other byte as Windows-1252. `utf8`: whether the bytes are UTF-8 (all of them, or
 * all but a few stray ones); ASCII with bytes that are not UTF-8 in it is plain Windows-1252.
 */
function utf8Leniently(bytes: Buffer): { content: string | Buffer; utf8: boolean } {
  if (isUtf8(bytes)) return { content: bytes, utf8: true };
  const parts: string[] = [];
  let sequences = 0;
  let runStart = 0;
  for (let i = 0; i < bytes.length; ) {
    if (bytes[i] < 0x80) {
      i++;
      continue;
    }
    const length = utf8SequenceLength(bytes, i);
    if (length > 0) {
      sequences++;
      i += length;
      continue;
    }
    parts.push(bytes.toString('utf8', runStart, i), WINDOWS_1252_HIGH[bytes[i] - 0x80]);
    runStart = ++i;
  }
  parts.push(bytes.toString('utf8', runStart));
  return { content: parts.join(''), utf8: sequences > 0 };
}

/** Bytes in the well-formed UTF-8 sequence starting at `i` (RFC 3629: no overlong forms, no surrogates), or 0. */
function utf8SequenceLength(bytes: Buffer, i: number): number {
  const lead = bytes[i];
  const [length, low, high] =
    lead >= 0xc2 && lead <= 0xdf ? [2, 0x80, 0xbf]
    : lead === 0xe0 ? [3, 0xa0, 0xbf]
    : lead === 0xed ? [3, 0x80, 0x9f]
    : lead >= 0xe1 && lead <= 0xef ? [3, 0x80, 0xbf]
    : lead === 0xf0 ? [4, 0x90, 0xbf]
    : lead === 0xf4 ? [4, 0x80, 0x8f]
    : lead >= 0xf1 && lead <= 0xf3 ? [4, 0x80, 0xbf]
    : [0, 0, 0];
  if (length === 0 || i + length > bytes.length) return 0;
  if (bytes[i + 1] < low || bytes[i + 1] > high) return 0;
  for (let k = 2; k < length; k++) if (bytes[i + k] < 0x80 || bytes[i + k] > 0xbf) return 0;
  return length;
}

/** Text files have (almost) no control characters besides tab and line breaks; images and archives are full of them. */
function looksLikeText(sample: string): boolean {
  const controls = sample.match(/(?![\t\n\r\f])\p{Cc}/gu)?.length ?? 0;
  return controls <= sample.length / 100;
}

/** UTF-16 text of Latin letters has a zero in every other byte: the odd ones for little-endian, the even ones for big. */
function utf16WithoutBom(bytes: Buffer): Encoding | null {
  const sample = bytes.subarray(0, Math.min(bytes.length, 4096) & ~1);
  if (sample.length < 4) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < sample.length; i += 2) {
    if (sample[i] === 0) evenZeros++;
    if (sample[i + 1] === 0) oddZeros++;
  }
  const pairs = sample.length / 2;
  if (oddZeros > pairs * 0.6 && evenZeros < pairs * 0.05) return 'utf-16le';
  if (evenZeros > pairs * 0.6 && oddZeros < pairs * 0.05) return 'utf-16be';
  return null;
}

export function notText(): ImportFileError {
  return new ImportFileError('This file is not a table: choose a CSV file or an Excel workbook (.xlsx).', {
    reason: 'notTabular',
  });
}
