import type { Slot } from '../../src-shared/contract/scheduling';
import { fieldError } from '../../src-shared/errors';
import { addCalendarDays, isoOf, localInstant, MINUTE_MS } from '../../src-shared/time';
import { cached, type Sqlite } from '../core/db';
import type { HandlerMap } from '../core/registry';
import { inside, type Interval, isClosure, loadBlocks, loadExceptions, overlapsAny, subtract, toInterval } from './availability';
import { datesFrom, LocalDay, localParts } from './local';
import { BUSY_SQL, LONGEST_SEGMENT_MS } from './queries';
import { type Place, type Refs, refsOf, type ServiceRef } from './refs';
import { freePlace } from './segments';

export interface SearchInput {
  serviceIds: number[];
  staffId?: number;
  from: string;
  days: number;
  excludeAppointmentId?: number;
}

/** One range scan of busy time: a provider, room or device over the search window. */
export interface BusyScan {
  type: 'staff' | 'room' | 'device';
  id: number;
  sql: string;
  params: { id: number; lo: string; start: string; end: string; exclude: number };
}

/**
 * What a search needs before it looks at time: the services, the providers who may start it, the local dates, and
 * the busy-time scans of exactly the providers, rooms and devices the sequence could use (also the benchmark's floor).
 */
export function planSearch(refs: Refs, input: SearchInput, timeZone: string) {
  const services: ServiceRef[] = input.serviceIds.map((id, i) => {
    const service = refs.service.get(id);
    if (!service?.active) throw fieldError('not_found', 'No such service (or it is no longer offered).', `serviceIds.${i}`);
    if (service.roomKind && !refs.roomsOfKind(service.roomKind).length) throw fieldError('invalid_input', `${service.name} needs a ${service.roomKind} room and there is none.`, `serviceIds.${i}`);
    if (service.deviceKind && !refs.devicesOfKind(service.deviceKind, null).length) throw fieldError('invalid_input', `${service.name} needs a ${service.deviceKind} and there is none.`, `serviceIds.${i}`);
    return service;
  });
  let candidates = refs.eligible(services[0].id).map((s) => s.id);
  if (input.staffId !== undefined) {
    const staff = refs.staff.get(input.staffId);
    if (!staff?.active) throw fieldError('not_found', 'No such provider.', 'staffId');
    if (!refs.mayPerform(staff.id, services[0].id)) throw fieldError('invalid_input', `${staff.name} does not perform ${services[0].name}.`, 'staffId');
    candidates = [staff.id];
  }
  const from = Date.parse(input.from);
  const firstDate = localParts(from, timeZone).date;
  const dates = datesFrom(firstDate, input.days);
  const windowStart = localInstant(firstDate, 0, timeZone);
  const windowEnd = localInstant(addCalendarDays(firstDate, input.days), 0, timeZone);

  const staffIds = new Set(candidates);
  for (const service of services.slice(1)) for (const s of refs.eligible(service.id)) staffIds.add(s.id);
  const roomIds = new Set(services.flatMap((s) => (s.roomKind ? refs.roomsOfKind(s.roomKind).map((r) => r.id) : [])));
  const deviceIds = new Set(services.flatMap((s) => (s.deviceKind ? refs.devicesOfKind(s.deviceKind, null).map((d) => d.id) : [])));
  const window = { lo: isoOf(windowStart - LONGEST_SEGMENT_MS), start: isoOf(windowStart), end: isoOf(windowEnd), exclude: input.excludeAppointmentId ?? 0 };
  const scan = (type: BusyScan['type']) => (id: number): BusyScan => ({ type, id, sql: BUSY_SQL[type], params: { id, ...window } });
  const scans = [...[...staffIds].map(scan('staff')), ...[...roomIds].map(scan('room')), ...[...deviceIds].map(scan('device'))];
  return { services, candidates, from, firstDate, dates, windowStart, windowEnd, scans };
}

const NO_PLACE: Place = { roomId: null, deviceId: null };
type Plan = ReturnType<typeof planSearch>;
type Segments = Slot['segments'];
type Busy = Record<BusyScan['type'], Map<number, Interval[]>>;

/** A slot found so far: its start, the candidate's rank (ties go to the first listed provider) and the sequence. */
interface Found {
  start: number;
  order: number;
  segments: Segments;
}

/**
 * Busy time of every provider, room and device the search may use, over its whole window: their visits (the plan's
 * scans) and blocks; a closure counts as a block of every provider (rooms and devices go unused while it lasts).
 */
function readBusyTime(sqlite: Sqlite, plan: Plan): Busy {
  const busy: Busy = { staff: new Map(), room: new Map(), device: new Map() };
  for (const { type, id, sql, params } of plan.scans) busy[type].set(id, cached(sqlite, sql).all(params) as Interval[]);
  for (const b of loadBlocks(sqlite, plan.windowStart, plan.windowEnd)) {
    const interval = toInterval(b);
    if (isClosure(b)) for (const list of busy.staff.values()) list.push(interval);
    if (b.staffId !== null) busy.staff.get(b.staffId)?.push(interval);
    if (b.roomId !== null) busy.room.get(b.roomId)?.push(interval);
    if (b.deviceId !== null) busy.device.get(b.deviceId)?.push(interval);
  }
  return busy;
}

