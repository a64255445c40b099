import { isAbsolute, join } from 'node:path';
import { contract } from '../../../src-shared/contract/index';
import { type ReportName, type ReportRun, type ReportSchedule, reportLabels } from '../../../src-shared/contract/reports-output';
import { LumenError, fieldError } from '../../../src-shared/errors';
import { type PeriodPreset, periodPresetLabels, resolvePeriod } from '../../../src-shared/reports/period';
import { hhmm, isoOf, localDate, minutesOf } from '../../../src-shared/time';
import type { HandlerContext, HandlerMap } from '../../core/registry';
import type { ReportRunTable, ReportScheduleTable } from '../../core/schema-reports';
import { catalogueEntry, withPeriod } from '../catalogue';
import { nextDue } from './due';

const WEEKDAYS = ['', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
/** Keys a schedule never stores: its period preset gives them at each run. */
const DATE_KEYS = ['from', 'to', 'asOf'];

/** Where a schedule's files go: its own folder, else <data dir>/reports/scheduled. */
export const folderPathOf = (ctx: HandlerContext, folder: string): string => folder || join(ctx.runtime.dataDir, 'reports', 'scheduled');

export function runOf(row: ReportRunTable): ReportRun {
  return { id: row.id, scheduleId: row.scheduleId, report: row.report as ReportName, from: row.periodFrom, to: row.periodTo, dueAt: row.dueAt, ranAt: row.ranAt, status: row.status, attempts: row.attempts, path: row.path, error: row.error };
}

async function scheduleOf(ctx: HandlerContext, row: ReportScheduleTable): Promise<ReportSchedule> {
  const last = await ctx.db.selectFrom('reportRun').selectAll().where('scheduleId', '=', row.id).orderBy('dueAt', 'desc').limit(1).executeTakeFirst();
  const creator = row.createdBy === null ? undefined : await ctx.db.selectFrom('staff').select('displayName').where('id', '=', row.createdBy).executeTakeFirst();
  return {
    id: row.id,
    report: row.report as ReportName,
    input: JSON.parse(row.input) as Record<string, unknown>,
    period: row.period as PeriodPreset,
    weekday: row.weekday,
    time: row.time,
    folder: row.folder,
    folderPath: folderPathOf(ctx, row.folder),
    paper: row.paper,
    active: row.active === 1,
    createdBy: creator?.displayName ?? null,
    createdAt: row.createdAt,
    nextDueAt: row.active ? isoOf(nextDue(row, ctx.now.getTime(), ctx.clinic().timeZone)) : null,
    lastRun: last ? runOf(last) : null,
  };
}

/** A schedule's input is checked now, with the period it would get today, so a bad one never waits for Monday. */
function checkInput(ctx: HandlerContext, report: ReportName, input: Record<string, unknown>, period: PeriodPreset): void {
  const entry = catalogueEntry(report);
  const def = contract[entry.method];
  if (def.permission && !ctx.can(def.permission)) throw new LumenError('forbidden', 'You do not have permission for this report.', { permission: def.permission });
  const dated = DATE_KEYS.find((key) => key in input);
  if (dated) throw fieldError('invalid_input', 'A schedule’s dates come from its period; leave them out of the report’s settings.', `input.${dated}`);
  const today = localDate(ctx.now, ctx.clinic().timeZone);
  const parsed = def.input.safeParse(withPeriod(entry, input, resolvePeriod(period, today)));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw fieldError('invalid_input', 'Check the report’s settings.', ['input', ...issue.path.map(String)].join('.'), issue.message);
  }
}

const describe = (s: { report: ReportName; period: PeriodPreset; weekday: number; time: string }) =>
  `${reportLabels[s.report]} (${periodPresetLabels[s.period].toLowerCase()}) every ${WEEKDAYS[s.weekday]} at ${s.time}`;

export const scheduleHandlers: HandlerMap<'reports.schedules' | 'reports.saveSchedule' | 'reports.deleteSchedule' | 'reports.runs'> = {
  'reports.schedules': async (_input, ctx) => {
    const rows = await ctx.db.selectFrom('reportSchedule').selectAll().orderBy('weekday').orderBy('time').orderBy('id').execute();
    return Promise.all(rows.map((row) => scheduleOf(ctx, row)));
  },

  'reports.saveSchedule': async ({ id, report, input, period, weekday, time, folder, paper, active }, ctx) => {
    if (folder && !isAbsolute(folder)) throw fieldError('invalid_input', 'Give the whole folder path (for example C:\\Reports or /Users/anna/Reports), or leave it empty.', 'folder');
    checkInput(ctx, report, input, period);
    const before = id === undefined ? undefined : await ctx.db.selectFrom('reportSchedule').selectAll().where('id', '=', id).executeTakeFirst();
    if (id !== undefined && !before) throw fieldError('not_found', 'That scheduled report no longer exists.', 'id');
    const now = ctx.now.toISOString();
    const fields = { report, input: JSON.stringify(input), period, weekday, time: hhmm(minutesOf(time)), folder, paper, active: active ? (1 as const) : (0 as const), updatedAt: now };
    let row: ReportScheduleTable;
    if (before) {
      await ctx.db.updateTable('reportSchedule').set(fields).where('id', '=', before.id).execute();
      row = { ...before, ...fields };
    } else {
      row = { id: ctx.newId('reportSchedule'), ...fields, createdBy: ctx.requireSession().staffId, createdAt: now };
      await ctx.db.insertInto('reportSchedule').values(row).execute();
    }
    ctx.audit({ action: before ? 'update' : 'create', entity: 'reportSchedule', entityId: row.id, summary: `${before ? 'Changed' : 'Scheduled'} ${describe({ report, period, weekday, time: row.time })}${active ? '' : ' (paused)'}`, details: { before: before ?? null, after: row } });
    return scheduleOf(ctx, row);
  },

  'reports.deleteSchedule': async ({ id }, ctx) => {
    const row = await ctx.db.selectFrom('reportSchedule').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw fieldError('not_found', 'That scheduled report no longer exists.', 'id');
    await ctx.db.deleteFrom('reportSchedule').where('id', '=', id).execute();
    ctx.audit({ action: 'archive', entity: 'reportSchedule', entityId: id, summary: `Removed the scheduled ${describe({ ...row, report: row.report as ReportName, period: row.period as PeriodPreset })}`, details: { before: row } });
    return { ok: true as const };
  },

  'reports.runs': async ({ scheduleId, limit, offset }, ctx) => {
    let query = ctx.db.selectFrom('reportRun');
    if (scheduleId !== undefined) query = query.where('scheduleId', '=', scheduleId);
    const rows = await query.selectAll().orderBy('ranAt', 'desc').orderBy('id', 'desc').limit(limit).offset(offset).execute();
    const { total } = await query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
    return { total, rows: rows.map(runOf) };
  },
};
