import type { AppointmentStatus, VisitType } from '../../src-shared/contract/scheduling';
import type { BulkWriter } from '../core/bulk-writer';
import { hhmm, isoOf } from '../../src-shared/time';
import { DAY_MS, DEMO_TIME_ZONE, instantOf, type LocalDay, UNIT_MINUTES } from './calendar';
import type { DemoCatalog, DemoService } from './catalog';
import { chartContent, LotBook } from './charts';
import type { ChartUses } from './stock';
import type { DemoStaffIds } from './clinic';
import type { DemoContext } from './context';
import { calendarGrid, type Segment } from './grid';
import type { DemoResources } from './resources';
import type { Practitioner, TimeOff } from './team';

/** Treatment categories patients come back for, with how likely they keep coming after each visit. */
const CATEGORIES = ['neurotoxin', 'filler', 'peel', 'hydrafacial', 'laserHair', 'ipl', 'microneedling', 'body'] as const;
type CategoryKey = (typeof CATEGORIES)[number];
const C = CATEGORIES.length;
const LASER = CATEGORIES.indexOf('laserHair');
const FILLER = CATEGORIES.indexOf('filler');
const NEUROTOXIN = CATEGORIES.indexOf('neurotoxin');
/** [first-interest weight, odds of a second interest, odds of returning after each visit] */
const appetite: Record<CategoryKey, readonly [number, number, number]> = {
  neurotoxin: [40, 0.55, 0.97],
  filler: [14, 0.45, 0.93],
  peel: [8, 0.35, 0.94],
  hydrafacial: [10, 0.4, 0.95],
  laserHair: [11, 0.15, 0.5],
  ipl: [5, 0.15, 0.9],
  microneedling: [7, 0.3, 0.93],
  body: [5, 0.1, 0.8],
};
const SERIES_LENGTH = 6;
const SERIES_EVERY_WEEKS = 6;
/** Patients book ahead: about 8 weeks of the future calendar is filled. */
const BOOKING_HORIZON_DAYS = 56;
const MAX_ATTEMPTS = 16;

const cancelReasons = ['Feeling unwell', 'Work conflict', 'Travelling', 'Childcare', 'Rescheduling', 'Changed mind', 'Weather', 'Family emergency'];
const frontDeskNotes = ['Prefers the window room', 'Numbing cream 30 min before', 'Running late often; call the day before', 'Bring previous photos', 'Parking validation', 'Interpreter: Spanish'];

const REQ_FIRST = 0;
const REQ_REGULAR = 1;
const REQ_RECHECK = 2;

export interface CalendarCounts {
  appointments: number;
  segments: number;
  series: number;
  charts: number;
  chartsSince: string;
}

export interface CalendarOptions {
  chunkDays: number;
  /** Charts are written for completed treatments from this instant on (null: the whole history). */
  chartsFrom: Date | null;
  /** Collects what each signed chart injected from which lot, for the stock ledger. */
  chartUses?: ChartUses;
  /** Writes the rows while the simulation goes on; the rows are committed once `writer.drained()` resolves. */
  writer: BulkWriter;
  onProgress?(doneDays: number, totalDays: number): void;
}

/**
 * Ten years of the calendar, simulated day by day so nothing is double-booked: each practitioner, room and device
 * has a grid of 5-minute units per day (closed outside their hours, rest, time off and blocks), and every visit is
 * fitted into it. Patients come back per their categories' maintenance intervals until they lapse; laser hair
 * removal runs as series of six; ~4% no-shows and ~8% cancellations free their time again (live = 0).
 * Rows are written in day order by the writer thread, in one transaction per `chunkDays`.
 */
