import type { z } from 'zod';
import type { Offset, RunResult } from '../../src-shared/contract/tasks';
import { addCalendarDays, startOfLocalDay } from '../../src-shared/time';
import { cached, type Sqlite } from '../core/db';
import type { FollowUpRuleTable } from '../core/schema-tasks';
import { newId } from '../core/workstation';
import { DUE_SOON_SQL } from './dueSoon';
import { RULE_SQL } from './queries';
import { birthdayKeys, creationWindow, datesBetween, dueDays } from './window';

type Window = { from: string; to: string };

/** "24 hours", "7 days", "1 month": what `{when}` says in a title. */
export function whenText(offset: Offset): string {
  const unit = offset.amount === 1 ? offset.unit.slice(0, -1) : offset.unit;
  return `${offset.amount} ${unit}`;
}

const endOfDay = (date: string, timeZone: string) => startOfLocalDay(addCalendarDays(date, 1), timeZone).toISOString();

/** Due days of a birthday rule: each day of the window announces the birthdays `offset` days later. */
function birthdayDays(window: Window, offset: Offset, timeZone: string) {
  return datesBetween(window.from, window.to).map((dueOn) => {
    const birthday = addCalendarDays(dueOn, offset.amount);
    return { dueOn, dueAt: endOfDay(dueOn, timeZone), year: birthday.slice(0, 4), monthDays: birthdayKeys(birthday) };
  });
}

/** Due days of a due-soon rule: the days themselves; the SQL works out which maintenance due dates they announce. */
function plainDays(window: Window, timeZone: string) {
  return datesBetween(window.from, window.to).map((dueOn) => ({ dueOn, dueAt: endOfDay(dueOn, timeZone) }));
}

function daysOf(rule: FollowUpRuleTable, window: Window, offset: Offset, timeZone: string): unknown[] {
  if (rule.trigger === 'birthday') return birthdayDays(window, offset, timeZone);
  if (rule.trigger === 'dueSoon') return plainDays(window, timeZone);
  return dueDays(window.from, window.to, offset, timeZone);
}

/** The parameters of one rule and offset for its INSERT … SELECT (every trigger's SQL takes the same set). */
export function ruleParams(sqlite: Sqlite, rule: FollowUpRuleTable, offset: Offset, window: Window, now: Date, timeZone: string) {
  return {
    days: JSON.stringify(daysOf(rule, window, offset, timeZone)),
    ruleId: rule.id,
    trigger: rule.trigger,
    title: rule.titleTemplate,
    when: whenText(offset),
    assigneeKind: rule.assigneeKind,
    role: rule.assigneeRole,
    staffId: rule.assigneeStaffId,
    hours: offset.unit === 'hours' ? offset.amount : null,
    allDay: offset.unit === 'hours' ? 0 : 1,
    lead: offset.amount,
    slaHours: rule.slaHours,
    categoryIds: rule.categoryIds,
    keySuffix: rule.trigger === 'afterTreatment' ? `|after:${offset.amount}${offset.unit}` : '',
    // Money owed is chased even for a patient who asked not to be contacted with offers.
    anyContact: rule.trigger === 'visitedNotPaid' ? 1 : 0,
    now: now.toISOString(),
    firstId: newId(sqlite, 'task'),
  };
}

/** Due soon reads the retention projection; without it (a build before retention) that rule waits. */
export function hasPurchaseProjection(sqlite: Sqlite): boolean {
  return cached(sqlite, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'patientCategoryPurchase'").get() !== undefined;
}

export function sqlOf(trigger: FollowUpRuleTable['trigger']): string {
  return trigger === 'dueSoon' ? DUE_SOON_SQL : RULE_SQL[trigger];
}

/**
 * Runs every enabled rule for the clinic-local day `asOf`, inside the caller's write transaction: each rule and
 * offset is one INSERT … SELECT over the days its window still covers, so a second run, or a catch-up over days
 * already run, creates nothing twice. Records the run (`taskRun`) and returns what each rule created.
 */
export function runRules(sqlite: Sqlite, asOf: string, now: Date, timeZone: string): z.infer<typeof RunResult> {
  const rules = cached(sqlite, 'SELECT * FROM followUpRule WHERE enabled = 1 ORDER BY id').all() as FollowUpRuleTable[];
  const projection = hasPurchaseProjection(sqlite);
  const results = rules.map((rule) => {
    const window = rule.trigger === 'dueSoon' && !projection ? null : creationWindow(asOf, rule.catchUpDays, rule.activeSince);
    let created = 0;
    if (window) {
      for (const offset of JSON.parse(rule.offsets) as Offset[]) created += cached(sqlite, sqlOf(rule.trigger)).run(ruleParams(sqlite, rule, offset, window, now, timeZone)).changes;
    }
    return { ruleId: rule.id, name: rule.name, created };
  });
  const created = results.reduce((sum, r) => sum + r.created, 0);
  const workstationId = cached(sqlite, 'SELECT workstationId FROM thisWorkstation').pluck().get() as string;
  cached(sqlite, 'INSERT INTO taskRun (id, workstationId, asOf, ranAt, created) VALUES (?, ?, ?, ?, ?)').run(newId(sqlite, 'taskRun'), workstationId, asOf, now.toISOString(), created);
  return { asOf, created, rules: results };
}
