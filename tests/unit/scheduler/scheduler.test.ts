import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openLumen, type Lumen } from '../../../src-main/app';
import { listBackups } from '../../../src-main/backup/index';
import { OWNER, openTestClinic, type TestClinic } from '../../support/clinic';

let clinic: TestClinic;
afterEach(async () => {
  await clinic?.close();
});

/** Lets the scheduler look at every step from now until `until`, as its once-a-minute timer would. */
async function runClockUntil(c: TestClinic, until: string, step: { minutes?: number; hours?: number }): Promise<void> {
  const end = new Date(until).getTime();
  for (;;) {
    await c.lumen.scheduler.tick();
    if (c.clock.now().getTime() >= end) return;
    c.clock.advance(step);
  }
}

/** When each backup ran, from the audit log (the clinic clock stands still while a backup runs). */
function backupRuns(lumen: Lumen): { at: string; kind: string }[] {
  return (lumen.runtime.sqlite.prepare("SELECT at, details FROM audit WHERE action = 'backup' ORDER BY id").all() as { at: string; details: string }[]).map(
    (r) => ({ at: r.at, kind: JSON.parse(r.details).kind }),
  );
}

describe('nightly backup', () => {
  it('keeps exactly 7 daily and 4 weekly backups after 40 days', async () => {
    clinic = await openTestClinic({ now: '2026-03-02T09:00:00Z' });
    await runClockUntil(clinic, '2026-04-11T09:00:00Z', { hours: 1 });

    // The first tick catches up on the never-run job; then one run every night at 02:00 Berlin time.
    expect(backupRuns(clinic.lumen)).toHaveLength(41);
    const kept = listBackups(clinic.lumen.runtime);
    const daily = kept.filter((b) => b.kind === 'daily').map((b) => b.file);
    const weekly = kept.filter((b) => b.kind === 'weekly').map((b) => b.file);
    expect(daily).toEqual([
      'lumen-daily-20260411-000000.sqlite3',
      'lumen-daily-20260410-000000.sqlite3',
      'lumen-daily-20260409-000000.sqlite3',
      'lumen-daily-20260408-000000.sqlite3',
      'lumen-daily-20260407-000000.sqlite3',
      'lumen-daily-20260406-000000.sqlite3',
      'lumen-daily-20260404-000000.sqlite3',
    ]);
    expect(weekly).toEqual([
      'lumen-weekly-20260405-000000.sqlite3',
      'lumen-weekly-20260329-010000.sqlite3',
      'lumen-weekly-20260322-010000.sqlite3',
      'lumen-weekly-20260315-010000.sqlite3',
    ]);
    expect(kept).toHaveLength(11);
    // 960 hourly ticks, each running every job that is due (each one a committed write): more than the default 30 s on a busy CI machine.
  }, 90_000);

  it('runs once at start-up after the clinic was closed over the weekend, not once per missed night', async () => {
    clinic = await openTestClinic({ now: '2026-03-06T01:30:00Z' }); // Friday 02:30 in Berlin
    await clinic.lumen.scheduler.tick();
    expect(backupRuns(clinic.lumen)).toHaveLength(1);
    await clinic.lumen.close();

    clinic.clock.set('2026-03-09T07:00:00Z'); // Monday 08:00: Saturday, Sunday and Monday 02:00 were missed
    const monday = await openLumen({ dataDir: clinic.dataDir, clock: clinic.clock, startScheduler: true });
    await monday.scheduler.idle(); // the catch-up runs in the background while the clinic opens
    try {
      expect(backupRuns(monday)).toEqual([
        { at: '2026-03-06T01:30:00.000Z', kind: 'daily' },
        { at: '2026-03-09T07:00:00.000Z', kind: 'daily' },
      ]);
      expect(monday.scheduler.list().find((job) => job.name === 'backup')).toEqual(
        expect.objectContaining({ name: 'backup', lastRunAt: '2026-03-09T07:00:00.000Z', lastOutcome: 'ok', nextRunAt: '2026-03-10T01:00:00.000Z', running: false }),
      );
    } finally {
      await monday.close();
    }
  });

  it('runs once on the spring-forward day in Berlin, at 03:00 because 02:00 does not exist', async () => {
    clinic = await openTestClinic({ now: '2026-03-28T00:30:00Z', timeZone: 'Europe/Berlin' });
    await runClockUntil(clinic, '2026-03-29T23:55:00Z', { minutes: 5 });

    expect(backupRuns(clinic.lumen)).toEqual([
      { at: '2026-03-28T00:30:00.000Z', kind: 'daily' }, // the first tick: never ran
      { at: '2026-03-28T01:00:00.000Z', kind: 'daily' }, // Saturday 02:00 CET
      { at: '2026-03-29T01:00:00.000Z', kind: 'weekly' }, // Sunday 03:00 CEST, the first instant after the gap
    ]);
  });

  it('runs once on the fall-back day in Berlin, at the first of the two 02:00s', async () => {
    clinic = await openTestClinic({ now: '2026-10-24T12:00:00Z', timeZone: 'Europe/Berlin' });
    await runClockUntil(clinic, '2026-10-26T03:00:00Z', { minutes: 5 });

    expect(backupRuns(clinic.lumen)).toEqual([
      { at: '2026-10-24T12:00:00.000Z', kind: 'daily' },
      { at: '2026-10-25T00:00:00.000Z', kind: 'weekly' }, // Sunday 02:00 CEST; 02:00 CET an hour later is skipped
      { at: '2026-10-26T01:00:00.000Z', kind: 'daily' }, // Monday 02:00 CET
    ]);
  });

  it('follows the clinic time zone', async () => {
    clinic = await openTestClinic({ now: '2026-03-02T12:00:00Z', timeZone: 'America/New_York' });
    await runClockUntil(clinic, '2026-03-03T12:00:00Z', { minutes: 15 });
    expect(backupRuns(clinic.lumen).map((r) => r.at)).toEqual(['2026-03-02T12:00:00.000Z', '2026-03-03T07:00:00.000Z']);
  });
});

