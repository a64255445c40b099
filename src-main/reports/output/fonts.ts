import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as fontkit from 'fontkit';

/*
 * The report PDFs' typeface: Liberation Sans (assets/fonts, GPL with the font exception: a document that embeds it
 * stays the clinic's), metric-compatible with Helvetica, embedded and subset by pdfkit — so every Latin, Greek and
 * Cyrillic name prints as written (Łucja, Dvořák, Ψαρράς, Жуков).
 */

export const REGULAR = 'Lumen-Regular';
export const BOLD = 'Lumen-Bold';
export const ITALIC = 'Lumen-Italic';

const FILES = { [REGULAR]: 'LiberationSans-Regular.ttf', [BOLD]: 'LiberationSans-Bold.ttf', [ITALIC]: 'LiberationSans-Italic.ttf' };

/**
 * The Electron build copies assets/fonts beside its bundle (dist/electron/fonts), where a packaged app reads them
 * from its archive; from the sources (CLI, tests, browser mode) they are read from assets/fonts.
 */
function fontsDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const bundled = resolve(here, 'fonts');
  return existsSync(bundled) ? bundled : resolve(here, '../../../assets/fonts');
}

let loaded: Record<keyof typeof FILES, Buffer> | null = null;

/** The three faces' bytes, read on the first PDF. */
function faces(): Record<keyof typeof FILES, Buffer> {
  if (!loaded) {
    const dir = fontsDir();
    loaded = Object.fromEntries(Object.entries(FILES).map(([name, file]) => [name, readFileSync(resolve(dir, file))])) as Record<keyof typeof FILES, Buffer>;
  }
  return loaded;
}

/** Makes the three faces available to a document by name. */
export function registerFonts(pdf: PDFKit.PDFDocument): void {
  for (const [name, bytes] of Object.entries(faces())) pdf.registerFont(name, bytes);
}

let coverage: fontkit.Font | null = null;

/**
 * Text as the typeface can write it: a character it has no glyph for would print as an empty box, so spaces of any
 * kind become plain spaces, an accented letter outside it loses its mark, and what is left (Chinese, Japanese …)
 * becomes "?". The screen's Save as PDF (Chromium, with the system's fonts) prints every script.
 */
export function printable(text: string): string {
  coverage ??= fontkit.create(faces()[REGULAR]) as fontkit.Font;
  const has = (char: string) => coverage!.hasGlyphForCodePoint(char.codePointAt(0) ?? 0);
  let out = '';
  for (const char of text) {
    if (/\s/u.test(char)) out += ' ';
    else if (has(char)) out += char;
    else {
      const bare = char.normalize('NFD').replace(/\p{M}/gu, '');
      out += bare.length > 0 && [...bare].every(has) ? bare : '?';
    }
  }
  return out;
}
