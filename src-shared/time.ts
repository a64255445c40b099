
/** True when the runtime knows this IANA time zone. */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone.includes('/') || zone === 'UTC';
  } catch {
    return false;
  }
}

const QUARTER_HOUR = 900_000;
const DAY_MS = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();
const offsets = new Map<string, Map<number, number>>();

/**
 * The zone's UTC offset (ms) at an instant. Offsets only change on quarter-hour boundaries, so each quarter hour is
 * computed once with Intl and then remembered: calendar code asks this thousands of times per call.
 */
export function zoneOffsetMs(instant: number, timeZone: string): number {
  let byQuarter = offsets.get(timeZone);
  if (!byQuarter) offsets.set(timeZone, (byQuarter = new Map()));
  const quarter = Math.floor(instant / QUARTER_HOUR);
  let offset = byQuarter.get(quarter);
  if (offset === undefined) {
    let formatter = formatters.get(timeZone);
    if (!formatter) {
      formatter = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
      formatters.set(timeZone, formatter);
    }
    const at = quarter * QUARTER_HOUR;
    const part: Record<string, number> = {};
    for (const p of formatter.formatToParts(at)) if (p.type !== 'literal') part[p.type] = Number(p.value);
    offset = Date.UTC(part.year, part.month - 1, part.day, part.hour, part.minute, part.second) - at;
    if (byQuarter.size > 50_000) byQuarter.clear();
    byQuarter.set(quarter, offset);
  }
  return offset;
}

/**
 * The instant of a wall-clock time in a zone, given as "that wall time read as UTC" (ms). A time skipped by the
 * spring change moves forward by the gap (02:30 → 03:30); a time that happens twice in autumn is the first one.
 */
export function wallClockToInstant(wallAsUtc: number, timeZone: string): number {
  const before = zoneOffsetMs(wallAsUtc - DAY_MS, timeZone);
  const after = zoneOffsetMs(wallAsUtc + DAY_MS, timeZone);
  const early = wallAsUtc - before;
  const late = wallAsUtc - after;
  const earlyValid = zoneOffsetMs(early, timeZone) === before;
  const lateValid = zoneOffsetMs(late, timeZone) === after;
  if (earlyValid && lateValid) return Math.min(early, late);
  if (lateValid) return late;
  return early;
}

/** The wall clock of an instant in a zone, as "that wall time read as UTC" (use the getUTC… methods on it). */
export function instantToWallClock(instant: number, timeZone: string): Date {
  return new Date(instant + zoneOffsetMs(instant, timeZone));
}

/** The clinic-local calendar date (YYYY-MM-DD) of an instant. */
export function localDate(instant: Date | string, timeZone: string): string {
  return instantToWallClock(new Date(instant).getTime(), timeZone).toISOString().slice(0, 10);
}

/** The UTC instant at which a clinic-local calendar day starts (handles 23- and 25-hour days). */
export function startOfLocalDay(date: string, timeZone: string): Date {
  return new Date(wallClockToInstant(Date.parse(`${date}T00:00:00Z`), timeZone));
}

/** [start, end) of a clinic-local day as UTC instants. */
export function localDayRange(date: string, timeZone: string): { start: Date; end: Date } {
  return { start: startOfLocalDay(date, timeZone), end: startOfLocalDay(addCalendarDays(date, 1), timeZone) };
}

/** Adds whole calendar days to a YYYY-MM-DD date (no time zone involved). */
export function addCalendarDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole years between a date of birth and a calendar date. */
export function ageOn(dateOfBirth: string, onDate: string): number {
  const [by, bm, bd] = dateOfBirth.split('-').map(Number);
  const [y, m, d] = onDate.split('-').map(Number);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}
