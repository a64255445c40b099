/**
 * `npm run icons`: every raster size of the app icon from assets/icon.svg, drawn by the Chromium the browser
 * journeys use (tests/e2e/browser.ts). The results are committed, so packaging needs neither this script nor a
 * browser. Windows gets icon.ico, macOS icon.icns (both simple containers of PNGs), Linux assets/icons/NxN.png.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { chromiumForJourneys } from '../tests/e2e/browser';

const ASSETS = join(import.meta.dirname, '..', 'assets');
const LINUX_SIZES = [16, 32, 48, 64, 128, 256, 512, 1024];
const WINDOWS_SIZES = [16, 24, 32, 48, 64, 128, 256];
/** The PNG-based icon types of Apple's format, with their pixel size (the @2x ones reuse the larger images). */
const MAC_TYPES: [string, number][] = [
  ['icp4', 16],
  ['icp5', 32],
  ['icp6', 64],
  ['ic07', 128],
  ['ic08', 256],
  ['ic09', 512],
  ['ic10', 1024],
  ['ic11', 32],
  ['ic12', 64],
  ['ic13', 256],
  ['ic14', 512],
];

/** Renders the SVG at each size onto a transparent background. */
async function render(svg: string, sizes: number[]): Promise<Map<number, Buffer>> {
  const browser = await chromium.launch({ executablePath: chromiumForJourneys(), args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage();
    const source = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
    const pngs = new Map<number, Buffer>();
    for (const size of sizes) {
      await page.setViewportSize({ width: size, height: size });
      await page.setContent(`<body style="margin:0"><img src="${source}" width="${size}" height="${size}" style="display:block"></body>`);
      pngs.set(size, await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } }));
    }
    return pngs;
  } finally {
    await browser.close();
  }
}

/** ICO: a directory of entries, each a whole PNG (Windows Vista and later); 256 px is written as 0. */
function ico(images: { size: number; png: Buffer }[]): Buffer {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(images.length, 4);
  let offset = header.length + 16 * images.length;
  const entries = images.map(({ size, png }) => {
    const entry = Buffer.alloc(16);
    entry.writeUInt8(size % 256, 0);
    entry.writeUInt8(size % 256, 1);
    entry.writeUInt16LE(1, 4);
    entry.writeUInt16LE(32, 6);
    entry.writeUInt32LE(png.length, 8);
    entry.writeUInt32LE(offset, 12);
    offset += png.length;
    return entry;
  });
  return Buffer.concat([header, ...entries, ...images.map((image) => image.png)]);
}

/** ICNS: "icns" and the total length, then chunks of a four-letter type, the chunk length and a PNG. */
function icns(chunks: { type: string; png: Buffer }[]): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const head = Buffer.alloc(8);
    head.write(type, 0, 'ascii');
    head.writeUInt32BE(data.length + 8, 4);
    return Buffer.concat([head, data]);
  };
  return chunk('icns', Buffer.concat(chunks.map(({ type, png }) => chunk(type, png))));
}

async function main(): Promise<void> {
  const svg = readFileSync(join(ASSETS, 'icon.svg'), 'utf8');
  const pngs = await render(svg, [...new Set([...LINUX_SIZES, ...WINDOWS_SIZES])]);
  const png = (size: number) => pngs.get(size)!;
  mkdirSync(join(ASSETS, 'icons'), { recursive: true });
  for (const size of LINUX_SIZES) writeFileSync(join(ASSETS, 'icons', `${size}x${size}.png`), png(size));
  writeFileSync(join(ASSETS, 'icon.ico'), ico(WINDOWS_SIZES.map((size) => ({ size, png: png(size) }))));
  writeFileSync(join(ASSETS, 'icon.icns'), icns(MAC_TYPES.map(([type, size]) => ({ type, png: png(size) }))));
  process.stdout.write(`Wrote assets/icon.ico, assets/icon.icns and assets/icons/*.png from assets/icon.svg\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`Icons failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
