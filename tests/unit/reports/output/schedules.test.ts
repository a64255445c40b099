import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { reportSchedulesJob } from '../../../../src-main/reports/index';
import { openTestClinic, type TestClinic } from '../../../support/clinic';
import { pdfText } from '../../../support/pdf-text';
import { errorOf } from '../../scheduling/calendar';
import { travel } from '../../retention/support';

const open: TestClinic[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.close()));
});

/** A New York clinic on Wednesday 4 March 2026 (winter time; summer time starts Sunday 8 March). */
async function newYork(now = '2026-03-04T15:00:00Z') {
  const clinic = await openTestClinic({ now, timeZone: 'America/New_York', country: 'US', currency: 'USD' });
  open.push(clinic);
  const job = reportSchedulesJob((fn) => clinic.lumen.registry.exclusive(fn));
  return {
    clinic,
    /** What the background job does at the current clock. */
    tick: () => job.run(clinic.lumen.runtime),
    runs: async () => (await clinic.call('reports.runs', {})).rows,
  };
}

const mondayDelinquency = { report: 'delinquency', period: 'thisWeek', weekday: 1, time: '07:00' } as const;

describe('scheduled reports', () => {
  it('fall due Monday 07:00 New York time on both sides of a DST change, once each', async () => {
    const { clinic, tick, runs } = await newYork();
    const schedule = await clinic.call('reports.saveSchedule', mondayDelinquency);
    // Monday 9 March, the first day of summer time: 07:00 EDT is 11:00 UTC.
    expect(schedule.nextDueAt).toBe('2026-03-09T11:00:00.000Z');
    await travel(clinic, '2026-03-09T10:59:00Z');
    expect(await tick()).toBe('No scheduled report was due.');
    await travel(clinic, '2026-03-09T11:00:00Z');
    expect(await tick()).toBe('1 report generated.');
    expect(await runs()).toEqual([expect.objectContaining({ report: 'delinquency', dueAt: '2026-03-09T11:00:00.000Z', ranAt: '2026-03-09T11:00:00.000Z', from: '2026-03-09', to: '2026-03-09', status: 'ok', attempts: 1 })]);
    await travel(clinic, '2026-03-09T11:01:00Z');
    expect(await tick()).toBe('No scheduled report was due.');

    // Monday 2 November, the day after summer time ends: 07:00 EST is 12:00 UTC, not 11:00.
    await travel(clinic, '2026-11-02T11:30:00Z');
    const { runs: early } = await clinic.call('reports.runSchedules', {});
    // 06:30 on 2 November is still before 07:00: the latest occurrence is Monday 26 October, 07:00 EDT.
    expect(early.map((run) => run.dueAt)).toEqual(['2026-10-26T11:00:00.000Z']);
    await travel(clinic, '2026-11-02T12:00:00Z');
    expect((await clinic.call('reports.runSchedules', {})).runs.map((run) => run.dueAt)).toEqual(['2026-11-02T12:00:00.000Z']);
    expect((await clinic.call('reports.schedules', {}))[0].nextDueAt).toBe('2026-11-09T12:00:00.000Z');
  });

  it('catch up a missed week once, not once per missed Monday, with the period of the Monday it was due', async () => {
    const { clinic, tick, runs } = await newYork();
    const folder = mkdtempSync(join(clinic.dataDir, 'scheduled-'));
    await clinic.call('reports.saveSchedule', { ...mondayDelinquency, folder });
    // The computer was off from Wednesday 4 March to Tuesday 31 March: four Mondays passed.
    await travel(clinic, '2026-03-31T14:00:00Z');
    expect(await tick()).toBe('1 report generated.');
    expect(await tick()).toBe('No scheduled report was due.');
    const [run] = await runs();
    expect(run).toMatchObject({ dueAt: '2026-03-30T11:00:00.000Z', ranAt: '2026-03-31T14:00:00.000Z', from: '2026-03-30', to: '2026-03-30', status: 'ok' });
    expect(readdirSync(folder)).toEqual(['delinquency-2026-03-30_2026-03-30-20260331-100000.pdf']);
    expect(run.path).toBe(join(folder, 'delinquency-2026-03-30_2026-03-30-20260331-100000.pdf'));
    const pdf = pdfText(readFileSync(run.path!));
    expect(pdf.text).toContain('Lumen Test Clinic');
    expect(pdf.text).toContain('Nobody is overdue');
    // A US clinic prints on Letter.
    expect(pdf.sizes[0]).toEqual([792, 612]);
    const audit = clinic.lumen.runtime.sqlite.prepare("SELECT staffName, summary FROM audit WHERE entity = 'reportRun'").all();
    expect(audit).toEqual([{ staffName: 'scheduled reports', summary: 'Generated the scheduled delinquency report (2026-03-30 to 2026-03-30)' }]);
  });

  it('record a failed run with its reason, retry it at the next ticks (three tries in all), and succeed once the folder is fixed', async () => {
    const { clinic, tick, runs } = await newYork();
    const base = mkdtempSync(join(clinic.dataDir, 'scheduled-'));
    writeFileSync(join(base, 'not-a-folder'), 'x');
    const broken = join(base, 'not-a-folder', 'reports');
    const schedule = await clinic.call('reports.saveSchedule', { ...mondayDelinquency, folder: broken });
    await travel(clinic, '2026-03-09T11:05:00Z');
    expect(await tick()).toBe('0 reports generated, 1 failed.');
    expect(await runs()).toEqual([expect.objectContaining({ status: 'failed', attempts: 1, path: null, error: expect.stringMatching(/ENOTDIR|EEXIST/) })]);
    await travel(clinic, { seconds: 60 });
    await tick();
    await travel(clinic, { seconds: 60 });
    await tick();
    expect(await tick()).toBe('No scheduled report was due.');
    expect(await runs()).toEqual([expect.objectContaining({ status: 'failed', attempts: 3 })]);

    // Next Monday, with a folder that works: the new occurrence is made.
    const good = join(base, 'good');
    await clinic.call('reports.saveSchedule', { id: schedule.id, ...mondayDelinquency, folder: good });
    await travel(clinic, '2026-03-16T11:05:00Z');
    expect(await tick()).toBe('1 report generated.');
    expect((await runs())[0]).toMatchObject({ dueAt: '2026-03-16T11:00:00.000Z', status: 'ok', attempts: 1 });
    expect(readdirSync(good)).toHaveLength(1);
  });

  it('a run that failed once succeeds on the retry in the same row', async () => {
    const { clinic, tick, runs } = await newYork();
    const base = mkdtempSync(join(clinic.dataDir, 'scheduled-'));
    writeFileSync(join(base, 'blocked'), 'x');
    const schedule = await clinic.call('reports.saveSchedule', { ...mondayDelinquency, folder: join(base, 'blocked') });
    await travel(clinic, '2026-03-09T11:05:00Z');
    await tick();
    await clinic.call('reports.saveSchedule', { id: schedule.id, ...mondayDelinquency, folder: join(base, 'fine') });
    await tick();
    expect(await runs()).toEqual([expect.objectContaining({ dueAt: '2026-03-09T11:00:00.000Z', status: 'ok', attempts: 2, error: null })]);
  });

  it('list, pause and delete schedules; a deleted schedule’s files stay listed', async () => {
    const { clinic, tick, runs } = await newYork();
    const monday = await clinic.call('reports.saveSchedule', mondayDelinquency);
    const friday = await clinic.call('reports.saveSchedule', { ...mondayDelinquency, weekday: 5, time: '18:00', active: false });
    const list = await clinic.call('reports.schedules', {});
    expect(list.map((s) => [s.id, s.active, s.nextDueAt, s.createdBy, s.folderPath])).toEqual([
      [monday.id, true, '2026-03-09T11:00:00.000Z', 'Olivia Owner', join(clinic.dataDir, 'reports', 'scheduled')],
      [friday.id, false, null, 'Olivia Owner', join(clinic.dataDir, 'reports', 'scheduled')],
    ]);
    await travel(clinic, '2026-03-13T23:30:00Z');
    await tick();
    expect((await runs()).map((run) => run.scheduleId)).toEqual([monday.id]);
    await clinic.call('reports.deleteSchedule', { id: monday.id });
    expect((await clinic.call('reports.schedules', {})).map((s) => s.id)).toEqual([friday.id]);
    expect(await runs()).toEqual([expect.objectContaining({ scheduleId: null, report: 'delinquency', status: 'ok' })]);
    expect(existsSync((await runs())[0].path!)).toBe(true);
  });

  it('refuse a relative folder, dates in the input, a bad weekday or time, front desk, a future asOf — changing nothing', async () => {
    const { clinic } = await newYork();
    const refusals = [
      [{ ...mondayDelinquency, folder: 'reports' }, 'folder'],
      [{ ...mondayDelinquency, input: { asOf: '2026-03-09' } }, 'input.asOf'],
      [{ ...mondayDelinquency, input: { bands: ['1000+'] } }, 'input.bands.0'],
      [{ ...mondayDelinquency, weekday: 8 }, 'weekday'],
      [{ ...mondayDelinquency, time: '24:00' }, 'time'],
      [{ ...mondayDelinquency, period: 'someday' }, 'period'],
    ] as const;
    for (const [input, field] of refusals) {
      const error = await errorOf(clinic.call('reports.saveSchedule', input as never));
      expect(error.code, field).toBe('invalid_input');
      expect(Object.keys((error.details as { fieldErrors: object }).fieldErrors), field).toEqual([field]);
    }
    expect((await errorOf(clinic.call('reports.saveSchedule', { ...mondayDelinquency, id: 999 }))).code).toBe('not_found');
    expect((await errorOf(clinic.call('reports.deleteSchedule', { id: 999 }))).code).toBe('not_found');
    expect((await errorOf(clinic.call('reports.runSchedules', { asOf: '2026-03-05T00:00:00Z' }))).code).toBe('invalid_input');
    const desk = await clinic.as('frontDesk');
    expect((await errorOf(desk.call('reports.saveSchedule', mondayDelinquency))).code).toBe('forbidden');
    expect((await errorOf(desk.call('reports.runs', {}))).code).toBe('forbidden');
    expect(clinic.count('reportSchedule')).toBe(0);
    expect(clinic.count('reportRun')).toBe(0);
  });
});
