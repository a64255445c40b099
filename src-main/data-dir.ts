import { homedir } from 'node:os';
import { posix, resolve, win32 } from 'node:path';

/** The value after `--name` (or in `--name=value`) anywhere in argv. */
export function flagValue(argv: readonly string[], name: string): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === `--${name}`) return argv[i + 1];
    if (argv[i].startsWith(`--${name}=`)) return argv[i].slice(name.length + 3);
  }
  return undefined;
}

/**
 * The clinic's data folder: `--data-dir`, else LUMEN_DATA_DIR, else the OS user-data folder
 * (where Electron keeps an app named Lumen): ~/.config/Lumen, ~/Library/Application Support/Lumen, %APPDATA%\Lumen.
 */
export function resolveDataDir(
  argv: readonly string[],
  env: Record<string, string | undefined>,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir(),
): string {
  const chosen = flagValue(argv, 'data-dir') || env.LUMEN_DATA_DIR;
  if (chosen) return resolve(chosen);
  if (platform === 'win32') return win32.join(env.APPDATA || win32.join(home, 'AppData', 'Roaming'), 'Lumen');
  if (platform === 'darwin') return posix.join(home, 'Library', 'Application Support', 'Lumen');
  return posix.join(env.XDG_CONFIG_HOME || posix.join(home, '.config'), 'Lumen');
}
