import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { openLumen, type Lumen } from '../app';
import { SCHEMA_VERSION } from '../core/db';
import { newConnection } from '../core/session';
import { DEMO_PASSWORD, generateDemoClinic, progressBar } from '../demo/index';
import { type BenchRow, MAX_FLOOR_RATIO, measure, queryPlan, TIMED_RUNS, WARM_UP_RUNS } from './measure';
import { patientOperations, schedulingOperations } from './operations';

/** npm run bench -- [--patients N] [--json] [--data-dir DIR] */
const USAGE = 'Usage: npm run bench -- [--patients 50000] [--json] [--data-dir DIR]';
const SEED = 42;
const YEARS = 10;
/** The whole demo clinic, ten years of calendar included, on a 2-core machine. */
const GENERATION_TARGET_MS = 180_000;

const log = (line: string) => process.stderr.write(`${line}\n`);

function fail(message: string): never {
  log(message);
  process.exit(1);
}

function parse(): { patients: number; json: boolean; dataDir: string | null } {
  try {
    const { values } = parseArgs({ options: { patients: { type: 'string' }, json: { type: 'boolean' }, 'data-dir': { type: 'string' } }, strict: true });
    const patients = values.patients === undefined ? 50_000 : Number(values.patients);
    if (!Number.isInteger(patients) || patients < 100) fail(`--patients must be a whole number of at least 100.\n${USAGE}`);
    return { patients, json: values.json ?? false, dataDir: values['data-dir'] ? resolve(values['data-dir']) : null };
  } catch (error) {
    fail(`${(error as Error).message}\n${USAGE}`);
  }
}

/** Generates the demo clinic into an open, empty folder, with a progress bar on stderr. */
async function generate(lumen: Lumen, patients: number): Promise<number> {
  const bar = progressBar(`Generating ${patients.toLocaleString('en-US')} demo patients`);
  const { ms } = await generateDemoClinic(lumen.runtime, { patients, years: YEARS, seed: SEED, onProgress: bar.update });
  bar.finish();
  return ms;
}

/**
 * Opens the benchmark clinic, generating it when the folder is empty. The cache folder is rebuilt when a
 * previous run died half-way; a folder given with --data-dir is never deleted.
 */
async function openBenchClinic(dataDir: string, patients: number, isCache: boolean): Promise<{ lumen: Lumen; generationMs: number | null }> {
  let lumen = await openLumen({ dataDir });
  if (lumen.runtime.state === 'ready') return { lumen, generationMs: null };
  const leftovers = lumen.runtime.isOpen && (lumen.runtime.sqlite.prepare('SELECT count(*) FROM staff').pluck().get() as number) > 0;
  if (lumen.runtime.state === 'recovery' || leftovers) {
    await lumen.close();
    if (!isCache) fail(`${dataDir} holds an unfinished or unreadable clinic; give an empty folder or a finished demo clinic.`);
    rmSync(dataDir, { recursive: true, force: true });
    lumen = await openLumen({ dataDir });
  }
  return { lumen, generationMs: await generate(lumen, patients) };
}

/** A fresh generation in a throw-away folder, for the generation row when the clinic came from the cache. */
async function timeFreshGeneration(patients: number): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'lumen-bench-generate-'));
  try {
    const lumen = await openLumen({ dataDir: dir });
    try {
      return await generate(lumen, patients);
    } finally {
      await lumen.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Which targets a row meets, spelt out, so a miss says what missed. */
function verdict(row: BenchRow, targetP95Ms: number): string {
  const misses: string[] = [];
  if (row.p95_ms >= targetP95Ms) misses.push(row.floor_p50_ms === null ? `over ${targetP95Ms / 1000} s` : `p95 ≥ ${targetP95Ms} ms`);
  if (row.ratio !== null && row.ratio > MAX_FLOOR_RATIO) misses.push(`ratio > ${MAX_FLOOR_RATIO}`);
  const goal = row.floor_p50_ms === null ? `< ${targetP95Ms / 1000} s` : `p95 < ${targetP95Ms} ms, ratio ≤ ${MAX_FLOOR_RATIO}`;
  return misses.length ? `MISSED ${misses.join(', ')} (target ${goal})` : `ok (target ${goal})`;
}

function table(rows: { row: BenchRow; target: number; plans: string[] }[]): string {
  const num = (n: number | null) => (n === null ? '—' : n.toFixed(3)).padStart(10);
  const width = Math.max(...rows.map((r) => r.row.name.length));
  const lines = [`${'operation'.padEnd(width)} ${'p50 ms'.padStart(10)} ${'p95 ms'.padStart(10)} ${'floor p50'.padStart(10)} ${'ratio'.padStart(6)}  target`];
  for (const { row, target, plans } of rows) {
    lines.push(`${row.name.padEnd(width)} ${num(row.p50_ms)} ${num(row.p95_ms)} ${num(row.floor_p50_ms)} ${(row.ratio === null ? '—' : row.ratio.toFixed(2)).padStart(6)}  ${verdict(row, target)}`);
    plans.forEach((plan, i) => lines.push(`  floor statement ${i + 1} — EXPLAIN QUERY PLAN`, plan));
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const { patients, json, dataDir: given } = parse();
  const dataDir = given ?? join(tmpdir(), `lumen-bench-${patients}-${SEED}-v${SCHEMA_VERSION}`);
  const cached = given === null && existsSync(dataDir);
  log(`Benchmark clinic: ${dataDir}${cached ? ' (cached)' : ''}`);
  const { lumen, generationMs: builtMs } = await openBenchClinic(dataDir, patients, given === null);
  try {
    const generationMs = builtMs ?? (await timeFreshGeneration(patients));
    const conn = newConnection('cli');
    try {
      await lumen.registry.call('auth.signIn', { username: 'frontdesk', password: DEMO_PASSWORD }, conn);
    } catch (error) {
      fail(`Cannot sign in as frontdesk with the demo password in ${dataDir} (is it a demo clinic?): ${(error as Error).message}`);
    }
    const sqlite = lumen.runtime.sqlite;
    const results: { row: BenchRow; target: number; plans: string[] }[] = [];
    for (const op of [...patientOperations(lumen.registry, conn, sqlite), ...schedulingOperations(lumen.registry, conn, sqlite, lumen.runtime.clock.now())]) {
      log(`Measuring ${op.name} (${WARM_UP_RUNS} warm-up + ${TIMED_RUNS} timed runs)…`);
      const row = await measure(sqlite, op);
      results.push({ row, target: op.targetP95Ms, plans: op.floor(0).map((statement) => queryPlan(sqlite, statement)) });
    }
    const generation: BenchRow = { name: `demo generation (${patients} patients)`, p50_ms: generationMs, p95_ms: generationMs, floor_p50_ms: null, ratio: null };
    results.push({ row: generation, target: GENERATION_TARGET_MS, plans: [] });
    process.stdout.write(json ? `${JSON.stringify(results.map((r) => r.row), null, 2)}\n` : `\n${table(results)}\n`);
  } finally {
    await lumen.close();
  }
}

main().catch((error: unknown) => fail(`Benchmark failed: ${(error as Error).stack ?? error}`));
