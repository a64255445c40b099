import type { z } from 'zod';
import type { SegmentInput } from '../../src-shared/contract/scheduling';
import { fieldError } from '../../src-shared/errors';
import { isoOf, MINUTE_MS } from '../../src-shared/time';
import type { Sqlite } from '../core/db';
import { type BlockRow, loadBlocks } from './availability';
import { othersOverlapping, type Planned } from './conflicts';
import type { Place, Refs, ServiceRef } from './refs';

export type ParsedSegment = z.output<typeof SegmentInput>;

/**
 * The room and device for a service over some time: the ones given, else the first pair that is free and fits
 * together (a device may work only in some rooms, so a busy laser in one room must not hide a free one in the next);
 * null when no pair is free.
 */
export function freePlace(refs: Refs, service: ServiceRef, given: Place, isFree: (type: 'room' | 'device', id: number) => boolean): Place | null {
  for (const { roomId, deviceIds } of refs.placements(service, given)) {
    if (roomId !== null && given.roomId === null && !isFree('room', roomId)) continue;
    const deviceId = deviceIds.find((id) => id === null || given.deviceId !== null || isFree('device', id));
    if (deviceId !== undefined) return { roomId, deviceId };
  }
  return null;
}

/** Free when neither a block nor another live visit of the room or device overlaps [start, end). */
function freeAt(sqlite: Sqlite, start: number, end: number, exclude: number | null): (type: 'room' | 'device', id: number) => boolean {
  let blocks: BlockRow[] | undefined;
  return (type, id) => {
    blocks ??= loadBlocks(sqlite, start, end);
    return !blocks.some((b) => (type === 'room' ? b.roomId : b.deviceId) === id) && othersOverlapping(sqlite, type, id, start, end, exclude).length === 0;
  };
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

    const start = Date.parse(s.startsAt);
    const end = start + (s.durationMinutes ?? service.durationMinutes) * MINUTE_MS;
    if (!(end > start)) throw fieldError('invalid_input', 'A service must end after it starts.', `${path}.durationMinutes`);
    const previous = planned[i - 1];
    if (previous && start < previous.start) throw fieldError('invalid_input', `${service.name} starts before ${previous.service.name}: list the services in the order they happen.`, `${path}.startsAt`);
    if (previous && start < previous.end) throw fieldError('invalid_input', `${service.name} overlaps ${previous.service.name}: one service must end before the next starts.`, `${path}.startsAt`);

    if (s.roomId !== null) {
      const room = refs.room.get(s.roomId);
      if (!room?.active) throw fieldError('not_found', 'No such room.', `${path}.roomId`);
      if (service.roomKind && room.kind !== service.roomKind) throw fieldError('invalid_input', `${service.name} needs a ${service.roomKind} room; ${room.name} is a ${room.kind} room.`, `${path}.roomId`);
    } else if (service.roomKind && !refs.roomsOfKind(service.roomKind).length) {
      throw fieldError('invalid_input', `${service.name} needs a ${service.roomKind} room and there is none.`, `${path}.roomId`);
    }
    if (s.deviceId !== null) {
      const device = refs.device.get(s.deviceId);
      if (!device?.active) throw fieldError('not_found', 'No such device.', `${path}.deviceId`);
      if (service.deviceKind && device.kind !== service.deviceKind) throw fieldError('invalid_input', `${service.name} needs a ${service.deviceKind}; ${device.name} is a ${device.kind}.`, `${path}.deviceId`);
      if (s.roomId !== null && device.roomIds.length && !device.roomIds.includes(s.roomId)) {
        throw fieldError('invalid_input', `${device.name} cannot be used in ${refs.room.get(s.roomId)?.name ?? 'that room'}.`, `${path}.deviceId`);
      }
    }
    const given = { roomId: s.roomId, deviceId: s.deviceId };
    // A busy pair is still chosen when nothing is free: the conflict check then explains what is in the way.
    const place = !service.roomKind && !service.deviceKind ? given : (freePlace(refs, service, given, freeAt(sqlite, start, end, exclude)) ?? freePlace(refs, service, given, () => true));
    if (!place) {
      const field = s.deviceId === null && service.deviceKind ? 'deviceId' : 'roomId';
      throw fieldError('invalid_input', `${service.name} needs a ${service.deviceKind ?? service.roomKind} that can be used in ${s.roomId === null ? `a ${service.roomKind} room` : 'that room'}, and there is none.`, `${path}.${field}`);
    }
    const { roomId, deviceId } = place;
    planned.push({ service, staffId: s.staffId, roomId, deviceId, start, end });
  });
  return planned;
}

/** A planned segment in the contract's input shape (what a slot or a series occurrence returns). */
export function segmentInputOf(p: Planned): { serviceId: number; staffId: number; roomId: number | null; deviceId: number | null; startsAt: string; durationMinutes: number } {
  return { serviceId: p.service.id, staffId: p.staffId, roomId: p.roomId, deviceId: p.deviceId, startsAt: isoOf(p.start), durationMinutes: Math.round((p.end - p.start) / MINUTE_MS) };
}
