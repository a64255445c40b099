import type { Conflict } from '../../src-shared/contract/scheduling';
import { cached, type Sqlite } from '../core/db';
import { type BlockRow, type ExceptionRow, inside, type Interval, isClosure, loadBlocks } from './availability';
import { hhmm } from '../../src-shared/time';
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

/** A block parsed once for all segments of a visit. */
interface TimedBlock {
  row: BlockRow;
  start: number;
  end: number;
}

/**
 * Everything that makes a booking not clean, each explained in a sentence reception can act on: another visit of
 * the provider, room or device (with that patient's name), a block, a clinic closure, time outside the provider's
 * hours or on an exception day. `exclude` leaves out the appointment being moved.
 */
export function findConflicts(sqlite: Sqlite, refs: Refs, planned: Planned[], timeZone: string, exclude: number | null): Conflict[] {
  const conflicts: Conflict[] = [];
  let from = Infinity;
  let to = -Infinity;
  for (const p of planned) {
    from = Math.min(from, p.start);
    to = Math.max(to, p.end);
  }
  const blocks: TimedBlock[] = loadBlocks(sqlite, from, to).map((row) => ({ row, start: Date.parse(row.startsAt), end: Date.parse(row.endsAt) }));
  for (let segmentIndex = 0; segmentIndex < planned.length; segmentIndex++) {
    addConflictsOf(conflicts, segmentIndex, { sqlite, refs, p: planned[segmentIndex], blocks, timeZone, exclude });
  }
  return conflicts;
}

interface SegmentCheck {
  sqlite: Sqlite;
  refs: Refs;
  p: Planned;
  blocks: TimedBlock[];
  timeZone: string;
  exclude: number | null;
}

/** Conflicts of one segment as they are found (a class, so a check allocates no closures). */
class SegmentConflicts {
  constructor(
    private readonly out: Conflict[],
    private readonly segmentIndex: number,
    private readonly timeZone: string,
    private readonly date: string,
  ) {}

  /** Another visit in the way: `lead` is the sentence up to its time ("Ana is already seeing Bob"). */
  visit(kind: 'appointment' | 'roomBusy' | 'deviceBusy', resource: Conflict['resource'], o: OtherVisit, lead: string): void {
    const message = `${lead} ${range(Date.parse(o.startsAt), Date.parse(o.endsAt), this.timeZone, this.date)}.`;
    this.out.push({ segmentIndex: this.segmentIndex, kind, resource, startsAt: o.startsAt, endsAt: o.endsAt, appointmentId: o.appointmentId, patientName: o.patientName, message });
  }

  other(kind: Conflict['kind'], resource: Conflict['resource'], startsAt: string, endsAt: string, message: string): void {
    this.out.push({ segmentIndex: this.segmentIndex, kind, resource, startsAt, endsAt, appointmentId: null, patientName: null, message });
  }
}

function addConflictsOf(out: Conflict[], segmentIndex: number, { sqlite, refs, p, blocks, timeZone, exclude }: SegmentCheck): void {
  const staff: Conflict['resource'] = { type: 'staff', id: p.staffId, name: refs.staff.get(p.staffId)?.name ?? `#${p.staffId}` };
  const local = localParts(p.start, timeZone);
  const found = new SegmentConflicts(out, segmentIndex, timeZone, local.date);

  for (const o of othersOverlapping(sqlite, 'staff', p.staffId, p.start, p.end, exclude)) found.visit('appointment', staff, o, `${staff.name} is already seeing ${o.patientName}`);
  const room: Conflict['resource'] | null = p.roomId === null ? null : { type: 'room', id: p.roomId, name: refs.room.get(p.roomId)?.name ?? `#${p.roomId}` };
  if (room) for (const o of othersOverlapping(sqlite, 'room', p.roomId!, p.start, p.end, exclude)) found.visit('roomBusy', room, o, `${room.name} is in use for ${o.patientName}`);
  const device: Conflict['resource'] | null = p.deviceId === null ? null : { type: 'device', id: p.deviceId, name: refs.device.get(p.deviceId)?.name ?? `#${p.deviceId}` };
  if (device) for (const o of othersOverlapping(sqlite, 'device', p.deviceId!, p.start, p.end, exclude)) found.visit('deviceBusy', device, o, `${device.name} is in use for ${o.patientName}`);

  for (const { row: b, start, end } of blocks) {
    if (start >= p.end || end <= p.start) continue;
    const span = range(start, end, timeZone, local.date);
    if (isClosure(b)) {
      found.other('closure', { type: 'clinic', id: null, name: 'Clinic' }, b.startsAt, b.endsAt, `The clinic is closed ${span} (${blockLabel(b)}).`);
      continue;
    }
    for (const resource of [staff, room, device]) {
      const blockedId = resource?.type === 'staff' ? b.staffId : resource?.type === 'room' ? b.roomId : b.deviceId;
      if (resource && blockedId === resource.id) found.other('block', resource, b.startsAt, b.endsAt, `${resource.name} is blocked ${span} (${blockLabel(b)}).`);
    }
  }

  const exception = exceptionOf(sqlite, p.staffId, local.date);
  const work = refs.workOn(p.staffId, new LocalDay(local.date, timeZone), exception);
  if (inside(work, p.start, p.end)) return;
  const { kind, message } = hoursProblem(p, staff.name, local, work, exception, timeZone);
  found.other(kind, staff, new Date(p.start).toISOString(), new Date(p.end).toISOString(), message);
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
