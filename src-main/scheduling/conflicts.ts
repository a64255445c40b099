import type { Conflict } from '../../src-shared/contract/scheduling';
import { hhmm, isoOf } from '../../src-shared/time';
import { cached, type Sqlite } from '../core/db';
import { type BlockRow, type ExceptionRow, inside, type Interval, isClosure, loadBlocks, toInterval } from './availability';
import { LocalDay, type LocalParts, localParts } from './local';
import { CONFLICT_SQL, EXCEPTION_OF_SQL, overlapScan } from './queries';
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
  return cached(sqlite, CONFLICT_SQL[type]).all(overlapScan(id, start, end, exclude)) as OtherVisit[];
}

const WEEKDAYS = ['', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** "10:00–11:00", or with dates when the range leaves the day of `day`. */
function range(start: number, end: number, timeZone: string, day?: string): string {
  const a = localParts(start, timeZone);
  const b = localParts(end, timeZone);
  if (a.date === b.date && a.date === (day ?? a.date)) return `${hhmm(a.minute)}–${hhmm(b.minute)}`;
  return `${a.date} ${hhmm(a.minute)} – ${b.date} ${hhmm(b.minute)}`;
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
  const blocks = loadBlocks(sqlite, Math.min(...planned.map((p) => p.start)), Math.max(...planned.map((p) => p.end)));
  return planned.flatMap((p, segmentIndex) => conflictsOf(sqlite, refs, p, segmentIndex, blocks, timeZone, exclude));
}

function conflictsOf(sqlite: Sqlite, refs: Refs, p: Planned, segmentIndex: number, blocks: BlockRow[], timeZone: string, exclude: number | null): Conflict[] {
  const local = localParts(p.start, timeZone);
  const conflict = (kind: Conflict['kind'], resource: Conflict['resource'], startsAt: string, endsAt: string, message: string, other?: OtherVisit): Conflict => ({
    segmentIndex,
    kind,
    resource,
    startsAt,
    endsAt,
    appointmentId: other?.appointmentId ?? null,
    patientName: other?.patientName ?? null,
    message,
  });
  /** Other visits of a resource in the way: `lead` is the sentence up to their time ("Ana is already seeing Bob"). */
  const otherVisits = (kind: 'appointment' | 'roomBusy' | 'deviceBusy', resource: Conflict['resource'] & { type: ResourceType; id: number }, lead: (o: OtherVisit) => string) =>
    othersOverlapping(sqlite, resource.type, resource.id, p.start, p.end, exclude).map((o) =>
      conflict(kind, resource, o.startsAt, o.endsAt, `${lead(o)} ${range(Date.parse(o.startsAt), Date.parse(o.endsAt), timeZone, local.date)}.`, o),
    );

  const staff = { type: 'staff' as const, id: p.staffId, name: refs.staff.get(p.staffId)?.name ?? `#${p.staffId}` };
  const room = p.roomId === null ? null : { type: 'room' as const, id: p.roomId, name: refs.room.get(p.roomId)?.name ?? `#${p.roomId}` };
  const device = p.deviceId === null ? null : { type: 'device' as const, id: p.deviceId, name: refs.device.get(p.deviceId)?.name ?? `#${p.deviceId}` };
  const found = [
    ...otherVisits('appointment', staff, (o) => `${staff.name} is already seeing ${o.patientName}`),
    ...(room ? otherVisits('roomBusy', room, (o) => `${room.name} is in use for ${o.patientName}`) : []),
    ...(device ? otherVisits('deviceBusy', device, (o) => `${device.name} is in use for ${o.patientName}`) : []),
  ];

  for (const b of blocks) {
    const { start, end } = toInterval(b);
    if (start >= p.end || end <= p.start) continue;
    const span = range(start, end, timeZone, local.date);
    if (isClosure(b)) {
      found.push(conflict('closure', { type: 'clinic', id: null, name: 'Clinic' }, b.startsAt, b.endsAt, `The clinic is closed ${span} (${blockLabel(b)}).`));
      continue;
    }
    for (const resource of [staff, room, device]) {
      const blockedId = resource?.type === 'staff' ? b.staffId : resource?.type === 'room' ? b.roomId : b.deviceId;
      if (resource && blockedId === resource.id) found.push(conflict('block', resource, b.startsAt, b.endsAt, `${resource.name} is blocked ${span} (${blockLabel(b)}).`));
    }
  }

  const exception = exceptionOf(sqlite, p.staffId, local.date);
  const work = refs.workOn(p.staffId, new LocalDay(local.date, timeZone), exception);
  if (!inside(work, p.start, p.end)) {
    const { kind, message } = hoursProblem(p, staff.name, local, work, exception, timeZone);
    found.push(conflict(kind, staff, isoOf(p.start), isoOf(p.end), message));
  }
  return found;
}

/** Why a segment outside the provider's hours, or on an exception day, cannot be booked plainly. */
function hoursProblem(p: Planned, staffName: string, local: LocalParts, work: Interval[], exception: ExceptionRow | undefined, timeZone: string): { kind: 'exception' | 'outsideHours'; message: string } {
  const hoursText = work.map((w) => range(w.start, w.end, timeZone)).join(', ');
  const when = range(p.start, p.end, timeZone);
  const why = exception?.reason ? ` (${exception.reason})` : '';
  if (exception?.kind === 'off') return { kind: 'exception', message: `${staffName} is off on ${local.date}${why}.` };
  if (exception) return { kind: 'exception', message: `${staffName} works only ${hoursText} on ${local.date}${why}; ${when} is outside that.` };
  if (!work.length) return { kind: 'outsideHours', message: `${staffName} does not work on ${WEEKDAYS[local.weekday]}s.` };
  return { kind: 'outsideHours', message: `${when} is outside ${staffName}’s hours on ${WEEKDAYS[local.weekday]} (${hoursText}).` };
}
