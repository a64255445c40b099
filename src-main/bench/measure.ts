import { performance } from 'node:perf_hooks';
import type BetterSqlite3 from 'better-sqlite3';
import type { Sqlite } from '../core/db';

export interface BenchRow {
  name: string;
  p50_ms: number;
  p95_ms: number;
  floor_p50_ms: number | null;
  ratio: number | null;
  /** Rows that time a stream of work (the outbox drain): how many it does per second. */
  per_second?: number;
  /** Rows that time one long job: its peak resident memory (the import's child process, the export's own process) and, where set, the budget for it. */
  peak_mb?: number;
  peak_target_mb?: number;
}

/** One raw statement of a floor: the exact SQL text a handler runs, with the parameters it would bind. */
type Params = Record<string, unknown> | unknown[];

export interface FloorStatement {
  sql: string;
  /** Named (@name) or positional (?) parameters, as the handler binds them; a function when they follow from an earlier statement's rows. */
  params: Params | (() => Params);
  /** What a writing floor keeps of a reader's rows for later statements (the id it takes), as the handler does. */
  rows?: (rows: unknown[]) => void;
  /** In a writing floor: the last statement of one registry call, whose transaction commits after it. */
  commit?: boolean;
}

/** One measured operation; run `i` uses the i-th input, so neighbouring runs never ask the same thing. */
export interface Operation {
  name: string;
  targetP95Ms: number;
  /** Its floor writes: run in write transactions (one per call, ended by `commit`), as the registry runs calls. */
  writes?: boolean;
  call(run: number): Promise<unknown>;
  /** The SQL the handler runs for that input, as raw statements. */
  floor(run: number): FloorStatement[];
  /** Fewer runs for a slow operation (a year-long report): a thousand of 100 ms would take minutes. */
  runs?: { warmUp: number; timed: number };
  /** A clinic setting the operation is measured under: applied before its first run, restored after its last. */
  under?: { apply(): Promise<unknown>; restore(): Promise<unknown> };
}

// Enough warm-up for V8 to optimise the call path (at least this many runs and WARM_UP_MS): a cold JIT would
// measure the compiler, not Lumen.
export const WARM_UP_RUNS = 1000;
const WARM_UP_MS = 2000;
export const TIMED_RUNS = 1000;
/** Calls and floors are timed in alternating blocks, so a slow patch of the machine hits both alike. */
const BLOCK = 100;
export const MAX_FLOOR_RATIO = 1.3;
/**
 * The ratio is a target only where the floor is a real query: below 1 ms it measures noise and the registry's few
 * microseconds, which no one at the desk can feel (the p95 budget still holds there).
 */
export const RATIO_TARGET_FROM_FLOOR_MS = 1;

/** Nearest-rank percentile of sorted samples. */
export function percentile(sorted: number[], q: number): number {
  return sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)];
}

export const round3 = (ms: number) => Math.round(ms * 1000) / 1000;

async function timeRuns(runs: number, offset: number, run: (i: number) => unknown, samples: number[] = []): Promise<number[]> {
  for (let i = 0; i < runs; i++) {
    const started = process.hrtime.bigint();
    await run(offset + i);
    samples.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return samples;
}

async function warmUp(runs: number, run: (i: number) => unknown): Promise<void> {
  const until = performance.now() + WARM_UP_MS;
  for (let i = 0; i < runs || performance.now() < until; i++) await run(i % runs);
}

/**
 * Times an operation through the registry and its floor (the same SQL as raw statements, prepared once) over
 * the same inputs, each after its own warm-up.
 */
export async function measure(sqlite: Sqlite, op: Operation): Promise<BenchRow> {
  if (!op.under) return measureRuns(sqlite, op);
  await op.under.apply();
  try {
    return await measureRuns(sqlite, op);
  } finally {
    await op.under.restore();
  }
}

async function measureRuns(sqlite: Sqlite, op: Operation): Promise<BenchRow> {
  const { warmUp: warmUpRuns, timed: timedRuns } = op.runs ?? { warmUp: WARM_UP_RUNS, timed: TIMED_RUNS };
  const block = Math.min(BLOCK, Math.max(1, Math.floor(timedRuns / 4)));
  const prepared = new Map<string, BetterSqlite3.Statement<unknown[]>>();
  const begin = sqlite.prepare('BEGIN IMMEDIATE');
  const commit = sqlite.prepare('COMMIT');
  // Built before anything is timed: building a floor (a Kysely query compiled to text) is not running it.
  const floorStatements = Array.from({ length: warmUpRuns + timedRuns }, (_, run) => op.floor(run));
  const runFloor = (run: number) => {
    for (const { sql, params, rows, commit: ends } of floorStatements[run]) {
      let statement = prepared.get(sql);
      if (!statement) prepared.set(sql, (statement = sqlite.prepare(sql)));
      if (op.writes && !sqlite.inTransaction) begin.run();
      const bound = typeof params === 'function' ? params() : params;
      const args = Array.isArray(bound) ? bound : [bound];
      if (statement.reader) {
        const read = statement.all(...args);
        rows?.(read);
      } else statement.run(...args);
      if (ends) commit.run();
    }
    if (sqlite.inTransaction) commit.run();
  };
  // Every input's pages are read once first, as on a desk that has been open a while: whichever of call and
  // floor met an input first would otherwise pay the disk reads for both.
  for (let i = 0; i < warmUpRuns + timedRuns; i++) runFloor(i);
  await warmUp(warmUpRuns, (i) => op.call(i));
  await warmUp(warmUpRuns, runFloor);
  const calls: number[] = [];
  const floors: number[] = [];
  for (let start = 0; start < timedRuns; start += block) {
    const timeCalls = () => timeRuns(block, warmUpRuns + start, (i) => op.call(i), calls);
    const timeFloor = () => timeRuns(block, warmUpRuns + start, runFloor, floors);
    // Each goes first every other block, so neither always runs right after the other warmed the caches.
    if ((start / block) % 2 === 0) await timeCalls().then(timeFloor);
    else await timeFloor().then(timeCalls);
  }
  calls.sort((a, b) => a - b);
  floors.sort((a, b) => a - b);
  const p50 = percentile(calls, 0.5);
  const floorP50 = percentile(floors, 0.5);
  return {
    name: op.name,
    p50_ms: round3(p50),
    p95_ms: round3(percentile(calls, 0.95)),
    floor_p50_ms: round3(floorP50),
    ratio: Math.round((p50 / floorP50) * 100) / 100,
  };
}

/** `EXPLAIN QUERY PLAN` as an indented tree, the way the sqlite3 shell prints it. */
export function queryPlan(sqlite: Sqlite, { sql, params }: FloorStatement): string {
  const explain = sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`);
  const bound = typeof params === 'function' ? params() : params;
  const rows = (Array.isArray(bound) ? explain.all(...bound) : explain.all(bound)) as { id: number; parent: number; detail: string }[];
  const depth = new Map<number, number>([[0, 0]]);
  return rows
    .map((row) => {
      const level = (depth.get(row.parent) ?? 0) + 1;
      depth.set(row.id, level);
      return `${'   '.repeat(level)}${row.detail}`;
    })
    .join('\n');
}
