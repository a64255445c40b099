import { rmSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { Offset } from '../../src-shared/contract/tasks';
import { addCalendarDays, localDate } from '../../src-shared/time';
import type { FollowUpRuleTable } from '../core/schema-tasks';
import { newConnection } from '../core/session';
import { DEMO_PASSWORD } from '../demo/index';
import { creationWindow, hasPurchaseProjection, ruleParams, sqlOf } from '../tasks/index';
import { openDemoCopy } from './copy';
import { type BenchRow, percentile, round3 } from './measure';

const ROUNDS = 5;
const TARGET_MS = 5000;

/**
 * "daily rules job": one run of every enabled follow-up rule for today over the whole demo clinic (`tasks.runRules`,
 * as the hourly job runs it), on a copy. Before each round the tasks its window covers are removed, so every round
 * creates a day's tasks (and the catch-up week's) rather than finding them made. Its floor is the same INSERT …
 * SELECT statements (tasks/queries.ts) with the same parameters, raw, in one transaction, after the same removal.
 */
export async function taskRows(demoDir: string): Promise<{ row: BenchRow; target: number; plans: string[] }[]> {
  const { dir, lumen } = await openDemoCopy(demoDir, 'lumen-bench-tasks-');
  try {
    const conn = newConnection('cli');
    await lumen.registry.call('auth.signIn', { username: 'manager', password: DEMO_PASSWORD }, conn);
    const { sqlite } = lumen.runtime;
    const timeZone = sqlite.prepare('SELECT timeZone FROM clinic').pluck().get() as string;
    const now = lumen.runtime.clock.now();
    const today = localDate(now.toISOString(), timeZone);
    const rules = (sqlite.prepare('SELECT * FROM followUpRule WHERE enabled = 1 ORDER BY id').all() as FollowUpRuleTable[]).filter((r) => r.trigger !== 'dueSoon' || hasPurchaseProjection(sqlite));
    const earliest = addCalendarDays(today, -Math.max(0, ...rules.map((r) => r.catchUpDays)));
    const clear = () => sqlite.prepare('DELETE FROM task WHERE dueOn >= ? AND ruleId IS NOT NULL').run(earliest).changes;
    const floor = () =>
      sqlite.transaction(() => {
        for (const rule of rules) {
          const window = creationWindow(today, rule.catchUpDays, rule.activeSince);
          if (!window) continue;
          for (const offset of JSON.parse(rule.offsets) as Offset[]) sqlite.prepare(sqlOf(rule.trigger)).run(ruleParams(sqlite, rule, offset, window, now, timeZone));
        }
      }).immediate();
    const calls: number[] = [];
    const floors: number[] = [];
    let created = 0;
    for (let round = 0; round < ROUNDS; round++) {
      clear();
      let started = performance.now();
      created = (await lumen.registry.call('tasks.runRules', {}, conn)).created;
      calls.push(performance.now() - started);
      clear();
      started = performance.now();
      floor();
      floors.push(performance.now() - started);
    }
    calls.sort((a, b) => a - b);
    floors.sort((a, b) => a - b);
    process.stderr.write(`The daily rules job created ${created} tasks per run.\n`);
    const p50 = percentile(calls, 0.5);
    const floorP50 = percentile(floors, 0.5);
    return [{ row: { name: 'daily rules job (tasks.runRules, whole clinic)', p50_ms: round3(p50), p95_ms: round3(percentile(calls, 0.95)), floor_p50_ms: round3(floorP50), ratio: Math.round((p50 / floorP50) * 100) / 100 }, target: TARGET_MS, plans: [] }];
  } finally {
    await lumen.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
