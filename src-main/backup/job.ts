import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import type { Job } from '../core/scheduler';
import type { Runtime } from '../core/runtime';
import { addCalendarDays, localDate, startOfLocalDay } from '../../src-shared/time';
import { runBackup } from './run';

const RUN_AT = '02:00';
const QUARTER_HOUR_MS = 15 * 60_000;

function timeZoneOf(runtime: Runtime): string {
  return runtime.clinicRow()?.timeZone ?? 'UTC';
}

/**
 * The first instant of a clinic-local day whose wall clock reads `time` or later. On a spring-forward day a
 * skipped 02:00 becomes the first valid instant after the gap (03:00); on a fall-back day it is the first of the
 * two 02:00s. Offsets change on quarter hours, so walking the day in quarter hours finds it exactly.
 */
export function firstInstantAtOrAfter(date: string, time: string, timeZone: string): Date {
  const target = `${date} ${time}`;
  for (let t = startOfLocalDay(date, timeZone).getTime(); ; t += QUARTER_HOUR_MS) {
    if (format(new TZDate(t, timeZone), 'yyyy-MM-dd HH:mm') >= target) return new Date(t);
  }
}

/** The next 02:00 clinic-local time strictly after `after`. */
export function nextNightlyRun(after: Date, timeZone: string): Date {
  const today = localDate(after, timeZone);
  const tonight = firstInstantAtOrAfter(today, RUN_AT, timeZone);
  return tonight > after ? tonight : firstInstantAtOrAfter(addCalendarDays(today, 1), RUN_AT, timeZone);
}

/** Nightly backup at 02:00 clinic time; the one taken on a (clinic-local) Sunday is kept as the weekly. */
export const backupJob: Job = {
  name: 'backup',
  label: 'Nightly backup',
  nextRunAfter: (after, runtime) => nextNightlyRun(after, timeZoneOf(runtime)),
  async run(runtime) {
    const sunday = new TZDate(runtime.clock.now().getTime(), timeZoneOf(runtime)).getDay() === 0;
    const file = await runBackup(runtime, { kind: sunday ? 'weekly' : 'daily' });
    return `Saved ${file.file}`;
  },
};
