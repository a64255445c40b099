import { cpSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const RENDERER_OUT = resolve(ROOT, 'dist/renderer');
export const ELECTRON_OUT = resolve(ROOT, 'dist/electron');
/** The app icon (SVG source and the raster sizes `npm run icons` makes from it) and the report PDFs' fonts. */
export const ASSETS_DIR = resolve(ROOT, 'assets');

/** The renderer with Vite (config in src-renderer/vite.config.ts) into dist/renderer. */
export async function buildRenderer(): Promise<void> {
  const { build } = await import('vite');
  await build({
    configFile: resolve(ROOT, 'src-renderer/vite.config.ts'),
    mode: 'production',
    logLevel: 'warn',
    build: { outDir: RENDERER_OUT, emptyOutDir: true },
  });
}

/** Electron's main process and preload as CommonJS; electron, the native SQLite module and pdfkit (which reads its font files beside its own code) stay outside the bundle. */
export async function buildElectron(): Promise<void> {
  const { build } = await import('esbuild');
  await build({
    entryPoints: { main: resolve(ROOT, 'src-main/electron/main.ts'), preload: resolve(ROOT, 'src-main/electron/preload.ts') },
    outdir: ELECTRON_OUT,
    outExtension: { '.js': '.cjs' },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['electron', 'better-sqlite3', 'pdfkit'],
    // The sources are ES modules; in the CommonJS bundle `import.meta.url` is the bundle's own file URL.
    banner: { js: "const __import_meta_url = require('node:url').pathToFileURL(__filename).href;" },
    define: { 'import.meta.url': '__import_meta_url' },
    sourcemap: true,
    logLevel: 'warning',
  });
  // The report PDFs' typeface, read beside the bundle (reports/output/fonts.ts).
  cpSync(resolve(ASSETS_DIR, 'fonts'), resolve(ELECTRON_OUT, 'fonts'), { recursive: true });
}

async function main(argv: string[]): Promise<void> {
  const rendererOnly = argv.includes('--renderer');
  process.stdout.write(rendererOnly ? 'Building the renderer…\n' : 'Building the renderer and the Electron bundles…\n');
  await buildRenderer();
  if (!rendererOnly) await buildElectron();
  process.stdout.write(`Built ${rendererOnly ? RENDERER_OUT : `${RENDERER_OUT} and ${ELECTRON_OUT}`}\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    process.stderr.write(`Build failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
}
