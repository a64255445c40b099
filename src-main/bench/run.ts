import { existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { openLumen, type Lumen } from '../app';
import { DATABASE_FILE, SCHEMA_VERSION } from '../core/db';
import { newConnection } from '../core/session';
import { DEMO_PASSWORD, type DemoRecord, demoRecordOf, generateDemoClinic, progressBar } from '../demo/index';
import { type BenchRow, MAX_FLOOR_RATIO, measure, type Operation, percentile, queryPlan, RATIO_TARGET_FROM_FLOOR_MS, round3, TIMED_RUNS, WARM_UP_RUNS } from './measure';
import { checkoutRows } from './checkout';
import { conversationRows } from './conversation';
import { closingOperations } from './closing';
import { inventoryOperations } from './inventory';
import { taskRows } from './tasks';
import { outboxRows } from './outbox';
import { segmentOperations } from './segments';
import { retentionOperations } from './retention';
import { loyaltyOperations, loyaltyReportOperations } from './loyalty';
import { referralOperations } from './referrals';
import { satisfactionOperations } from './satisfaction';
import { reportSalesOperations } from './reports-sales';
import { reportPipelineOperations } from './reports-pipeline';
import { patientOperations, schedulingOperations } from './operations';
import { SYNC_CHANGES, SYNC_TARGET_MS, syncRows } from './sync';
import { importRows } from './imports';
import { exportRows } from './exports';

/** npm run bench -- [--patients N] [--json] [--data-dir DIR] */
const USAGE = 'Usage: npm run bench -- [--patients 50000] [--json] [--data-dir DIR]';
const SEED = 42;
const YEARS = 10;
/** The whole demo clinic, ten years of calendar included, on a 2-core machine. */
/** The patients alone (issue 3's 50,000 in under a minute), and the whole clinic with ten years of calendar. */
const PATIENTS_TARGET_MS = 60_000;
const GENERATION_TARGET_MS = 180_000;
/** From opening the clinic to the sign-in screen's answers, on the demo database (about 1 GB). */
const START_UP_TARGET_MS = 1500;
const START_UP_RUNS = 5;

const log = (line: string) => process.stderr.write(`${line}\n`);

function fail(message: string): never {
  log(message);
  process.exit(1);
}

/** Patients when --patients is not given and the folder holds no demo yet. */
const DEFAULT_PATIENTS = 50_000;

/** `patients` is null when not given: a demo found in --data-dir is then used whatever its size. */
function parse(): { patients: number | null; json: boolean; dataDir: string | null } {
  try {
    const { values } = parseArgs({ options: { patients: { type: 'string' }, json: { type: 'boolean' }, 'data-dir': { type: 'string' } }, strict: true });
    const patients = values.patients === undefined ? null : Number(values.patients);
    if (patients !== null && (!Number.isInteger(patients) || patients < 100)) fail(`--patients must be a whole number of at least 100.\n${USAGE}`);
    return { patients, json: values.json ?? false, dataDir: values['data-dir'] ? resolve(values['data-dir']) : null };
  } catch (error) {
    fail(`${(error as Error).message}\n${USAGE}`);
  }
}

/** Generates the demo clinic into an open, empty folder, with a progress bar on stderr. */
async function generate(lumen: Lumen, patients: number): Promise<void> {
  const bar = progressBar(`Generating the demo clinic (${patients.toLocaleString('en-US')} patients)`);
  await generateDemoClinic(lumen.runtime, { patients, years: YEARS, seed: SEED, onProgress: bar.update });
  bar.finish();
}

/**
 * Opens the benchmark clinic: a finished demo clinic in the folder is reused as it is (its generation time
 * comes from its setup record), an empty folder gets one generated. A partial or foreign clinic is refused
 * when the folder was given; the cache folder is rebuilt instead.
 */
async function openBenchClinic(dataDir: string, patients: number | null, isCache: boolean): Promise<{ lumen: Lumen; record: DemoRecord }> {
  let lumen = await openLumen({ dataDir });
  const runtime = lumen.runtime;
  const record = demoRecordOf(runtime);
  const refuse = async (why: string): Promise<never> => {
    await lumen.close();
    fail(`${dataDir} ${why}; give an empty folder or one holding a finished demo clinic (npm run demo -- --data-dir DIR). Nothing was changed.`);
  };
  if (record) {
    if (patients !== null && record.patients !== patients) {
      if (!isCache) await refuse(`holds a demo clinic of ${record.patients} patients, not ${patients}`);
    } else return { lumen, record };
  } else if (runtime.state === 'ready' && !isCache) {
    await refuse(runtime.clinicRow()?.isDemo ? 'holds a demo clinic without its generation record' : `holds the clinic "${runtime.clinicRow()?.name}", not the demo clinic`);
  }
  const leftovers = runtime.isOpen && (runtime.sqlite.prepare('SELECT (SELECT count(*) FROM staff) + (SELECT count(*) FROM patient)').pluck().get() as number) > 0;
  if (runtime.state !== 'needsSetup' || leftovers) {
    if (!isCache) await refuse(runtime.state === 'recovery' ? 'holds a clinic database that cannot be read' : 'holds an unfinished demo clinic (generation stopped half-way)');
    await lumen.close();
    rmSync(dataDir, { recursive: true, force: true });
    lumen = await openLumen({ dataDir });
  }
  await generate(lumen, patients ?? DEFAULT_PATIENTS);
  // The fresh demo records its own timings, exactly as a reused one would.
  const made = demoRecordOf(lumen.runtime);
  if (!made) throw new Error('The demo clinic was generated but records no generation details');
  return { lumen, record: made };
}

/**
 * Opens the closed clinic as `npm start` does before serving (open, migrate; the scheduler's catch-up runs after)
 * and asks what the sign-in screen asks; timed over a few opens, each closed once its background check is done.
 */
async function startUpToSignIn(dataDir: string): Promise<BenchRow> {
  const samples: number[] = [];
  for (let i = 0; i < START_UP_RUNS; i++) {
    if (existsSync(join(dataDir, `${DATABASE_FILE}-wal`))) {
      log(`  open ${i + 1}: a -wal file is there (another process has the clinic open, or it was not closed cleanly), so this open checks the whole file first`);
    }
    const started = process.hrtime.bigint();
    const lumen = await openLumen({ dataDir });
    const conn = newConnection('cli');
    await lumen.registry.call('app.status', {}, conn);
    await lumen.registry.call('auth.users', {}, conn);
    samples.push(Number(process.hrtime.bigint() - started) / 1e6);
    await lumen.runtime.integrityChecked;
    await lumen.close();
  }
  samples.sort((a, b) => a - b);
  return { name: 'start-up to sign-in', p50_ms: round3(percentile(samples, 0.5)), p95_ms: round3(percentile(samples, 0.95)), floor_p50_ms: null, ratio: null };
}

/** Which targets a row meets, spelt out, so a miss says what missed. */
function verdict(row: BenchRow, targetP95Ms: number): string {
  if (row.floor_p50_ms === null) {
    const memory = row.peak_mb === undefined || row.peak_target_mb === undefined ? null : { over: row.peak_mb >= row.peak_target_mb, goal: `peak < ${row.peak_target_mb} MB, was ${row.peak_mb} MB` };
    const goal = `< ${targetP95Ms / 1000} s${memory ? `, ${memory.goal}` : ''}`;
    const misses = [row.p95_ms >= targetP95Ms && `over ${targetP95Ms / 1000} s`, memory?.over && `over ${row.peak_target_mb} MB`].filter(Boolean);
    return misses.length ? `MISSED ${misses.join(', ')} (target ${goal})` : `ok (target ${goal})`;
  }
  const ratioIsTarget = row.floor_p50_ms >= RATIO_TARGET_FROM_FLOOR_MS;
  const misses: string[] = [];
  if (row.p95_ms >= targetP95Ms) misses.push(`p95 ≥ ${targetP95Ms} ms`);
  if (ratioIsTarget && row.ratio !== null && row.ratio > MAX_FLOOR_RATIO) misses.push(`ratio > ${MAX_FLOOR_RATIO}`);
  const goal = ratioIsTarget ? `p95 < ${targetP95Ms} ms, ratio ≤ ${MAX_FLOOR_RATIO}` : `p95 < ${targetP95Ms} ms; floor under ${RATIO_TARGET_FROM_FLOOR_MS} ms, ratio not a target`;
  return misses.length ? `MISSED ${misses.join(', ')} (target ${goal})` : `ok (target ${goal})`;
}

function table(rows: { row: BenchRow; target: number; plans: string[] }[]): string {
  const num = (n: number | null) => (n === null ? '—' : n.toFixed(3)).padStart(10);
  const width = Math.max(...rows.map((r) => r.row.name.length));
  const lines = [`${'operation'.padEnd(width)} ${'p50 ms'.padStart(10)} ${'p95 ms'.padStart(10)} ${'floor p50'.padStart(10)} ${'ratio'.padStart(6)}  target`];
  for (const { row, target, plans } of rows) {
    lines.push(`${row.name.padEnd(width)} ${num(row.p50_ms)} ${num(row.p95_ms)} ${num(row.floor_p50_ms)} ${(row.ratio === null ? '—' : row.ratio.toFixed(2)).padStart(6)}  ${verdict(row, target)}${row.per_second === undefined ? '' : `, ${row.per_second} per second`}`);
    plans.forEach((plan, i) => lines.push(`  floor statement ${i + 1} — EXPLAIN QUERY PLAN`, plan));
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const { patients, json, dataDir: given } = parse();
  const dataDir = given ?? join(tmpdir(), `lumen-bench-${patients ?? DEFAULT_PATIENTS}-${SEED}-v${SCHEMA_VERSION}`);
  const cached = given === null && existsSync(dataDir);
  log(`Benchmark clinic: ${dataDir}${cached ? ' (cached)' : ''}`);
  const { lumen, record } = await openBenchClinic(dataDir, given === null ? (patients ?? DEFAULT_PATIENTS) : patients, given === null);
  const results: { row: BenchRow; target: number; plans: string[] }[] = [];
  try {
    // The integrity check after open reads the whole file; timings start once it is done.
    await lumen.runtime.integrityChecked;
    const conn = newConnection('cli');
    try {
      await lumen.registry.call('auth.signIn', { username: 'frontdesk', password: DEMO_PASSWORD }, conn);
    } catch (error) {
      fail(`Cannot sign in as frontdesk with the demo password in ${dataDir} (is it a demo clinic?): ${(error as Error).message}`);
    }
    const sqlite = lumen.runtime.sqlite;
    // Each group is built just before it is measured: a desk signed in long before its first call (the report rows
    // sign in as a manager) would be idle-locked by then, as at a real desk.
    const now = lumen.runtime.clock.now();
    const groups: (() => Operation[] | Promise<Operation[]>)[] = [
      () => patientOperations(lumen.registry, conn, sqlite),
      () => schedulingOperations(lumen.registry, conn, sqlite, now),
      () => closingOperations(lumen.registry, conn, sqlite),
      () => inventoryOperations(lumen.registry, conn, sqlite),
      () => segmentOperations(lumen.registry, conn, sqlite, now),
      () => retentionOperations(lumen.registry, conn, sqlite),
      () => loyaltyOperations(lumen.registry, conn, sqlite),
      () => loyaltyReportOperations(lumen.registry, sqlite, now),
      () => reportPipelineOperations(lumen.registry, sqlite, now),
      () => reportSalesOperations(lumen.registry, sqlite, now),
      () => referralOperations(lumen.registry, sqlite, now),
      () => satisfactionOperations(lumen.registry, sqlite, now),
    ];
    for (const group of groups) {
      for (const op of await group()) {
        log(`Measuring ${op.name} (${op.runs?.warmUp ?? WARM_UP_RUNS} warm-up + ${op.runs?.timed ?? TIMED_RUNS} timed runs)…`);
        const row = await measure(sqlite, op);
        results.push({ row, target: op.targetP95Ms, plans: op.floor(0).map((statement) => queryPlan(sqlite, statement)) });
      }
    }
    const timed = (name: string, ms: number | null, target: number) => {
      if (ms === null) log(`The demo clinic does not record how long "${name}" took; that row is left out.`);
      else results.push({ row: { name, p50_ms: ms, p95_ms: ms, floor_p50_ms: null, ratio: null }, target, plans: [] });
    };
    timed(`demo generation: ${record.patients} patients`, record.patientsMs, PATIENTS_TARGET_MS);
    timed(`demo generation: whole clinic with ${record.years} years of calendar`, record.generationMs, GENERATION_TARGET_MS);
  } finally {
    await lumen.close();
  }
  log(`Measuring start-up to sign-in (${START_UP_RUNS} opens of the closed clinic)…`);
  results.push({ row: await startUpToSignIn(dataDir), target: START_UP_TARGET_MS, plans: [] });
  log(`Measuring sync export and import of ${SYNC_CHANGES.toLocaleString('en-US')} changes (two copies of the demo clinic)…`);
  for (const row of await syncRows(dataDir)) results.push({ row, target: SYNC_TARGET_MS, plans: [] });
  results.push(...(await checkoutRows(dataDir)));
  results.push(...(await conversationRows(dataDir)));
  log('Measuring the daily rules job (one run for today, on a copy of the demo clinic)…');
  results.push(...(await taskRows(dataDir)));
  log('Measuring the outbox drain (1,000 emails to a local SMTP server, on a fresh clinic)…');
  results.push(...(await outboxRows()));
  results.push(...(await importRows(log)));
  log('Measuring the whole-clinic export (one archive of a copy of the demo clinic)…');
  results.push(...(await exportRows(dataDir)));
  process.stdout.write(json ? `${JSON.stringify(results.map((r) => r.row), null, 2)}\n` : `\n${table(results)}\n`);
}

main().catch((error: unknown) => fail(`Benchmark failed: ${(error as Error).stack ?? error}`));
