import type { z } from 'zod';
import type { SegmentInput } from '../../src-shared/contract/scheduling';
import { LumenError } from '../../src-shared/errors';
import type { Sqlite } from '../core/db';
import { loadBlocks } from './availability';
import { othersOverlapping, type Planned, type ResourceType } from './conflicts';
import { iso, MINUTE, ms } from './local';
import type { Refs } from './refs';

export type ParsedSegment = z.output<typeof SegmentInput>;

export function fieldError(code: 'invalid_input' | 'not_found', message: string, field: string): LumenError {
  return new LumenError(code, message, { formErrors: [], fieldErrors: { [field]: [message] } });
}

/** The first resource of a kind that is free for [start, end) (no visit, no block), else the first of the kind. */
function firstFree<T extends { id: number }>(sqlite: Sqlite, type: ResourceType, candidates: T[], start: number, end: number, exclude: number | null): T {
  const blocks = loadBlocks(sqlite, start, end);
  const free = candidates.find(
    (c) => !blocks.some((b) => (type === 'room' ? b.roomId : b.deviceId) === c.id) && othersOverlapping(sqlite, type, c.id, start, end, exclude).length === 0,
  );
  return free ?? candidates[0];
}

/**
 * Validates a visit's services and turns them into planned segments: every service, provider, room and device
 * must exist and be active, the provider must perform the service, rooms and devices must be of the kind the
 * service needs (one is picked when none is given), and the services must follow each other without overlap.
 */
export function planSegments(sqlite: Sqlite, refs: Refs, segments: ParsedSegment[], exclude: number | null): Planned[] {
  const planned: Planned[] = [];
  segments.forEach((s, i) => {
    const path = `segments.${i}`;
    const service = refs.service.get(s.serviceId);
    if (!service?.active) throw fieldError('not_found', 'No such service (or it is no longer offered).', `${path}.serviceId`);
    const staff = refs.staff.get(s.staffId);
    if (!staff?.active) throw fieldError('not_found', 'No such provider (or they no longer work here).', `${path}.staffId`);
    if (!refs.mayPerform(s.staffId, s.serviceId)) throw fieldError('invalid_input', `${staff.name} does not perform ${service.name}.`, `${path}.staffId`);

    const start = ms(s.startsAt);
    const end = start + (s.durationMinutes ?? service.durationMinutes) * MINUTE;
    if (!(end > start)) throw fieldError('invalid_input', 'A service must end after it starts.', `${path}.durationMinutes`);
    const previous = planned[i - 1];
    if (previous && start < previous.start) throw fieldError('invalid_input', `${service.name} starts before ${previous.service.name}: list the services in the order they happen.`, `${path}.startsAt`);
    if (previous && start < previous.end) throw fieldError('invalid_input', `${service.name} overlaps ${previous.service.name}: one service must end before the next starts.`, `${path}.startsAt`);

    let roomId = s.roomId;
    if (roomId !== null) {
      const room = refs.room.get(roomId);
      if (!room?.active) throw fieldError('not_found', 'No such room.', `${path}.roomId`);
      if (service.roomKind && room.kind !== service.roomKind) throw fieldError('invalid_input', `${service.name} needs a ${service.roomKind} room; ${room.name} is a ${room.kind} room.`, `${path}.roomId`);
    } else if (service.roomKind) {
      const rooms = refs.roomsOfKind(service.roomKind);
      if (!rooms.length) throw fieldError('invalid_input', `${service.name} needs a ${service.roomKind} room and there is none.`, `${path}.roomId`);
      roomId = firstFree(sqlite, 'room', rooms, start, end, exclude).id;
    }

    let deviceId = s.deviceId;
    if (deviceId !== null) {
      const device = refs.device.get(deviceId);
      if (!device?.active) throw fieldError('not_found', 'No such device.', `${path}.deviceId`);
      if (service.deviceKind && device.kind !== service.deviceKind) throw fieldError('invalid_input', `${service.name} needs a ${service.deviceKind}; ${device.name} is a ${device.kind}.`, `${path}.deviceId`);
      if (roomId !== null && device.roomIds.length && !device.roomIds.includes(roomId)) {
        throw fieldError('invalid_input', `${device.name} cannot be used in ${refs.room.get(roomId)?.name ?? 'that room'}.`, `${path}.deviceId`);
      }
    } else if (service.deviceKind) {
      const devices = refs.devicesOfKind(service.deviceKind, roomId);
      if (!devices.length) throw fieldError('invalid_input', `${service.name} needs a ${service.deviceKind} that can be used in that room, and there is none.`, `${path}.deviceId`);
      deviceId = firstFree(sqlite, 'device', devices, start, end, exclude).id;
    }
    planned.push({ service, staffId: s.staffId, roomId, deviceId, start, end });
  });
  return planned;
}

/** A planned segment in the contract's input shape (what a slot or a series occurrence returns). */
export function segmentInputOf(p: Planned): { serviceId: number; staffId: number; roomId: number | null; deviceId: number | null; startsAt: string; durationMinutes: number } {
  return { serviceId: p.service.id, staffId: p.staffId, roomId: p.roomId, deviceId: p.deviceId, startsAt: iso(p.start), durationMinutes: Math.round((p.end - p.start) / MINUTE) };
}
