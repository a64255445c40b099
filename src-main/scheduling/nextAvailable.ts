import type { Slot } from '../../src-shared/contract/scheduling';
import { addCalendarDays, localInstant, MINUTE_MS } from '../../src-shared/time';
import { cached, type Sqlite } from '../core/db';
import type { HandlerMap } from '../core/registry';
import { BusyTime, type ExceptionRow, inside, type Interval, isClosure, loadBlocks, loadExceptions, Spans, toInterval } from './availability';
import { datesFrom, LocalDay, localParts } from './local';
import { BUSY_SQL, LONGEST_SEGMENT_MS } from './queries';
import { type Place, type Refs, refsOf, type ServiceRef } from './refs';
import { fieldError, freePlace } from './segments';

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
  const window = { lo: new Date(windowStart - LONGEST_SEGMENT_MS).toISOString(), start: new Date(windowStart).toISOString(), end: new Date(windowEnd).toISOString(), exclude: input.excludeAppointmentId ?? 0 };
  const scan = (type: BusyScan['type']) => (id: number): BusyScan => ({ type, id, sql: BUSY_SQL[type], params: { id, ...window } });
  const scans = [...[...staffIds].map(scan('staff')), ...[...roomIds].map(scan('room')), ...[...deviceIds].map(scan('device'))];
  return { services, candidates, from, firstDate, dates, windowStart, windowEnd, scans };
}

const NO_PLACE: Place = { roomId: null, deviceId: null };
type Plan = ReturnType<typeof planSearch>;
type Segments = Slot['segments'];

/** A slot found so far: its start, the candidate's rank (ties go to the first listed provider) and the sequence. */
interface Found {
  start: number;
  order: number;
  segments: Segments;
}

/**
 * The free-slot search over one window: busy time per provider, room and device (the plan's scans, read as far as
 * the search looks, with their blocks; closures count as every provider's blocks), and exceptions; then day by day,
 * every candidate's free time on the grid.
 */
class SlotSearch {
  private readonly busy = { staff: new Map<number, BusyTime>(), room: new Map<number, BusyTime>(), device: new Map<number, BusyTime>() };
  private readonly exceptions: Map<string, Map<number, ExceptionRow>>;
  /** The exceptions of the day being searched, by provider. */
  private exceptionsToday: Map<number, ExceptionRow> | undefined;
  /** Free time per provider on the day being searched. */
  private free = new Map<number, Interval[]>();
  private day!: LocalDay;
  private readonly slotMs: number;

  constructor(
    sqlite: Sqlite,
    private readonly refs: Refs,
    private readonly plan: Plan,
    private readonly timeZone: string,
    slotMinutes: number,
  ) {
    const blocks = { staff: new Map<number, Interval[]>(), room: new Map<number, Interval[]>(), device: new Map<number, Interval[]>() };
    const closures: Interval[] = [];
    for (const b of loadBlocks(sqlite, plan.windowStart, plan.windowEnd)) {
      const interval = toInterval(b);
      // A closure is cut out of every provider's time, so rooms and devices need only their own blocks.
      if (isClosure(b)) closures.push(interval);
      if (b.staffId !== null) listIn(blocks.staff, b.staffId).push(interval);
      if (b.roomId !== null) listIn(blocks.room, b.roomId).push(interval);
      if (b.deviceId !== null) listIn(blocks.device, b.deviceId).push(interval);
    }
    for (const { type, id, sql, params } of plan.scans) {
      const blocked = [...(blocks[type].get(id) ?? []), ...(type === 'staff' ? closures : [])];
      const visits = cached(sqlite, sql).all(params) as { startsAt: string; endsAt: string }[];
      this.busy[type].set(id, new BusyTime(visits, blocked.length ? Spans.of(blocked) : Spans.none));
    }
    this.exceptions = loadExceptions(sqlite, plan.firstDate, plan.dates[plan.dates.length - 1]);
    this.slotMs = slotMinutes * MINUTE_MS;
  }

  /** The first `limit` slots by start time (then by the candidates' order). */
  run(limit: number): Slot[] {
    const found: Found[] = [];
    for (const date of this.plan.dates) {
      this.day = new LocalDay(date, this.timeZone);
      this.exceptionsToday = this.exceptions.get(date);
      this.free = new Map();
      const dayStart = this.day.start;
      const firstDuration = this.plan.services[0].durationMinutes * MINUTE_MS;
      this.plan.candidates.forEach((staffId, order) => {
        for (const interval of this.freeOf(staffId)) {
          const earliest = Math.max(interval.start, this.plan.from);
          for (let t = dayStart + Math.ceil((earliest - dayStart) / this.slotMs) * this.slotMs; t + firstDuration <= interval.end; t += this.slotMs) {
            // Candidates go in order and t only grows: once the list is full, nothing later can enter it.
            if (found.length === limit && t >= found[limit - 1].start) return;
            const segments = this.fit(staffId, t);
            if (segments) insertSorted(found, { start: t, order, segments }, limit);
          }
        }
      });
      if (found.length === limit) break;
    }
    // The services follow each other without gaps, so every slot is as long as their durations together.
    const length = this.plan.services.reduce((sum, s) => sum + s.durationMinutes * MINUTE_MS, 0);
    return found.map(({ start, segments }) => ({ startsAt: new Date(start).toISOString(), endsAt: new Date(start + length).toISOString(), segments }));
  }

  /** A provider's bookable time on the day being searched, minus their visits. */
  private freeOf(staffId: number): Interval[] {
    let list = this.free.get(staffId);
    if (!list) {
      list = this.busy.staff.get(staffId)?.cutFrom(this.refs.workOn(staffId, this.day, this.exceptionsToday?.get(staffId))) ?? [];
      this.free.set(staffId, list);
    }
    return list;
  }

  /** The whole sequence from `start` with `first` doing the first service, or null when something does not fit. */
  private fit(first: number, start: number): Segments | null {
    const segments: Segments = [];
    let at = start;
    for (const service of this.plan.services) {
      const end = at + service.durationMinutes * MINUTE_MS;
      const staffId = segments.length === 0 ? (inside(this.freeOf(first), at, end) ? first : undefined) : this.providerFor(service, first, at, end);
      if (staffId === undefined) return null;
      const place = freePlace(this.refs, service, NO_PLACE, (type, id) => !this.busy[type].get(id)?.overlaps(at, end));
      if (!place) return null;
      const { roomId, deviceId } = place;
      segments.push({ serviceId: service.id, staffId, roomId, deviceId, startsAt: new Date(at).toISOString(), durationMinutes: service.durationMinutes });
      at = end;
    }
    return segments;
  }

  /** A later service stays with the first provider when they perform it, else the first eligible one free then. */
  private providerFor(service: ServiceRef, first: number, at: number, end: number): number | undefined {
    if (this.refs.mayPerform(first, service.id) && inside(this.freeOf(first), at, end)) return first;
    return this.refs.eligible(service.id).find((s) => inside(this.freeOf(s.id), at, end))?.id;
  }
}

function listIn<K, V>(map: Map<K, V[]>, key: K): V[] {
  let list = map.get(key);
  if (!list) map.set(key, (list = []));
  return list;
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
  'appointments.nextAvailable': (input, ctx) => {
    const refs = refsOf(ctx);
    const { timeZone, calendarSlotMinutes } = ctx.clinic();
    return new SlotSearch(ctx.sqlite, refs, planSearch(refs, input, timeZone), timeZone, calendarSlotMinutes).run(input.limit);
  },
};
