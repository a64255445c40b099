import { addCalendarDays, localDate } from '../../src-shared/time';
import type { Offset } from '../../src-shared/contract/tasks';
import type { FollowUpRuleTable } from '../core/schema-tasks';
import { hasPurchaseProjection, ruleParams, seedFollowUpRules, sqlOf } from '../tasks/index';
import { DEMO_TIME_ZONE } from './calendar';
import type { DemoContext } from './context';

/** How far back the demo's rules have been running (six weeks: about 0.3 s per 5,000 patients, so a few seconds at 50,000). */
const HISTORY_DAYS = 42;
const HOUR_MS = 3_600_000;

/**
 * The default rules, running for the last six weeks: their tasks come from the demo's own visits, sales and
 * patients (each rule's INSERT … SELECT over the whole period, as a daily run would have made them). Most older
 * tasks were completed with an outcome, some after their SLA, a few never; the last days' are still open.
 */
export function writeTasks(ctx: DemoContext): number {
  const sqlite = ctx.sqlite;
  const today = localDate(ctx.nowIso, DEMO_TIME_ZONE);
  const since = addCalendarDays(today, -HISTORY_DAYS);
  seedFollowUpRules(sqlite, ctx.now, since);
  const projection = hasPurchaseProjection(sqlite);
  const rules = sqlite.prepare('SELECT * FROM followUpRule WHERE enabled = 1 ORDER BY id').all() as FollowUpRuleTable[];
  let created = 0;
  for (const rule of rules) {
    if (rule.trigger === 'dueSoon' && !projection) continue;
    for (const offset of JSON.parse(rule.offsets) as Offset[]) {
      created += sqlite.prepare(sqlOf(rule.trigger)).run(ruleParams(sqlite, rule, offset, { from: since, to: today }, ctx.now, DEMO_TIME_ZONE)).changes;
    }
  }
  complete(ctx);
  sqlite.prepare('INSERT INTO taskRun (id, workstationId, asOf, ranAt, created) SELECT 1, workstationId, ?, ?, ? FROM thisWorkstation').run(today, ctx.nowIso, created);
  return created;
}

/**
 * Completes the demo's tasks as a front desk would have: nearly all of those due over two weeks ago, most of the last
 * two weeks', none of the last two days'. One in twelve was done after its SLA. Outcomes follow the id, so the demo
 * stays the same from the same seed.
 */
function complete(ctx: DemoContext): void {
  const desk = ctx.sqlite.prepare("SELECT id FROM staff WHERE role = 'frontDesk' AND active = 1 ORDER BY id LIMIT 1").pluck().get() as number | undefined;
  const recent = new Date(ctx.now.getTime() - 2 * 24 * HOUR_MS).toISOString();
  const fortnight = new Date(ctx.now.getTime() - 14 * 24 * HOUR_MS).toISOString();
  ctx.sqlite
    .prepare(
      `UPDATE task SET
         completedBy = coalesce(assigneeStaffId, :desk),
         outcome = CASE id % 8 WHEN 0 THEN 'booked' WHEN 1 THEN 'leftMessage' WHEN 2 THEN 'noAnswer' WHEN 3 THEN 'notInterested'
           WHEN 4 THEN 'done' ELSE 'reached' END,
         completedAt = min(:now, CASE WHEN id % 12 = 0 THEN strftime('%Y-%m-%dT%H:%M:%fZ', slaAt, '+' || (id % 30 + 1) || ' hours')
           ELSE strftime('%Y-%m-%dT%H:%M:%fZ', dueAt, '-' || (id % 6 + 1) || ' hours') END)
       WHERE completedAt IS NULL AND dueAt < :recent AND (id % 33 <> 0) AND (dueAt < :fortnight OR id % 5 <> 0)`,
    )
    .run({ desk: desk ?? null, now: ctx.nowIso, recent, fortnight });
}
