import type { Conflict } from '../../src-shared/contract/scheduling';
import { cached, type Sqlite } from '../core/db';
import { type BlockRow, type ExceptionRow, isClosure, loadBlocks } from './availability';
import { clockOf, iso, localParts } from './local';
import { CONFLICT_SQL, EXCEPTION_OF_SQL, overlapScanParams } from './queries';
import type { Refs, ServiceRef } from './refs';

/** One service of a visit once validated: who, where, when (epoch ms). */
export interface Planned {
  service: ServiceRef;
  staffId: number;
  roomId: number | null;
  deviceId: number | null;
  start: number;
  end: number;
}

interface OtherVisit {
  appointmentId: number;
  startsAt: string;
  endsAt: string;
  patientName: string;
}

export type ResourceType = 'staff' | 'room' | 'device';

/** Other live visits of a provider, room or device overlapping [start, end): an index range scan. */
export function othersOverlapping(sqlite: Sqlite, type: ResourceType, id: number, start: number, end: number, exclude: number | null): OtherVisit[] {
  return cached(sqlite, CONFLICT_SQL[type]).all({ id, ...overlapScanParams(iso(start), iso(end), exclude) }) as OtherVisit[];
}

const WEEKDAYS = ['', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** "10:00–11:00", or with dates when the range leaves the day of `day`. */
function range(start: number, end: number, timeZone: string, day?: string): string {
  const a = localParts(start, timeZone);
  const b = localParts(end, timeZone);
  if (a.date === b.date && a.date === (day ?? a.date)) return `${clockOf(a.minute)}–${clockOf(b.minute)}`;
  return `${a.date} ${clockOf(a.minute)} – ${b.date} ${clockOf(b.minute)}`;
}

function exceptionOf(sqlite: Sqlite, staffId: number, date: string): ExceptionRow | undefined {
  return cached(sqlite, EXCEPTION_OF_SQL).get(date, staffId) as ExceptionRow | undefined;
}

const blockLabel = (b: BlockRow) => (b.reason ? `${b.kind}: ${b.reason}` : b.kind);

/**
 * Everything that makes a booking not clean, each explained in a sentence reception can act on: another visit of
 * the provider, room or device (with that patient's name), a block, a clinic closure, time outside the provider's
 * hours or on an exception day. `exclude` leaves out the appointment being moved.
 */
export function findConflicts(sqlite: Sqlite, refs: Refs, planned: Planned[], timeZone: string, exclude: number | null): Conflict[] {
  const conflicts: Conflict[] = [];
  const from = Math.min(...planned.map((p) => p.start));
  const to = Math.max(...planned.map((p) => p.end));
  const blocks = loadBlocks(sqlite, iso(from), iso(to));

  planned.forEach((p, segmentIndex) => {
    const staffName = refs.staff.get(p.staffId)?.name ?? `#${p.staffId}`;
    const local = localParts(p.start, timeZone);
    const add = (c: Omit<Conflict, 'segmentIndex' | 'appointmentId' | 'patientName'> & Partial<Pick<Conflict, 'appointmentId' | 'patientName'>>) =>
      conflicts.push({ segmentIndex, appointmentId: null, patientName: null, ...c });

    for (const o of othersOverlapping(sqlite, 'staff', p.staffId, p.start, p.end, exclude)) {
      add({
        kind: 'appointment',
        resource: { type: 'staff', id: p.staffId, name: staffName },
        startsAt: o.startsAt,
        endsAt: o.endsAt,
        appointmentId: o.appointmentId,
        patientName: o.patientName,
        message: `${staffName} is already seeing ${o.patientName} ${range(Date.parse(o.startsAt), Date.parse(o.endsAt), timeZone, local.date)}.`,
      });
    }
    const places: [ResourceType, number | null, 'roomBusy' | 'deviceBusy'][] = [
      ['room', p.roomId, 'roomBusy'],
      ['device', p.deviceId, 'deviceBusy'],
    ];
    for (const [type, id, kind] of places) {
      if (id === null) continue;
      const name = (type === 'room' ? refs.room.get(id)?.name : refs.device.get(id)?.name) ?? `#${id}`;
      for (const o of othersOverlapping(sqlite, type, id, p.start, p.end, exclude)) {
        add({
          kind,
          resource: { type, id, name },
          startsAt: o.startsAt,
          endsAt: o.endsAt,
          appointmentId: o.appointmentId,
          patientName: o.patientName,
          message: `${name} is in use for ${o.patientName} ${range(Date.parse(o.startsAt), Date.parse(o.endsAt), timeZone, local.date)}.`,
        });
      }
    }

    for (const b of blocks) {
      const bs = Date.parse(b.startsAt);
      const be = Date.parse(b.endsAt);
      if (bs >= p.end || be <= p.start) continue;
      const span = range(bs, be, timeZone, local.date);
      if (isClosure(b)) {
        add({ kind: 'closure', resource: { type: 'clinic', id: null, name: 'Clinic' }, startsAt: b.startsAt, endsAt: b.endsAt, message: `The clinic is closed ${span} (${blockLabel(b)}).` });
        continue;
      }
      const hits: [ResourceType, number | null, string | undefined][] = [
        ['staff', b.staffId, staffName],
        ['room', b.roomId, b.roomId === null ? undefined : refs.room.get(b.roomId)?.name],
        ['device', b.deviceId, b.deviceId === null ? undefined : refs.device.get(b.deviceId)?.name],
      ];
      for (const [type, id, name] of hits) {
        const mine = type === 'staff' ? p.staffId : type === 'room' ? p.roomId : p.deviceId;
        if (id === null || id !== mine) continue;
        add({ kind: 'block', resource: { type, id, name: name ?? `#${id}` }, startsAt: b.startsAt, endsAt: b.endsAt, message: `${name ?? `#${id}`} is blocked ${span} (${blockLabel(b)}).` });
      }
    }

    const exception = exceptionOf(sqlite, p.staffId, local.date);
    const work = refs.workOn(p.staffId, local.date, exception, timeZone);
    if (!work.some((w) => w.start <= p.start && p.end <= w.end)) {
      const hoursText = work.map((w) => range(w.start, w.end, timeZone)).join(', ');
      const when = range(p.start, p.end, timeZone);
      const resource = { type: 'staff' as const, id: p.staffId, name: staffName };
      const base = { resource, startsAt: iso(p.start), endsAt: iso(p.end) };
      const why = exception?.reason ? ` (${exception.reason})` : '';
      if (exception?.kind === 'off') add({ ...base, kind: 'exception', message: `${staffName} is off on ${local.date}${why}.` });
      else if (exception) add({ ...base, kind: 'exception', message: `${staffName} works only ${hoursText} on ${local.date}${why}; ${when} is outside that.` });
      else if (!work.length) add({ ...base, kind: 'outsideHours', message: `${staffName} does not work on ${WEEKDAYS[local.weekday]}s.` });
      else add({ ...base, kind: 'outsideHours', message: `${when} is outside ${staffName}’s hours on ${WEEKDAYS[local.weekday]} (${hoursText}).` });
    }
  });
  return conflicts;
}
