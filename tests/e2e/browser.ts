/**
 * The Chromium the browser journeys run in. `npm run test:e2e` runs this file first (`tsx tests/e2e/browser.ts`):
 * it finds a Chromium, or gets one when there is none, so the README's two commands are the whole set-up:
 * Playwright's own download where the machine can reach it, else Debian's package where installing is allowed,
 * else one message saying what to do. `--dry-run` prints the commands it would run instead of running them.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from '@playwright/test';

const DEBIAN_CHROMIUM = '/usr/bin/chromium';

const say = (line: string) => process.stdout.write(`${line}\n`);

/** LUMEN_CHROMIUM when it names a browser, else Playwright's own download, else Debian's (where both installs put it). */
function findChromium(): string | null {
  const named = process.env.LUMEN_CHROMIUM;
  return [...(named ? [named] : []), chromium.executablePath(), DEBIAN_CHROMIUM, '/usr/bin/chromium-browser'].find((path) => existsSync(path)) ?? null;
}

/** For the Playwright config and the icon script: the Chromium this script found or installed. */
export const chromiumForJourneys = (): string | undefined => findChromium() ?? undefined;

/** Runs a command with its output shown; in a dry run only says what it would run. True when it succeeded. */
function run(command: string[], dryRun: boolean): boolean {
  say(`${dryRun ? 'Would run' : 'Running'}: ${command.join(' ')}`);
  return !dryRun && spawnSync(command[0], command.slice(1), { stdio: 'inherit' }).status === 0;
}

/** How Debian's package may be installed here: as root, with passwordless sudo, or not at all. */
function packageInstaller(): string[] | null {
  if (!existsSync('/usr/bin/apt-get')) return null;
  if (process.getuid?.() === 0) return [];
  return spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0 ? ['sudo', '-n'] : null;
}

function use(path: string): number {
  say(`Chromium for the browser journeys: ${path}`);
  return 0;
}

function getChromium(dryRun: boolean): number {
  const named = process.env.LUMEN_CHROMIUM;
  if (named && !existsSync(named)) say(`LUMEN_CHROMIUM is ${named}, which does not exist; looking for another Chromium.`);
  const found = findChromium();
  if (found) return use(found);
  say('No Chromium found for the browser journeys; getting one.');

  if (run(['npx', 'playwright', 'install', 'chromium'], dryRun) && existsSync(chromium.executablePath())) return use(chromium.executablePath());
  const installer = packageInstaller();
  if (installer === null) say("Debian's chromium package cannot be installed here (that needs apt-get, and root or passwordless sudo).");
  else if (run([...installer, 'sh', '-c', 'apt-get update -qq && apt-get install -y -qq chromium'], dryRun) && existsSync(DEBIAN_CHROMIUM)) return use(DEBIAN_CHROMIUM);

  process.stderr.write(
    '\nThe browser journeys need Chromium, and none could be found or installed here. Either\n' +
      '  - set LUMEN_CHROMIUM to a Chromium or Chrome you have (e.g. LUMEN_CHROMIUM=/usr/bin/chromium npm test), or\n' +
      '  - install one: npx playwright install chromium (downloads it), or sudo apt-get install -y chromium (Debian, Ubuntu),\n' +
      'then run npm test again.\n',
  );
  return 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  process.exitCode = getChromium(process.argv.includes('--dry-run'));
}
