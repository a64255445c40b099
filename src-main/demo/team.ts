import { hhmm, isoOf } from '../../src-shared/time';
import type { Title } from './catalog';
import { DAY_MS, instantOf, type LocalDay, openingUnits, UNIT_MINUTES, UNITS_PER_DAY } from './calendar';
import type { DemoStaffIds } from './clinic';
import type { DemoContext } from './context';
import { commonLastNames, femaleFirstNames, maleFirstNames, otherLastNames } from './names';
import type { Random } from './random';

/** One practitioner's week: per weekday (index 1–7) the work interval and its lunch rest, in grid units. */
export interface WeekHours {
  start: number;
  end: number;
  restStart: number;
  restEnd: number;
}

export interface Practitioner {
  id: number;
  title: Title;
  displayName: string;
  /** Employed from this day index up to (not including) leftDay. */
  hiredDay: number;
  leftDay: number;
  active: boolean;
  week: (WeekHours | null)[];
}

/** A day's time off for the calendar grid: a practitioner away, different hours, or blocked time. */
export interface TimeOff {
  /** Practitioner index (in the team), or -1 for a device or the whole clinic. */
  staff: number;
  /** Device index, or -1. */
  device: number;
  kind: 'off' | 'hours' | 'block';
  from: number;
  to: number;
}

/** Practitioners hired after opening: 20 still here (30 active today with the 10 founders), 10 who left (med spas see turnover). */
const hires: readonly { title: Title; leaves?: true }[] = [
  { title: 'RN' }, { title: 'Aesthetician' }, { title: 'NP', leaves: true }, { title: 'Laser tech' }, { title: 'NP' },
  { title: 'RN' }, { title: 'Aesthetician', leaves: true }, { title: 'PA' }, { title: 'Aesthetician' }, { title: 'RN' },
  { title: 'Laser tech', leaves: true }, { title: 'NP' }, { title: 'Aesthetician' }, { title: 'RN', leaves: true }, { title: 'MD' },
  { title: 'Laser tech' }, { title: 'RN' }, { title: 'Aesthetician' }, { title: 'NP' }, { title: 'Aesthetician' },
  { title: 'Laser tech' }, { title: 'RN' }, { title: 'Aesthetician' }, { title: 'Aesthetician' },
  { title: 'RN', leaves: true }, { title: 'Aesthetician', leaves: true }, { title: 'NP', leaves: true }, { title: 'RN', leaves: true },
  { title: 'Laser tech', leaves: true }, { title: 'Aesthetician', leaves: true },
];

const usernamePrefix: Record<Title, string> = { MD: 'dr', NP: 'np', PA: 'pa', RN: 'rn', Aesthetician: 'est', 'Laser tech': 'laser' };

/**
 * Weekly patterns of a busy clinic, about 45–50 hours: four long days (opening to closing), five days on an
 * early or late shift of 10 hours, or six days of 9 hours (Saturdays whole).
 */
const patterns: readonly { days: readonly number[]; hours: number | null }[] = [
  { days: [1, 2, 4, 5], hours: null },
  { days: [2, 3, 4, 6], hours: null },
  { days: [1, 2, 3, 4, 5], hours: 10 },
  { days: [2, 3, 4, 5, 6], hours: 10 },
  { days: [1, 3, 4, 5, 6], hours: 10 },
  { days: [1, 2, 3, 4, 5, 6], hours: 9 },
  { days: [1, 2, 3, 4, 5, 6], hours: 9 },
];

function weekOf(rng: Random): (WeekHours | null)[] {
  const { days: workdays, hours } = rng.pick(patterns);
  const late = rng.chance(0.5);
  const lunch = rng.pick([13 * 60, 13 * 60 + 30, 14 * 60]) / UNIT_MINUTES;
  return Array.from({ length: 8 }, (_, weekday) => {
    const open = openingUnits[weekday];
    if (!open || !workdays.includes(weekday)) return null;
    const span = weekday === 6 || hours === null ? open[1] - open[0] : (hours * 60) / UNIT_MINUTES;
    const [start, end] = late ? [open[1] - span, open[1]] : [open[0], open[0] + span];
    // Saturdays are short: half an hour at 12:30; the late Thursday breaks at 15:00.
    const restStart = weekday === 6 ? (12 * 60 + 30) / UNIT_MINUTES : weekday === 4 ? (15 * 60) / UNIT_MINUTES : lunch;
    const restEnd = restStart + (weekday === 6 ? 6 : 9);
    return { start, end, restStart, restEnd };
  });
}