export async function writeCalendar(
  ctx: DemoContext,
  inputs: { staff: DemoStaffIds; catalog: DemoCatalog; team: readonly Practitioner[]; resources: DemoResources; days: readonly LocalDay[]; timeOff: Map<number, TimeOff[]> },
  options: CalendarOptions,
): Promise<CalendarCounts> {
  const { sqlite } = ctx;
  const { writer } = options;
  const { staff, catalog, team, resources, days, timeOff } = inputs;
  const rng = ctx.random('appointments');
  const chartRng = ctx.random('charts');
  const lots = new LotBook(chartRng);
  const nowMs = ctx.now.getTime();
  const today = days.findIndex((d) => d.baseMs + DAY_MS > nowMs);
  const lastBookable = Math.min(days.length - 1, today + BOOKING_HORIZON_DAYS);
  const chartsFromMs = options.chartsFrom?.getTime() ?? -Infinity;

  /* ── services and who may perform them ── */
  const bookable = catalog.services.filter((s) => s.kind === 'treatment' || s.kind === 'consult');
  const byCategory = CATEGORIES.map((key) => bookable.filter((s) => s.categoryKey === key && s.kind === 'treatment'));
  const serviceNamed = (name: string) => bookable.find((s) => s.name === name)!;
  const consults = {
    free: serviceNamed('Complimentary consultation'),
    medical: serviceNamed('Medical aesthetic consultation'),
    laser: serviceNamed('Laser & skin consultation'),
    followUp: serviceNamed('Follow-up visit'),
  };
  /** Which of a patient's remembered providers a service uses: injector, skin, energy. */
  const groupOf = (s: DemoService) => (s.providers.includes('MD') || s.categoryKey === 'consult' ? 0 : s.providers.includes('Laser tech') ? 2 : 1);
  const categoryIndex = new Map<string, number>(CATEGORIES.map((k, i) => [k, i]));

  const grid = calendarGrid({ team, resources, days, timeOff, bookable });

  /* ── patients ── */
  const patients = sqlite.prepare('SELECT id, createdAt FROM patient ORDER BY id').all() as { id: number; createdAt: string }[];
  const N = patients.length;
  const createdMs = new Float64Array(N + 1);
  const firstCompleted = new Float64Array(N + 1).fill(Infinity);
  const categoryCompleted = new Float64Array((N + 1) * C).fill(Infinity);
  /** Day a category is next due; -1: not interested or lapsed. */
  const nextDue = new Int32Array((N + 1) * C).fill(-1);
  const favourite = new Int16Array((N + 1) * C);
  const preferred = new Int16Array((N + 1) * 3).fill(-1);
  const wishUnit = new Uint16Array(N + 1);
  const attempts = new Uint8Array(N + 1);
  const lastVisitDay = new Int32Array(N + 1).fill(-1);
  const seriesDays = new Map<number, Set<number>>();
  const primary = new Uint8Array(N + 1);
  const buckets: number[][] = Array.from({ length: days.length }, () => []);
  const enqueue = (d: number, patientId: number, kind: number) => {
    if (d <= lastBookable) buckets[Math.max(0, d)].push(patientId * 4 + kind);
  };
  const interestTable = CATEGORIES.map((k) => appetite[k][0]);
  const totalInterest = interestTable.reduce((a, b) => a + b, 0);
  for (const p of patients) {
    createdMs[p.id] = Date.parse(p.createdAt);
    let r = rng.next() * totalInterest;
    let main = 0;
    while (r >= interestTable[main]) r -= interestTable[main++];
    primary[p.id] = main;
    // One in eight only ever comes for the consultation: the retention list's lapsed leads.
    const looker = rng.chance(0.12);
    CATEGORIES.forEach((key, c) => {
      if (!looker && (c === main || rng.chance(appetite[key][1]))) nextDue[p.id * C + c] = 0;
      favourite[p.id * C + c] = rng.int(0, byCategory[c].length - 1);
    });
    wishUnit[p.id] = rng.int((9 * 60) / UNIT_MINUTES, (19 * 60) / UNIT_MINUTES);
    const registered = Math.floor((createdMs[p.id] - days[0].baseMs) / DAY_MS);
    enqueue(registered + rng.weighted([[0, 2], [rng.int(1, 7), 5], [rng.int(8, 21), 3]] as const), p.id, REQ_FIRST);
  }

  /* ── writing ── */
  const insertAppointment = writer.prepare(
    `INSERT INTO appointment (id, patientId, status, visitType, startsAt, endsAt, notes, seriesId, seriesIndex, cancelReason, cancelledAt, lateCancel, createdBy, createdAt, updatedAt)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertSegment = writer.prepare(
    'INSERT INTO appointmentService (appointmentId, position, serviceId, staffId, roomId, deviceId, startsAt, endsAt, priceCents, live) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const insertSeries = writer.prepare(
    'INSERT INTO series (id, patientId, every, unit, count, localTime, timeZone, createdBy, createdAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const insertChart = writer.prepare(
    "INSERT INTO chart (id, appointmentId, patientId, authorId, status, content, signedAt, signedBy, createdAt, updatedAt) VALUES (?, ?, ?, ?, 'signed', ?, ?, ?, ?, ?)",
  );
  const counts: CalendarCounts = { appointments: 0, segments: 0, series: 0, charts: 0, chartsSince: options.chartsFrom ? options.chartsFrom.toISOString() : 'the first visit' };
  let nextAppointmentId = 1;
  let nextSeriesId = 1;

  const outcome = (startMs: number, bookedMs: number, stopped: boolean) => {
    const r = rng.next();
    if (stopped || r < 0.08) {
      const late = !stopped && rng.chance(0.3);
      const before = late ? rng.int(2, 22) * 3_600_000 : rng.int(26, 24 * 14) * 3_600_000;
      const cancelledMs = Math.min(nowMs - rng.int(1, 600) * 60_000, Math.max(bookedMs + 60_000, startMs - before));
      return { status: 'cancelled' as const, cancelledMs, reason: stopped ? 'Stopped the course' : rng.pick(cancelReasons) };
    }
    if (startMs >= nowMs) return { status: startMs - nowMs < 3 * DAY_MS && rng.chance(0.7) ? ('confirmed' as const) : ('booked' as const), cancelledMs: 0, reason: null };
    if (r < 0.12) return { status: 'noShow' as const, cancelledMs: 0, reason: null };
    return { status: rng.chance(0.03) || nowMs - startMs < DAY_MS ? ('completed' as const) : ('checkedOut' as const), cancelledMs: 0, reason: null };
  };

  const areaOf = (s: DemoService) => (s.name.includes('—') ? s.name.split('—')[1].split(',')[0].trim() : s.categoryKey === 'body' ? 'Abdomen' : 'Face');

  /** Writes one visit; returns whether it was completed (so it counts as history). */
  const book = (patientId: number, d: number, segments: Segment[], kind: 'first' | 'regular' | 'recheck' | 'series', series: { id: number; index: number; stopped: boolean } | null, bookedMs: number): boolean => {
    const day = days[d];
    const startMs = instantOf(day, segments[0].from);
    const endMs = instantOf(day, segments[segments.length - 1].to);
    const result = outcome(startMs, bookedMs, series?.stopped ?? false);
    const completed = result.status === 'completed' || result.status === 'checkedOut';
    const treatments = segments.filter((s) => s.service.kind === 'treatment').map((s) => s.service);
    let visitType: VisitType;
    if (kind === 'recheck') visitType = 'recheck';
    else if (kind === 'series') visitType = 'inCourse';
    else if (firstCompleted[patientId] >= startMs) visitType = 'first';
    else visitType = treatments.some((s) => categoryCompleted[patientId * C + categoryIndex.get(s.categoryKey)!] < startMs) ? 'repurchase' : 'return';
    const id = nextAppointmentId++;
    const status: AppointmentStatus = result.status;
    const updatedMs = status === 'cancelled' ? result.cancelledMs : status === 'noShow' ? startMs + 30 * 60_000 : completed ? endMs + rng.int(5, 40) * 60_000 : status === 'confirmed' ? Math.max(bookedMs, nowMs - rng.int(1, 48) * 3_600_000) : bookedMs;
    insertAppointment.run(
      id, patientId, status, visitType, isoOf(startMs), isoOf(endMs), rng.chance(0.03) ? rng.pick(frontDeskNotes) : '',
      series?.id ?? null, series?.index ?? null, result.reason, status === 'cancelled' ? isoOf(result.cancelledMs) : null,
      status === 'cancelled' && startMs - result.cancelledMs < 24 * 3_600_000 ? 1 : 0,
      rng.pick(staff.frontDesk), isoOf(bookedMs), isoOf(updatedMs),
    );
    const live = status === 'cancelled' || status === 'noShow' ? 0 : 1;
    segments.forEach((s, position) => {
      insertSegment.run(
        id, position, s.service.id, team[s.staff].id, s.room >= 0 ? resources.rooms[s.room].id : null, s.device >= 0 ? resources.devices[s.device].id : null,
        isoOf(instantOf(day, s.from)), isoOf(instantOf(day, s.to)), s.service.priceCents, live,
      );
      if (live) grid.occupy(d, s);
      preferred[patientId * 3 + groupOf(s.service)] = s.staff;
    });
    counts.appointments++;
    counts.segments += segments.length;
    if (completed) {
      firstCompleted[patientId] = Math.min(firstCompleted[patientId], startMs);
      for (const s of treatments) {
        const at = patientId * C + categoryIndex.get(s.categoryKey)!;
        categoryCompleted[at] = Math.min(categoryCompleted[at], startMs);
      }
      if (treatments.length && startMs >= chartsFromMs) {
        const signedMs = endMs + chartRng.int(5, 90) * 60_000;
        const author = team[segments.find((s) => s.service.kind === 'treatment')!.staff].id;
        const content = chartContent(chartRng, lots, treatments, startMs, areaOf);
        // Charts are numbered 1, 2, 3… as SQLite would (the table is empty), since the writer thread returns no row ids.
        const chartId = ++counts.charts;
        insertChart.run(chartId, id, patientId, author, JSON.stringify(content), isoOf(signedMs), author, isoOf(signedMs), isoOf(signedMs));
        options.chartUses?.add(chartId, id, patientId, signedMs, author, content.injections);
      }
    }
    return completed;
  };

  const bookedAt = (patientId: number, startMs: number) => Math.min(nowMs - 60_000, Math.max(createdMs[patientId], startMs - rng.int(1, 30) * DAY_MS - rng.int(0, 480) * 60_000));

  /** The earliest due category (not running as a series), or -1 when the patient has lapsed from all. */
  const scheduleNext = (patientId: number, from: number) => {
    let due = Infinity;
    for (let c = 0; c < C; c++) {
      const at = nextDue[patientId * C + c];
      if (at >= 0 && at < due) due = at;
    }
    if (due !== Infinity) enqueue(Math.max(due, from), patientId, REQ_REGULAR);
  };

  const stay = (patientId: number, c: number, d: number, intervalDays: number) => {
    nextDue[patientId * C + c] = rng.chance(appetite[CATEGORIES[c]][2]) ? d + Math.round(intervalDays * (0.8 + 0.4 * rng.next())) : -1;
  };

  const lapse = (patientId: number) => nextDue.fill(-1, patientId * C, patientId * C + C);

  /** Laser hair removal: six sessions six weeks apart at the same local time, each fitted and booked now. */
  const bookSeries = (patientId: number, d: number, first: Segment[]): void => {
    const service = first[0].service;
    const seriesId = nextSeriesId++;
    const createdMsOfSeries = bookedAt(patientId, instantOf(days[d], first[0].from));
    insertSeries.run(seriesId, patientId, SERIES_EVERY_WEEKS, 'week', SERIES_LENGTH, hhmm(first[0].from * UNIT_MINUTES), DEMO_TIME_ZONE, rng.pick(staff.frontDesk), isoOf(createdMsOfSeries));
    counts.series++;
    const stopAt = rng.chance(0.12) ? rng.int(2, SERIES_LENGTH - 1) : SERIES_LENGTH;
    const mine = seriesDays.get(patientId) ?? new Set<number>();
    seriesDays.set(patientId, mine);
    let lastDay = d;
    for (let index = 0; index < SERIES_LENGTH; index++) {
      let segments: Segment[] | null = index === 0 ? first : null;
      let day = d + index * SERIES_EVERY_WEEKS * 7;
      for (let shift = 0; !segments && shift < 14; shift++) {
        day = d + index * SERIES_EVERY_WEEKS * 7 + shift;
        if (day >= days.length) break;
        if (lastVisitDay[patientId] !== day) segments = grid.fit(day, [service], first[0].from, () => first[0].staff, patientId);
      }
      if (!segments) break;
      mine.add(day);
      lastDay = day;
      book(patientId, day, segments, 'series', { id: seriesId, index, stopped: index >= stopAt }, createdMsOfSeries);
    }
    // After the course, a touch-up once a year for some.
    nextDue[patientId * C + LASER] = rng.chance(0.4) ? lastDay + rng.int(300, 420) : -1;
  };

  const totalDays = Math.min(days.length, lastBookable + 1);
  for (let chunkStart = 0; chunkStart < totalDays; chunkStart += options.chunkDays) {
    const chunkEnd = Math.min(totalDays, chunkStart + options.chunkDays);
    for (let d = chunkStart; d < chunkEnd; d++) {
      const requests = buckets[d];
      buckets[d] = [];
      for (const request of requests) {
        const patientId = Math.floor(request / 4);
        const kind = request % 4;
        // Nobody books everything far ahead: the further out, the fewer already on the calendar.
        if (d > today && !rng.chance(Math.max(0.25, 1 - (d - today) / 70))) continue;
        if (lastVisitDay[patientId] === d || seriesDays.get(patientId)?.has(d)) {
          enqueue(d + 1, patientId, kind);
          continue;
        }
        const base = patientId * C;
        let services: DemoService[];
        let dueCategories: number[] = [];
        let firstCourse = false;
        if (kind === REQ_RECHECK) services = [consults.followUp];
        else if (kind === REQ_FIRST) {
          const main = CATEGORIES[primary[patientId]];
          const consult = main === 'laserHair' || main === 'ipl' || main === 'body' ? consults.laser : rng.chance(0.4) ? consults.medical : consults.free;
          services = [consult];
          // Many are treated on the day of their consultation (not a laser course: that starts at the next visit).
          if (nextDue[base + primary[patientId]] >= 0 && main !== 'laserHair' && rng.chance(0.6)) {
            dueCategories = [primary[patientId]];
            services.push(byCategory[primary[patientId]][favourite[base + primary[patientId]]]);
          }
        } else {
          for (let c = 0; c < C; c++) if (nextDue[base + c] >= 0 && nextDue[base + c] <= d + 10) dueCategories.push(c);
          if (!dueCategories.length) {
            scheduleNext(patientId, d + 1);
            continue;
          }
          // A first laser course is booked on its own, as a series; other treatments come on other days.
          firstCourse = dueCategories.includes(LASER) && categoryCompleted[base + LASER] === Infinity && !seriesDays.has(patientId);
          // When the combined visit did not fit, they take one treatment at a time; the others stay due.
          dueCategories = firstCourse ? [LASER] : dueCategories.slice(0, attempts[patientId] ? 1 : 3);
          services = dueCategories.map((c) => byCategory[c][rng.chance(0.8) ? favourite[base + c] : rng.int(0, byCategory[c].length - 1)]);
        }
        const segments = grid.fit(d, services, wishUnit[patientId], (s) => preferred[patientId * 3 + groupOf(s)], patientId + attempts[patientId]);
        if (!segments) {
          if (++attempts[patientId] > MAX_ATTEMPTS) lapse(patientId);
          // A full calendar pushes them further out each time they try.
          else enqueue(d + rng.int(1, 2 + attempts[patientId]), patientId, kind);
          continue;
        }
        attempts[patientId] = 0;
        lastVisitDay[patientId] = d;
        const startMs = instantOf(days[d], segments[0].from);
        const booked = kind === REQ_FIRST ? Math.min(startMs - 60_000, Math.max(createdMs[patientId], startMs - 14 * DAY_MS)) : bookedAt(patientId, startMs);
        if (firstCourse) {
          bookSeries(patientId, d, segments);
          scheduleNext(patientId, d + 1);
          continue;
        }
        const completed = book(patientId, d, segments, kind === REQ_FIRST ? 'first' : kind === REQ_RECHECK ? 'recheck' : 'regular', null, booked);
        if (startMs >= nowMs) continue;
        if (!completed) {
          // Most who missed a visit book again within a few weeks; some never come back.
          if (rng.chance(0.1)) lapse(patientId);
          else enqueue(d + rng.int(3, 21), patientId, kind);
          continue;
        }
        if (kind === REQ_FIRST) {
          for (let c = 0; c < C; c++) if (nextDue[base + c] >= 0) nextDue[base + c] = d + (c === primary[patientId] ? rng.int(0, 21) : rng.int(14, 90));
        }
        for (const c of dueCategories) {
          const service = services.find((s) => s.categoryKey === CATEGORIES[c])!;
          // Laser touch-ups after a course come once a year, not at the course's interval.
          stay(patientId, c, d, c === LASER ? 365 : (service.intervalDays ?? 90));
          // A free check two weeks after filler, and after a first neurotoxin treatment.
          const firstTime = categoryCompleted[base + c] === instantOf(days[d], segments[0].from);
          if ((c === FILLER && rng.chance(0.3)) || (c === NEUROTOXIN && firstTime && rng.chance(0.5))) enqueue(d + rng.int(12, 16), patientId, REQ_RECHECK);
        }
        // Now and then a patient tries something new.
        if (dueCategories.length && rng.chance(0.04)) {
          const c = rng.int(0, C - 1);
          if (nextDue[base + c] < 0) nextDue[base + c] = d + rng.int(14, 60);
        }
        scheduleNext(patientId, d + 1);
      }
      if (d < today) grid.forget(d);
      for (const [patientId, set] of seriesDays) if (Math.max(...set) < d) seriesDays.delete(patientId);
    }
    await writer.commit();
    options.onProgress?.(chunkEnd, totalDays);
    await new Promise(setImmediate);
  }

  const insertLot = writer.prepare('INSERT INTO productLot (product, lot, expiry, lastUsedAt) VALUES (?, ?, ?, ?)');
  for (const l of lots.used.values()) insertLot.run(l.product, l.lot, l.expiry, l.lastUsedAt);
  await writer.commit();
  return counts;
}
