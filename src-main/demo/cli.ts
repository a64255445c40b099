import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { openLumen } from '../app';
import { DEMO_PASSWORD, DEMO_USERNAMES, generateDemoClinic } from './index';
import { progressBar } from './progress';

/** npm run demo -- --data-dir DIR [--patients 50000] [--years 10] [--seed 42] */
const USAGE = 'Usage: npm run demo -- --data-dir DIR [--patients 50000] [--years 10] [--seed 42]';

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

function integerFlag(value: string | undefined, name: string, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) fail(`--${name} must be a whole number of at least ${min} (got "${value}").\n${USAGE}`);
  return n;
}

async function main(): Promise<void> {
  let values: Record<string, string | undefined>;
  try {
    ({ values } = parseArgs({
      options: { 'data-dir': { type: 'string' }, patients: { type: 'string' }, years: { type: 'string' }, seed: { type: 'string' } },
      strict: true,
    }));
  } catch (error) {
    fail(`${(error as Error).message}\n${USAGE}`);
  }
  if (!values['data-dir']) fail(`--data-dir is required.\n${USAGE}`);
  const dataDir = resolve(values['data-dir']);
  const patients = integerFlag(values.patients, 'patients', 50_000, 1);
  const years = integerFlag(values.years, 'years', 10, 1);
  const seed = integerFlag(values.seed, 'seed', 42, 0);

  const lumen = await openLumen({ dataDir });
  try {
    const state = lumen.runtime.state;
    if (state !== 'needsSetup') {
      fail(
        state === 'recovery'
          ? `${dataDir} holds a clinic database that cannot be opened; nothing was changed.`
          : `${dataDir} already holds a clinic ("${lumen.runtime.clinicRow()?.name}"); the demo clinic needs an empty folder. Nothing was changed.`,
      );
    }
    const bar = progressBar('Creating the demo clinic');
    const result = await generateDemoClinic(lumen.runtime, { patients, years, seed, onProgress: bar.update });
    bar.finish();
    process.stdout.write(`${JSON.stringify({ ...result, dataDir, users: DEMO_USERNAMES, password: DEMO_PASSWORD }, null, 2)}\n`);
  } finally {
    await lumen.close();
  }
}

main().catch((error: unknown) => fail(`Could not create the demo clinic: ${(error as Error).message}`));
