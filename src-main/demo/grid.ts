import { openingUnits, type LocalDay, UNIT_MINUTES, UNITS_PER_DAY } from './calendar';
import type { DemoService } from './catalog';
import type { DemoResources } from './resources';
import type { Practitioner, TimeOff } from './team';

/** One service of a visit as fitted: indexes into the team, rooms and devices (-1: none) and 5-minute units. */
export interface Segment {
  service: DemoService;
  staff: number;
  room: number;
  device: number;
  from: number;
  to: number;
}

/**
 * Who and what is free on each demo day: every practitioner, room and device has a row of 5-minute units holding
 * how many free units follow from there (0 = unavailable: closed, outside their hours, rest, time off, blocks, or
 * taken by a live visit), so visits are fitted without ever double-booking and a span is checked in one look: the
 * calendar tries a million visits, most at several starts. A day's grid is made when first asked for.
 */
export function calendarGrid(inputs: { team: readonly Practitioner[]; resources: DemoResources; days: readonly LocalDay[]; timeOff: Map<number, TimeOff[]>; bookable: readonly DemoService[] }) {
  const { team, resources, days, timeOff, bookable } = inputs;
  const P = team.length;
  const R = resources.rooms.length;
  const ROOM0 = P;
  const DEVICE0 = P + R;
  const RESOURCES = P + R + resources.devices.length;

  const eligible = new Map<number, number[]>();
  for (const s of bookable) eligible.set(s.id, team.flatMap((p, i) => (s.providers.length === 0 || s.providers.includes(p.title) ? [i] : [])));
  const roomsOfKind = new Map<string, number[]>();
  resources.rooms.forEach((r, i) => roomsOfKind.set(r.kind, [...(roomsOfKind.get(r.kind) ?? []), i]));
  const devicesOfKind = new Map<string, number[]>();
  resources.devices.forEach((d, i) => devicesOfKind.set(d.kind, [...(devicesOfKind.get(d.kind) ?? []), i]));

  const grids = new Map<number, Uint16Array>();
  const gridOf = (d: number): Uint16Array => {
    let free = grids.get(d);
    if (!free) {
      free = freeRuns(busyUnits(d));
      grids.set(d, free);
    }
    return free;
  };
  /** 1 where a resource is unavailable on the day, before any visit. */
  const busyUnits = (d: number): Uint8Array => {
    const grid = new Uint8Array(RESOURCES * UNITS_PER_DAY).fill(1);
    const day = days[d];
    const open = openingUnits[day.weekday];
    if (!open || day.holiday) return grid;
    const offs = timeOff.get(d) ?? [];
    for (let r = P; r < RESOURCES; r++) grid.fill(0, r * UNITS_PER_DAY + open[0], r * UNITS_PER_DAY + open[1]);
    team.forEach((p, i) => {
      const h = p.week[day.weekday];
      if (!h || d < p.hiredDay || d >= p.leftDay) return;
      const mine = offs.filter((o) => o.staff === i && o.kind !== 'block');
      if (mine.some((o) => o.kind === 'off')) return;
      const changed = mine.find((o) => o.kind === 'hours');
      if (changed) grid.fill(0, i * UNITS_PER_DAY + changed.from, i * UNITS_PER_DAY + changed.to);
      else {
        grid.fill(0, i * UNITS_PER_DAY + h.start, i * UNITS_PER_DAY + h.restStart);
        grid.fill(0, i * UNITS_PER_DAY + h.restEnd, i * UNITS_PER_DAY + h.end);
      }
    });
    for (const o of offs) {
      if (o.kind !== 'block') continue;
      if (o.staff >= 0) grid.fill(1, o.staff * UNITS_PER_DAY + o.from, o.staff * UNITS_PER_DAY + o.to);
      else if (o.device >= 0) grid.fill(1, (DEVICE0 + o.device) * UNITS_PER_DAY + o.from, (DEVICE0 + o.device) * UNITS_PER_DAY + o.to);
      else for (let r = 0; r < RESOURCES; r++) grid.fill(1, r * UNITS_PER_DAY + o.from, r * UNITS_PER_DAY + o.to);
    }
    return grid;
  };
  const freeRuns = (busy: Uint8Array): Uint16Array => {
    const free = new Uint16Array(busy.length);
    for (let r = 0; r < RESOURCES; r++) {
      const row = r * UNITS_PER_DAY;
      for (let u = row + UNITS_PER_DAY - 1, run = 0; u >= row; u--) free[u] = run = busy[u] ? 0 : run + 1;
    }
    return free;
  };
  const isFree = (free: Uint16Array, r: number, from: number, to: number) => free[r * UNITS_PER_DAY + from] >= to - from;
  const take = (free: Uint16Array, r: number, from: number, to: number) => {
    const row = r * UNITS_PER_DAY;
    free.fill(0, row + from, row + to);
    // The free runs just before the span now end where it starts.
    for (let u = row + from - 1, run = 0; u >= row && free[u] > 0; u--) free[u] = ++run;
  };

  /** What fitting one service of a visit needs, worked out once per visit rather than at each of the starts tried. */
  interface Plan {
    service: DemoService;
    units: number;
    staff: readonly number[];
    preferred: number;
    devices: readonly number[] | null;
    rooms: readonly number[] | null;
  }
  const planOf = (service: DemoService, prefer: (s: DemoService) => number): Plan => ({
    service,
    units: service.durationMinutes / UNIT_MINUTES,
    staff: eligible.get(service.id)!,
    preferred: prefer(service),
    devices: service.deviceKind ? (devicesOfKind.get(service.deviceKind) ?? []) : null,
    rooms: service.roomKind ? (roomsOfKind.get(service.roomKind) ?? []) : null,
  });
  /** Staff, room and device (-1: none) of each service of the last fit, three numbers per service. */
  const picks: number[] = [];

  /** Whether the services fit in sequence from `start`, preferring the providers listed first (what went where in `picks`). */
  const fitsAt = (grid: Uint16Array, plans: readonly Plan[], start: number, rotate: number, onlyPreferred: boolean): boolean => {
    let t = start;
    for (let i = 0; i < plans.length; i++) {
      const { staff: list, units, preferred, devices, rooms } = plans[i];
      const to = t + units;
      const previous = i > 0 ? picks[(i - 1) * 3] : -1;
      const wanted = previous >= 0 && list.includes(previous) ? previous : preferred;
      let staff = -1;
      if (wanted >= 0 && list.includes(wanted) && isFree(grid, wanted, t, to)) staff = wanted;
      else if (onlyPreferred && wanted >= 0) return false;
      for (let k = 0; staff < 0 && k < list.length; k++) {
        const candidate = list[(k + rotate) % list.length];
        if (isFree(grid, candidate, t, to)) staff = candidate;
      }
      if (staff < 0) return false;
      let device = -1;
      let room = -1;
      if (devices) {
        device = devices.find((i) => isFree(grid, DEVICE0 + i, t, to)) ?? -1;
        if (device < 0) return false;
      }
      if (rooms) {
        const allowed = device >= 0 ? resources.devices[device].rooms : rooms;
        room = allowed.find((i) => isFree(grid, ROOM0 + i, t, to)) ?? -1;
        if (room < 0) return false;
      }
      picks[i * 3] = staff;
      picks[i * 3 + 1] = room;
      picks[i * 3 + 2] = device;
      t = to;
    }
    return true;
  };

  /** The segments of the fit just found from `start`. */
  const segmentsFrom = (plans: readonly Plan[], start: number): Segment[] => {
    let t = start;
    return plans.map(({ service, units }, i) => {
      const segment = { service, staff: picks[i * 3], room: picks[i * 3 + 1], device: picks[i * 3 + 2], from: t, to: t + units };
      t += units;
      return segment;
    });
  };

  /**
   * Per day, the visits (services in order, and the starts tried) that fitted at no start since the day's last booking.
   * Whether one fits anywhere depends only on who and what is free, not on whom the patient prefers, and time is never
   * freed, so they still fit nowhere: on a full calendar, most of the million tries for a day that is booked up.
   */
  const fullFor = new Map<number, Set<string>>();

  /** The nearest start to the wished time (on the quarter hour) that fits, preferred providers first. */
  const fit = (d: number, services: readonly DemoService[], wish: number, prefer: (s: DemoService) => number, rotate: number): Segment[] | null => {
    const open = openingUnits[days[d].weekday];
    if (!open || days[d].holiday) return null;
    const grid = gridOf(d);
    const plans = services.map((service) => planOf(service, prefer));
    const length = plans.reduce((n, plan) => n + plan.units, 0);
    const first = open[0];
    const last = open[1] - length;
    // Quarter-hour starts where the visit lasts quarters, else 10- or 5-minute ones, so short slots pack the day.
    const grain = length % 3 === 0 ? 3 : length % 2 === 0 ? 2 : 1;
    const anchor = Math.max(first, Math.min(last, wish - (wish % grain)));
    const visit = `${services.map((s) => s.id).join(' ')}@${anchor % grain}`;
    if (fullFor.get(d)?.has(visit)) return null;
    const passes = plans.some((plan) => plan.preferred >= 0) ? [true, false] : [false];
    // In the first pass the first service goes to its preferred provider or nowhere: a start is tried only where they
    // are free for it (nine starts in ten fail there, on a busy calendar hundreds per visit).
    const head = plans[0];
    const headProvider = head.preferred >= 0 && head.staff.includes(head.preferred) ? head.preferred : -1;
    for (const onlyPreferred of passes) {
      const onlyAt = onlyPreferred ? headProvider : -1;
      if (onlyPreferred && head.preferred >= 0 && onlyAt < 0) continue;
      for (let step = 0; step <= last - first + grain; step += grain) {
        // Later first, then earlier, at each distance from the wish.
        for (let side = 0; side < (step ? 2 : 1); side++) {
          const start = side ? anchor - step : anchor + step;
          if (start < first || start > last || (onlyAt >= 0 && !isFree(grid, onlyAt, start, start + head.units))) continue;
          if (fitsAt(grid, plans, start, rotate, onlyPreferred)) return segmentsFrom(plans, start);
        }
      }
    }
    const full = fullFor.get(d) ?? new Set<string>();
    fullFor.set(d, full.add(visit));
    return null;
  };

  /** Marks a live visit's service as taking its provider, room and device. */
  const occupy = (d: number, s: Segment) => {
    const grid = gridOf(d);
    fullFor.delete(d);
    take(grid, s.staff, s.from, s.to);
    if (s.room >= 0) take(grid, ROOM0 + s.room, s.from, s.to);
    if (s.device >= 0) take(grid, DEVICE0 + s.device, s.from, s.to);
  };

  /** Lets go of a day nothing will be booked on any more. */
  const forget = (d: number) => {
    grids.delete(d);
    fullFor.delete(d);
  };

  return { fit, occupy, forget };
}