describe('scheduler', () => {
  it('runs nothing before the clinic is set up', async () => {
    clinic = await openTestClinic({ empty: true });
    await clinic.lumen.scheduler.tick();
    expect(clinic.count('schedulerJob')).toBe(0);
    expect(listBackups(clinic.lumen.runtime)).toEqual([]);
  });

  it('"Run now" starts the job, refuses a second start while it runs, and records the outcome', async () => {
    clinic = await openTestClinic({ now: '2026-03-02T09:00:00Z' });

    const started = await clinic.call('scheduler.runNow', { name: 'backup' });
    expect(started).toMatchObject({ name: 'backup', label: 'Nightly backup', running: true });
    await expect(clinic.call('scheduler.runNow', { name: 'backup' })).rejects.toMatchObject({ code: 'conflict' });
    await expect(clinic.call('scheduler.runNow', { name: 'laundry' })).rejects.toMatchObject({ code: 'not_found' });
    await clinic.lumen.scheduler.idle();

    expect((await clinic.call('scheduler.jobs')).filter((job) => job.name === 'backup')).toEqual([
      {
        name: 'backup',
        label: 'Nightly backup',
        enabled: true,
        lastRunAt: '2026-03-02T09:00:00.000Z',
        lastOutcome: 'ok',
        lastMessage: 'Saved lumen-daily-20260302-090000.sqlite3',
        nextRunAt: '2026-03-03T01:00:00.000Z',
        running: false,
      },
    ]);
  });

  it('does not run a switched-off job, and switching it back on waits for the next night', async () => {
    clinic = await openTestClinic({ now: '2026-03-02T09:00:00Z' });
    await clinic.lumen.scheduler.tick();
    await clinic.call('scheduler.setEnabled', { name: 'backup', enabled: false });
    await runClockUntil(clinic, '2026-03-05T09:00:00Z', { hours: 1 });
    expect(backupRuns(clinic.lumen)).toHaveLength(1);

    await clinic.call('auth.unlock', { password: OWNER.password }); // three idle days locked the desk
    await clinic.call('scheduler.setEnabled', { name: 'backup', enabled: true });
    await clinic.lumen.scheduler.tick();
    expect(backupRuns(clinic.lumen)).toHaveLength(1);
    expect((await clinic.call('scheduler.jobs'))[0]).toMatchObject({ enabled: true, nextRunAt: '2026-03-06T01:00:00.000Z' });
    await runClockUntil(clinic, '2026-03-06T02:00:00Z', { hours: 1 });
    expect(backupRuns(clinic.lumen).map((r) => r.at)).toEqual(['2026-03-02T09:00:00.000Z', '2026-03-06T01:00:00.000Z']);
  });

  it('records a failed run with its reason and tries again the next night', async () => {
    clinic = await openTestClinic({ now: '2026-03-02T09:00:00Z' });
    const blocker = join(clinic.dataDir, 'blocker');
    writeFileSync(blocker, 'not a folder');
    await clinic.call('settings.update', { backupFolder: join(blocker, 'backups') });

    await clinic.lumen.scheduler.tick();
    expect(clinic.lumen.scheduler.list()[0]).toMatchObject({ lastOutcome: 'failed', lastMessage: expect.stringMatching(/ENOTDIR|not a directory/i), nextRunAt: '2026-03-03T01:00:00.000Z' });

    rmSync(blocker);
    await runClockUntil(clinic, '2026-03-03T01:00:00Z', { hours: 1 });
    expect(clinic.lumen.scheduler.list()[0]).toMatchObject({ lastOutcome: 'ok', lastRunAt: '2026-03-03T01:00:00.000Z' });
  });
});
