/**
 * `npm start -- [--data-dir DIR] [--browser] [--port N] [--clock-at ISO]`: Electron when it is installed, else (or
 * with --browser) the same handlers on a loopback host for a browser. `--clock-at` (browser mode only, for training
 * and tests) starts the clinic's clock at that instant and lets it run on from there: the scheduler catches up
 * whatever fell due before it (a Monday report), as it does after a weekend with the computer off.
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, sep } from 'node:path';
import { openLumen } from './app';
import { ASSETS_DIR, buildElectron, buildRenderer, ELECTRON_OUT, RENDERER_OUT, ROOT } from './build';
import type { Clock } from './core/clock';
import { createLogger } from './core/logger';
import { flagValue, resolveDataDir } from './data-dir';
import { createHost } from './transports/host';

const require = createRequire(import.meta.url);
const say = (line: string) => process.stdout.write(`${line}\n`);

function newestChange(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestChange(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function rendererIsStale(): boolean {
  const index = join(RENDERER_OUT, 'index.html');
  if (!existsSync(index)) return true;
  const sources = Math.max(newestChange(join(ROOT, 'src-renderer')), newestChange(join(ROOT, 'src-shared')));
  return sources > statSync(index).mtimeMs;
}

type ElectronFound = { binary: string; version: string } | { reason: string };

function findElectron(): ElectronFound {
  let binary: unknown;
  try {
    // In Node, the electron package exports the path of its binary (and throws when the download never finished).
    binary = require('electron');
  } catch {
    return { reason: 'Electron is not installed (it is an optional dependency)' };
  }
  if (typeof binary !== 'string' || !existsSync(binary)) return { reason: `the Electron binary is missing (${String(binary)})` };
  return { binary, version: (require('electron/package.json') as { version: string }).version };
}

/**
 * A copy of better-sqlite3 compiled for Electron's ABI under .native/electron-<version>/, so node_modules keeps the
 * Node build the tests and the CLI load. Built in a temporary folder and renamed, so a failed build leaves nothing.
 */
function ensureElectronSqlite(electronVersion: string): string {
  const target = join(ROOT, '.native', `electron-${electronVersion}`);
  const binding = join(target, 'build', 'Release', 'better_sqlite3.node');
  if (existsSync(binding)) return binding;
  say(`Compiling better-sqlite3 for Electron ${electronVersion} (once)…`);
  const source = dirname(require.resolve('better-sqlite3/package.json'));
  const sourceBuild = join(source, 'build');
  mkdirSync(join(ROOT, '.native'), { recursive: true });
  const work = mkdtempSync(join(ROOT, '.native', 'build-'));
  try {
    cpSync(source, work, { recursive: true, filter: (path) => path !== sourceBuild && !path.startsWith(sourceBuild + sep) });
    const gyp = spawnSync(
      process.execPath,
      [require.resolve('node-gyp/bin/node-gyp.js'), 'rebuild', '--release', '--runtime=electron', `--target=${electronVersion}`, '--dist-url=https://electronjs.org/headers'],
      { cwd: work, stdio: 'inherit' },
    );
    if (gyp.status !== 0) throw new Error(`node-gyp could not build better-sqlite3 for Electron ${electronVersion} (exit ${gyp.status ?? gyp.signal})`);
    rmSync(target, { recursive: true, force: true });
    renameSync(work, target);
  } catch (error) {
    rmSync(work, { recursive: true, force: true });
    throw error;
  }
  return binding;
}

async function runElectron(binary: string, version: string, dataDir: string): Promise<void> {
  await buildElectron();
  const binding = ensureElectronSqlite(version);
  const child = spawn(binary, [join(ELECTRON_OUT, 'main.cjs'), '--data-dir', dataDir], {
    stdio: 'inherit',
    env: { ...process.env, LUMEN_SQLITE_BINDING: binding },
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
}

/** A clock that starts at `startAt` and runs at the speed of real time. */
function clockFrom(startAt: string): Clock {
  const start = Date.parse(startAt);
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(startAt) || Number.isNaN(start)) {
    throw new Error(`--clock-at must be an ISO instant such as 2026-03-09T12:05:00Z, not "${startAt}"`);
  }
  const launched = Date.now();
  return { now: () => new Date(start + (Date.now() - launched)) };
}

async function runBrowser(dataDir: string, port: number, clockAt: string | undefined): Promise<void> {
  mkdirSync(dataDir, { recursive: true });
  const logger = createLogger(join(dataDir, 'lumen.log'));
  const clock = clockAt === undefined ? undefined : clockFrom(clockAt);
  if (clockAt !== undefined) logger.info(`The clock starts at ${clockAt} (--clock-at)`);
  const lumen = await openLumen({ dataDir, startScheduler: true, logger, clock });
  const host = await createHost({ registry: lumen.registry, rendererDir: RENDERER_OUT, assetsDir: ASSETS_DIR, port, logger });
  say(`Lumen is running in browser mode: ${host.url}`);
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    host
      .close()
      .then(() => lumen.close())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          logger.error('Closing the clinic failed', error);
          process.exit(1);
        },
      );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

async function main(argv: string[]): Promise<void> {
  const dataDir = resolveDataDir(argv, process.env);
  const portText = flagValue(argv, 'port') ?? '0';
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a number from 0 to 65535, not "${portText}"`);

  if (rendererIsStale()) {
    say('Building the renderer…');
    await buildRenderer();
  }
  say(`Data folder: ${dataDir}`);

  const clockAt = flagValue(argv, 'clock-at');
  const electron: ElectronFound = argv.includes('--browser') || clockAt !== undefined ? { reason: clockAt !== undefined ? '--clock-at was given' : '--browser was given' } : findElectron();
  if ('binary' in electron) return runElectron(electron.binary, electron.version, dataDir);
  say(`Browser mode because ${electron.reason}.`);
  return runBrowser(dataDir, port, clockAt);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`Lumen could not start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