const ascii = (s: string) => s.normalize('NFKD').replace(/[^A-Za-z]/g, '').toLowerCase();

/**
 * The team over the decade: the founders from day one, then hires spread over the years (a few of whom
 * left again), each with weekly hours and a lunch rest (staffHours rows).
 */
export function writeTeam(ctx: DemoContext, staff: DemoStaffIds, days: readonly LocalDay[]): Practitioner[] {
  const { sqlite } = ctx;
  const rng = ctx.random('team');
  const todayIndex = days.findIndex((d) => d.baseMs + DAY_MS > ctx.now.getTime());
  const never = days.length + 1;
  const team: Practitioner[] = staff.founders.map((f) => ({ id: f.id, title: f.title as Title, displayName: f.displayName, hiredDay: 0, leftDay: never, active: true, week: weekOf(rng) }));

  const insertStaff = sqlite.prepare(
    `INSERT INTO staff (username, displayName, title, role, passwordHash, passwordChangedAt, active, createdAt, updatedAt)
     VALUES (?, ?, ?, 'practitioner', ?, ?, ?, ?, ?)`,
  );
  const usernames = new Set<string>(sqlite.prepare('SELECT username FROM staff').pluck().all() as string[]);
  hires.forEach((hire, i) => {
    const female = rng.chance(0.75);
    const first = rng.pick(female ? femaleFirstNames : maleFirstNames);
    const last = rng.chance(0.6) ? rng.pick(commonLastNames) : rng.pick(otherLastNames);
    let username = `${usernamePrefix[hire.title]}.${ascii(last) || 'staff'}`;
    for (let n = 2; usernames.has(username); n++) username = `${usernamePrefix[hire.title]}.${ascii(last)}${n}`;
    usernames.add(username);
    // The clinic grew fast in its first years: most of today's team was hired in the first two thirds of the decade.
    const hiredDay = Math.floor(todayIndex * (hire.leaves ? 0.05 + 0.5 * rng.next() : 0.03 + (0.7 * (i + rng.next())) / hires.length));
    const leftDay = hire.leaves ? Math.max(hiredDay + 1, Math.min(todayIndex - 30, hiredDay + Math.floor(todayIndex * (0.2 + 0.25 * rng.next())))) : never;
    const displayName = hire.title === 'MD' ? `Dr. ${first} ${last}` : `${first} ${last}`;
    const hiredAt = isoOf(days[hiredDay].baseMs + 9 * 3_600_000);
    const updatedAt = hire.leaves ? isoOf(days[leftDay].baseMs + 17 * 3_600_000) : ctx.nowIso;
    const id = Number(insertStaff.run(username, displayName, hire.title, ctx.passwordHash, hiredAt, hire.leaves ? 0 : 1, hiredAt, updatedAt).lastInsertRowid);
    team.push({ id, title: hire.title, displayName, hiredDay, leftDay, active: !hire.leaves, week: weekOf(rng) });
  });

  const insertHours = sqlite.prepare("INSERT INTO staffHours (staffId, weekday, startsAt, endsAt, kind) VALUES (?, ?, ?, ?, ?)");
  const clock = (unit: number) => hhmm(unit * UNIT_MINUTES);
  for (const p of team) {
    p.week.forEach((h, weekday) => {
      if (!h) return;
      insertHours.run(p.id, weekday, clock(h.start), clock(h.end), 'work');
      insertHours.run(p.id, weekday, clock(h.restStart), clock(h.restEnd), 'rest');
    });
  }
  return team;
}

/**
 * Holidays, sick days and changed hours (staffException), blocked time (training, team meetings, device
 * maintenance) and the clinic's closures on public holidays (block rows), returned per day for the grid.
 */
