import type { Slot } from '../../src-shared/contract/scheduling';
import { addCalendarDays } from '../../src-shared/time';
import { cached } from '../core/db';
import type { HandlerMap } from '../core/registry';
import { BusyTime, type Interval, isClosure, loadBlocks, loadExceptions, staffAvailable, subtract, toInterval } from './availability';
import { datesFrom, iso, localInstant, localParts, MINUTE, ms } from './local';
import { BUSY_SQL, LONGEST_SEGMENT_MS } from './queries';
import { type Refs, refsOf, type ServiceRef } from './refs';
import { fieldError } from './segments';

function busyOf(map: Map<number, BusyTime>, id: number): BusyTime {
  let busy = map.get(id);
  if (!busy) map.set(id, (busy = new BusyTime()));
  return busy;
}

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
  const from = ms(input.from);
  const firstDate = localParts(from, timeZone).date;
  const dates = datesFrom(firstDate, input.days);
  const windowStart = localInstant(firstDate, 0, timeZone);
  const windowEnd = localInstant(addCalendarDays(firstDate, input.days), 0, timeZone);

  const staffIds = new Set(candidates);
  for (const service of services.slice(1)) for (const s of refs.eligible(service.id)) staffIds.add(s.id);
  const roomIds = new Set(services.flatMap((s) => (s.roomKind ? refs.roomsOfKind(s.roomKind).map((r) => r.id) : [])));
  const deviceIds = new Set(services.flatMap((s) => (s.deviceKind ? refs.devicesOfKind(s.deviceKind, null).map((d) => d.id) : [])));
  const window = { lo: iso(windowStart - LONGEST_SEGMENT_MS), start: iso(windowStart), end: iso(windowEnd), exclude: input.excludeAppointmentId ?? 0 };
  const scan = (type: BusyScan['type']) => (id: number): BusyScan => ({ type, id, sql: BUSY_SQL[type], params: { id, ...window } });
  const scans = [...[...staffIds].map(scan('staff')), ...[...roomIds].map(scan('room')), ...[...deviceIds].map(scan('device'))];
  return { services, candidates, from, firstDate, dates, windowStart, windowEnd, scans };
}

export const nextAvailableHandlers: HandlerMap<'appointments.nextAvailable'> = {
  'appointments.nextAvailable': (input, ctx) => {
    const refs = refsOf(ctx);
    const clinic = ctx.clinic();
    const timeZone = clinic.timeZone;
    const { services, candidates, from, firstDate, dates, windowStart, windowEnd, scans } = planSearch(refs, input, timeZone);

    const busy = { staff: new Map<number, BusyTime>(), room: new Map<number, BusyTime>(), device: new Map<number, BusyTime>() };
    for (const { type, id, sql, params } of scans) {
      const time = busyOf(busy[type], id);
      for (const row of cached(ctx.sqlite, sql).all(params) as { startsAt: string; endsAt: string }[]) time.add(toInterval(row));
    }
    const { staff: busyStaff, room: busyRoom, device: busyDevice } = busy;
    const blocks = loadBlocks(ctx.sqlite, windowStart, windowEnd);
    for (const b of blocks) {
      // A closure is already cut out of every provider's time; rooms and devices only need their own blocks.
      if (isClosure(b)) continue;
      if (b.roomId !== null) busyOf(busyRoom, b.roomId).add(toInterval(b));
      if (b.deviceId !== null) busyOf(busyDevice, b.deviceId).add(toInterval(b));
    }
    const exceptions = loadExceptions(ctx.sqlite, firstDate, dates[dates.length - 1]);

    const slotMs = clinic.calendarSlotMinutes * MINUTE;
    const slots: (Slot & { order: number })[] = [];
    for (const date of dates) {
      const free = new Map<number, Interval[]>();
      const freeOf = (staffId: number) => {
        let list = free.get(staffId);
        if (!list) {
          const available = staffAvailable(staffId, refs.workOn(staffId, date, exceptions.get(`${staffId}|${date}`), timeZone), blocks);
          const taken = available.length ? (busyStaff.get(staffId)?.between(available[0].start, available[available.length - 1].end) ?? []) : [];
          free.set(staffId, (list = subtract(available, taken)));
        }
        return list;
      };
      const dayStart = localInstant(date, 0, timeZone);

      /** The whole sequence from `start` with `first` doing the first service, or null when something does not fit. */
      const fit = (first: number, start: number): Slot['segments'] | null => {
        const segments: Slot['segments'] = [];
        let at = start;
        for (const service of services) {
          const end = at + service.durationMinutes * MINUTE;
          const providers = segments.length === 0 ? [first] : refs.mayPerform(first, service.id) ? [first, ...refs.eligible(service.id).map((s) => s.id)] : refs.eligible(service.id).map((s) => s.id);
          const staffId = providers.find((id) => freeOf(id).some((r) => r.start <= at && end <= r.end));
          if (staffId === undefined) return null;
          let roomId: number | null = null;
          if (service.roomKind) {
            const room = refs.roomsOfKind(service.roomKind).find((r) => !busyRoom.get(r.id)?.overlaps(at, end));
            if (!room) return null;
            roomId = room.id;
          }
          let deviceId: number | null = null;
          if (service.deviceKind) {
            const device = refs.devicesOfKind(service.deviceKind, roomId).find((d) => !busyDevice.get(d.id)?.overlaps(at, end));
            if (!device) return null;
            deviceId = device.id;
          }
          segments.push({ serviceId: service.id, staffId, roomId, deviceId, startsAt: iso(at), durationMinutes: service.durationMinutes });
          at = end;
        }
        return segments;
      };

      candidates.forEach((staffId, order) => {
        let found = 0;
        for (const interval of freeOf(staffId)) {
          const earliest = Math.max(interval.start, from);
          for (let t = dayStart + Math.ceil((earliest - dayStart) / slotMs) * slotMs; t < interval.end && found < input.limit; t += slotMs) {
            const segments = fit(staffId, t);
            if (!segments) continue;
            const last = segments[segments.length - 1];
            slots.push({ startsAt: iso(t), endsAt: iso(ms(last.startsAt) + last.durationMinutes * MINUTE), segments, order });
            found++;
          }
        }
      });
      if (slots.length >= input.limit) break;
    }
    return slots
      .sort((a, b) => a.startsAt.localeCompare(b.startsAt) || a.order - b.order)
      .slice(0, input.limit)
      .map(({ startsAt, endsAt, segments }) => ({ startsAt, endsAt, segments }));
  },
};
