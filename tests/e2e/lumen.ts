import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base } from '@playwright/test';

export interface RunningLumen {
  url: string;
  dataDir: string;
  /** Stops Lumen and deletes its data folder, unless `keepData` (to start it again, or copy its database). */
  stop(options?: { keepData?: boolean }): Promise<void>;
}

export const newDataDir = (): string => mkdtempSync(join(tmpdir(), 'lumen-e2e-'));

/** Starts Lumen exactly as a user does (`npm start -- --browser`) on a data folder (a fresh one unless given) and reads the URL it prints. */
export async function startLumen(extraArgs: string[] = [], dataDir = newDataDir()): Promise<RunningLumen> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src-main/launch.ts', '--browser', '--data-dir', dataDir, '--port', '0', ...extraArgs], {
    cwd: join(import.meta.dirname, '..', '..'),
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env },
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Lumen did not start in time:\n${output}`)), 120_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /browser mode: (http:\/\/127\.0\.0\.1:\d+\/\S*)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => reject(new Error(`Lumen exited with ${code}:\n${output}`)));
  });
  return {
    url,
    dataDir,
    async stop({ keepData = false } = {}) {
      await new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      });
      if (!keepData) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * One fresh clinic per journey (a test-scoped fixture: a worker runs many files, each must start from first run).
 * `test.use({ lumenArgs: ['--clock-at', instant] })` pins the clinic's clock for a journey that depends on the hour.
 */
export const test = base.extend<{ lumen: RunningLumen; lumenArgs: string[] }>({
  lumenArgs: [[], { option: true }],
  lumen: [
    async ({ lumenArgs }, use) => {
      const lumen = await startLumen(lumenArgs);
      await use(lumen);
      await lumen.stop();
    },
    { timeout: 120_000 },
  ],
});

export { expect } from '@playwright/test';