export function writeTimeOff(ctx: DemoContext, team: readonly Practitioner[], deviceIds: readonly number[], days: readonly LocalDay[]): Map<number, TimeOff[]> {
  const { sqlite } = ctx;
  const rng = ctx.random('timeOff');
  const byDay = new Map<number, TimeOff[]>();
  const add = (day: number, off: TimeOff) => {
    const list = byDay.get(day);
    if (list) list.push(off);
    else byDay.set(day, [off]);
  };
  const managerId = sqlite.prepare("SELECT id FROM staff WHERE username = 'manager'").pluck().get() as number | undefined;
  const insertException = sqlite.prepare('INSERT INTO staffException (staffId, date, kind, startsAt, endsAt, reason) VALUES (?, ?, ?, ?, ?, ?)');
  const insertBlock = sqlite.prepare(
    'INSERT INTO block (staffId, roomId, deviceId, startsAt, endsAt, kind, reason, createdBy, createdAt) VALUES (?, NULL, ?, ?, ?, ?, ?, ?, ?)',
  );
  const block = (day: LocalDay, staffIndex: number, deviceIndex: number, from: number, to: number, kind: string, reason: string) => {
    const startsMs = instantOf(day, from);
    const createdAt = isoOf(Math.min(ctx.now.getTime(), startsMs - rng.int(3, 30) * DAY_MS));
    insertBlock.run(staffIndex >= 0 ? team[staffIndex].id : null, deviceIndex >= 0 ? deviceIds[deviceIndex] : null, isoOf(startsMs), isoOf(instantOf(day, to)), kind, reason, managerId ?? null, createdAt);
    add(day.index, { staff: staffIndex, device: deviceIndex, kind: 'block', from, to });
  };
  const isOpen = (day: LocalDay) => !day.holiday && openingUnits[day.weekday] !== null;

  for (const day of days) {
    if (day.holiday && openingUnits[day.weekday]) block(day, -1, -1, 0, UNITS_PER_DAY, 'closure', `Closed: ${day.holiday}`);
    // The first Tuesday of the month opens an hour late for the team meeting.
    if (day.weekday === 2 && Number(day.date.slice(8)) <= 7 && isOpen(day)) block(day, -1, -1, (10 * 60) / UNIT_MINUTES, (11 * 60) / UNIT_MINUTES, 'meeting', 'Monthly team meeting');
    // The hair-removal laser is serviced every quarter, on the first Wednesday morning.
    if (day.weekday === 3 && Number(day.date.slice(8)) <= 7 && [1, 4, 7, 10].includes(Number(day.date.slice(5, 7))) && isOpen(day)) {
      block(day, -1, 0, (10 * 60) / UNIT_MINUTES, (13 * 60) / UNIT_MINUTES, 'maintenance', 'Laser service visit');
    }
  }

  team.forEach((p, staffIndex) => {
    const last = Math.min(p.leftDay, days.length) - 1;
    const workday = (from: number) => {
      for (let d = from; d <= last; d++) if (isOpen(days[d]) && p.week[days[d].weekday]) return d;
      return -1;
    };
    for (let year = p.hiredDay; year <= last; year += 365) {
      // A vacation of one or two weeks, a few sick days, an afternoon off and some training time a year.
      const vacationStart = workday(year + rng.int(30, 330));
      const vacationDays = rng.pick([5, 5, 10]);
      for (let d = vacationStart, n = 0; d >= 0 && d <= last && n < vacationDays; d++) {
        if (!isOpen(days[d]) || !p.week[days[d].weekday]) continue;
        insertException.run(p.id, days[d].date, 'off', null, null, 'Vacation');
        add(d, { staff: staffIndex, device: -1, kind: 'off', from: 0, to: 0 });
        n++;
      }
      for (let n = rng.int(1, 4); n > 0; n--) {
        const d = workday(year + rng.int(0, 364));
        if (d < 0) continue;
        insertException.run(p.id, days[d].date, 'off', null, null, 'Sick day');
        add(d, { staff: staffIndex, device: -1, kind: 'off', from: 0, to: 0 });
      }
      const early = workday(year + rng.int(0, 364));
      const hours = early >= 0 ? p.week[days[early].weekday] : null;
      if (hours) {
        const to = hours.restStart;
        insertException.run(p.id, days[early].date, 'hours', hhmm(hours.start * UNIT_MINUTES), hhmm(to * UNIT_MINUTES), 'Leaves early');
        add(early, { staff: staffIndex, device: -1, kind: 'hours', from: hours.start, to });
      }
      for (let n = rng.int(2, 5); n > 0; n--) {
        const d = workday(year + rng.int(0, 364));
        const h = d >= 0 ? p.week[days[d].weekday] : null;
        if (!h) continue;
        const from = h.end - rng.pick([12, 24]);
        block(days[d], staffIndex, -1, from, h.end, 'blocked', rng.pick(['Training', 'Admin time', 'Product rep visit']));
      }
    }
  });
  return byDay;
}