/** Each resource's busy time that touches one local day: a search looks at one day at a time (a slot never runs past it). */
function busyDuring(busy: Busy, day: LocalDay): Busy {
  const during = (lists: Map<number, Interval[]>) => new Map([...lists].map(([id, list]) => [id, list.filter((r) => r.start < day.end && r.end > day.start)]));
  return { staff: during(busy.staff), room: during(busy.room), device: during(busy.device) };
}

/**
 * The first `limit` free slots by start time (then by the candidates' order): day by day, every candidate's
 * working time minus their busy time, tried on the clinic's grid with the rest of the sequence after it.
 */
function findSlots(sqlite: Sqlite, refs: Refs, plan: Plan, timeZone: string, slotMinutes: number, limit: number): Slot[] {
  const busy = readBusyTime(sqlite, plan);
  const exceptions = loadExceptions(sqlite, plan.firstDate, plan.dates[plan.dates.length - 1]);
  const slotMs = slotMinutes * MINUTE_MS;
  const firstDuration = plan.services[0].durationMinutes * MINUTE_MS;
  const found: Found[] = [];
  for (const date of plan.dates) {
    const day = new LocalDay(date, timeZone);
    const busyToday = busyDuring(busy, day);
    const freeToday = new Map<number, Interval[]>();
    const freeOf = (staffId: number): Interval[] => {
      let free = freeToday.get(staffId);
      if (!free) freeToday.set(staffId, (free = subtract(refs.workOn(staffId, day, exceptions.get(date)?.get(staffId)), busyToday.staff.get(staffId) ?? [])));
      return free;
    };
    const isFree = (staffId: number, start: number, end: number) => inside(freeOf(staffId), start, end);

    /** A later service stays with the first provider when they perform it, else goes to the first eligible one free then. */
    const providerFor = (service: ServiceRef, first: number, at: number, end: number): number | undefined => {
      if (refs.mayPerform(first, service.id) && isFree(first, at, end)) return first;
      return refs.eligible(service.id).find((s) => isFree(s.id, at, end))?.id;
    };

    /** The whole sequence from `start` with `first` doing the first service, or null when something does not fit. */
    const fit = (first: number, start: number): Segments | null => {
      const segments: Segments = [];
      let at = start;
      for (const service of plan.services) {
        const end = at + service.durationMinutes * MINUTE_MS;
        const staffId = segments.length === 0 ? (isFree(first, at, end) ? first : undefined) : providerFor(service, first, at, end);
        if (staffId === undefined) return null;
        const place = freePlace(refs, service, NO_PLACE, (type, id) => !overlapsAny(busyToday[type].get(id) ?? [], at, end));
        if (!place) return null;
        segments.push({ serviceId: service.id, staffId, roomId: place.roomId, deviceId: place.deviceId, startsAt: isoOf(at), durationMinutes: service.durationMinutes });
        at = end;
      }
      return segments;
    };

    plan.candidates.forEach((staffId, order) => {
      for (const interval of freeOf(staffId)) {
        const earliest = Math.max(interval.start, plan.from);
        for (let t = day.start + Math.ceil((earliest - day.start) / slotMs) * slotMs; t + firstDuration <= interval.end; t += slotMs) {
          // Candidates go in order and t only grows: once the list is full, nothing later can enter it.
          if (found.length === limit && t >= found[limit - 1].start) return;
          const segments = fit(staffId, t);
          if (segments) insertSorted(found, { start: t, order, segments }, limit);
        }
      }
    });
    if (found.length === limit) break;
  }
  // The services follow each other without gaps, so every slot is as long as their durations together.
  const length = plan.services.reduce((sum, s) => sum + s.durationMinutes * MINUTE_MS, 0);
  return found.map(({ start, segments }) => ({ startsAt: isoOf(start), endsAt: isoOf(start + length), segments }));
}

/** Inserts by (start, order), keeping at most `limit`. */
function insertSorted(found: Found[], slot: Found, limit: number): void {
  let i = found.length;
  while (i > 0 && (found[i - 1].start > slot.start || (found[i - 1].start === slot.start && found[i - 1].order > slot.order))) i--;
  if (i >= limit) return;
  found.splice(i, 0, slot);
  if (found.length > limit) found.pop();
}

export const nextAvailableHandlers: HandlerMap<'appointments.nextAvailable'> = {
  'appointments.nextAvailable': async (input, ctx) => {
    const refs = await refsOf(ctx);
    const { timeZone, calendarSlotMinutes } = ctx.clinic();
    return findSlots(ctx.sqlite, refs, planSearch(refs, input, timeZone), timeZone, calendarSlotMinutes, input.limit);
  },
};
