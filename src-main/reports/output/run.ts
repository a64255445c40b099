import { MAX_RUN_ATTEMPTS, type ReportName, type ReportRun } from '../../../src-shared/contract/reports-output';
import { fieldError } from '../../../src-shared/errors';
import { type PeriodPreset, resolvePeriod } from '../../../src-shared/reports/period';
import { isoOf, localDate } from '../../../src-shared/time';
import type { Kysely } from 'kysely';
import type { HandlerContext, HandlerMap } from '../../core/registry';
import type { Database } from '../../core/schema';
import type { ReportRunTable, ReportScheduleTable } from '../../core/schema-reports';
import { catalogueEntry, withPeriod } from '../catalogue';
import { latestDue } from './due';
import { clinicPaper } from './paper';
import { documentPdf } from './pdf';
import { formatOptionsOf, reportDocument, reportFileName, writeNewFile } from './render';
import { folderPathOf, runOf } from './schedules';

/**
 * Generates every active schedule's latest due occurrence that has not been made yet: after a week away, one PDF for
 * the last Monday, not one per missed Monday (UNIQUE(scheduleId, dueAt) holds it to once). A schedule saved after its
 * latest occurrence waits for the next one. A failed run (a folder that cannot be written) is kept with its reason and
 * tried again at the next tick, up to MAX_RUN_ATTEMPTS times. Runs in the caller's transaction.
 */
export async function runDueSchedules(ctx: HandlerContext, asOf: Date): Promise<ReportRun[]> {
  const runs: ReportRun[] = [];
  for (const { schedule, dueAt, earlier } of await pendingSchedules(ctx.db, ctx.clinic().timeZone, asOf)) runs.push(runOf(await generate(ctx, schedule, dueAt, earlier)));
  return runs;
}

/** The active schedules whose latest occurrence is still to be made (or retried), with its due instant. */
export async function pendingSchedules(db: Kysely<Database>, timeZone: string, asOf: Date): Promise<{ schedule: ReportScheduleTable; dueAt: string; earlier: ReportRunTable | undefined }[]> {
  const schedules = await db.selectFrom('reportSchedule').selectAll().where('active', '=', 1).orderBy('id').execute();
  const pending = [];
  for (const schedule of schedules) {
    const due = latestDue(schedule, asOf.getTime(), timeZone);
    if (due < Date.parse(schedule.createdAt)) continue;
    const dueAt = isoOf(due);
    const earlier = await db.selectFrom('reportRun').selectAll().where('scheduleId', '=', schedule.id).where('dueAt', '=', dueAt).executeTakeFirst();
    if (earlier && (earlier.status === 'ok' || earlier.attempts >= MAX_RUN_ATTEMPTS)) continue;
    pending.push({ schedule, dueAt, earlier });
  }
  return pending;
}

async function generate(ctx: HandlerContext, schedule: ReportScheduleTable, dueAt: string, earlier: ReportRunTable | undefined): Promise<ReportRunTable> {
  const clinic = ctx.clinic();
  const report = schedule.report as ReportName;
  // The period is seen from the day the run was due, so a late run (the computer was off) reports the same dates.
  const dueDay = localDate(dueAt, clinic.timeZone);
  const entry = catalogueEntry(report);
  const period = entry.dated === 'asOf' ? { from: dueDay, to: dueDay } : resolvePeriod(schedule.period as PeriodPreset, dueDay);
  const row: ReportRunTable = {
    id: earlier?.id ?? ctx.newId('reportRun'),
    scheduleId: schedule.id,
    report,
    dueAt,
    periodFrom: period.from,
    periodTo: period.to,
    ranAt: ctx.now.toISOString(),
    status: 'ok',
    attempts: (earlier?.attempts ?? 0) + 1,
    path: null,
    error: null,
  };
  try {
    const doc = await reportDocument(ctx, report, withPeriod(entry, JSON.parse(schedule.input) as Record<string, unknown>, period));
    const paper = schedule.paper ?? clinicPaper(ctx.sqlite, clinic.country).paperSize;
    const bytes = await documentPdf(doc, { paper, format: formatOptionsOf(clinic) });
    row.path = writeNewFile(folderPathOf(ctx, schedule.folder), reportFileName(report, doc, ctx.now, clinic.timeZone, 'pdf'), bytes).path;
  } catch (error) {
    row.status = 'failed';
    row.error = (error instanceof Error ? error.message : String(error)).slice(0, 500);
  }
  if (earlier) await ctx.db.updateTable('reportRun').set(row).where('id', '=', row.id).execute();
  else await ctx.db.insertInto('reportRun').values(row).execute();
  ctx.audit({
    action: 'export',
    entity: 'reportRun',
    entityId: row.id,
    summary: row.status === 'ok' ? `Generated the scheduled ${report} report (${period.from} to ${period.to})` : `The scheduled ${report} report failed (attempt ${row.attempts}): ${row.error}`,
    details: { scheduleId: schedule.id, report, dueAt, from: period.from, to: period.to, status: row.status, path: row.path },
  });
  return row;
}

export const runHandlers: HandlerMap<'reports.runSchedules'> = {
  'reports.runSchedules': async ({ asOf }, ctx) => {
    const at = asOf === undefined ? ctx.now : new Date(asOf);
    if (at > ctx.now) throw fieldError('invalid_input', 'Scheduled reports are generated for now or a moment that has passed.', 'asOf');
    return { runs: await runDueSchedules(ctx, at) };
  },
};
