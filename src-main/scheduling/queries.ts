import { isoOf } from '../../src-shared/time';

/**
 * The SQL of the calendar's hot paths, exported so the benchmark's raw-SQL floor runs exactly the same text.
 * Instants are ISO-8601 UTC text ("2026-03-02T09:00:00.000Z"), so text comparison is time order.
 */

/** No segment is longer than this (the contract caps a segment at 12 h), so an overlap scan may start this far back. */
export const LONGEST_SEGMENT_MS = 12 * 60 * 60_000;
/** No block is longer than this (saveBlock refuses longer ones), for the same reason. */
export const LONGEST_BLOCK_DAYS = 92;
export const LONGEST_BLOCK_MS = LONGEST_BLOCK_DAYS * 24 * 60 * 60_000;

/**
 * The parameters that turn "live segments of resource @id overlapping [start, end)" into an index range scan:
 * segments starting in [start − 12 h, end) that end after start; `exclude` is an appointment to leave out.
 */
export function overlapScan(id: number, start: number, end: number, exclude: number | null = null): { id: number; lo: string; start: string; end: string; exclude: number } {
  return { id, lo: isoOf(start - LONGEST_SEGMENT_MS), start: isoOf(start), end: isoOf(end), exclude: exclude ?? 0 };
}

const OTHER_VISIT = `s.appointmentId, s.startsAt, s.endsAt, p.firstName || ' ' || p.lastName AS patientName
  FROM appointmentService s JOIN appointment a ON a.id = s.appointmentId JOIN patient p ON p.id = a.patientId`;

/**
 * Conflict scans: other live visits of one provider, room or device overlapping [start, end).
 * Parameters (see overlapScan): @id, @lo = start − 12 h, @start, @end, @exclude (an appointment id to
 * leave out, 0 for none). Each is a range scan of the partial index appointmentService_staff / _room / _device.
 */
export const CONFLICT_SQL = {
  staff: `SELECT ${OTHER_VISIT}
  WHERE s.staffId = @id AND s.live = 1 AND s.startsAt >= @lo AND s.startsAt < @end AND s.endsAt > @start AND s.appointmentId <> @exclude
  ORDER BY s.startsAt`,
  room: `SELECT ${OTHER_VISIT}
  WHERE s.roomId = @id AND s.live = 1 AND s.startsAt >= @lo AND s.startsAt < @end AND s.endsAt > @start AND s.appointmentId <> @exclude
  ORDER BY s.startsAt`,
  device: `SELECT ${OTHER_VISIT}
  WHERE s.deviceId = @id AND s.live = 1 AND s.startsAt >= @lo AND s.startsAt < @end AND s.endsAt > @start AND s.appointmentId <> @exclude
  ORDER BY s.startsAt`,
} as const;

/** Blocks and closures overlapping [@start, @end): a range scan of block_startsAt from @lo = start − 92 days. */
export const BLOCKS_SQL = `SELECT id, staffId, roomId, deviceId, startsAt, endsAt, kind, reason FROM block
  WHERE startsAt >= @lo AND startsAt < @end AND endsAt > @start ORDER BY startsAt`;

export function blockScan(start: number, end: number): { lo: string; start: string; end: string } {
  return { lo: isoOf(start - LONGEST_BLOCK_MS), start: isoOf(start), end: isoOf(end) };
}

/**
 * Next available: the live visits of one provider, room or device in the search window, in start order — a range
 * scan of its covering partial index (already in that order) — as intervals in epoch milliseconds: SQLite reads
 * the instants (the search reads thousands) faster than Date.parse does. Parameters: @id, @lo = window start − 12 h,
 * @start, @end, @exclude (appointment id or 0).
 */
export const BUSY_SQL = {
  staff: `SELECT round(unixepoch(startsAt, 'subsec') * 1000) AS start, round(unixepoch(endsAt, 'subsec') * 1000) AS end FROM appointmentService
  WHERE staffId = @id AND live = 1 AND startsAt >= @lo AND startsAt < @end AND endsAt > @start AND appointmentId <> @exclude ORDER BY startsAt`,
  room: `SELECT round(unixepoch(startsAt, 'subsec') * 1000) AS start, round(unixepoch(endsAt, 'subsec') * 1000) AS end FROM appointmentService
  WHERE roomId = @id AND live = 1 AND startsAt >= @lo AND startsAt < @end AND endsAt > @start AND appointmentId <> @exclude ORDER BY startsAt`,
  device: `SELECT round(unixepoch(startsAt, 'subsec') * 1000) AS start, round(unixepoch(endsAt, 'subsec') * 1000) AS end FROM appointmentService
  WHERE deviceId = @id AND live = 1 AND startsAt >= @lo AND startsAt < @end AND endsAt > @start AND appointmentId <> @exclude ORDER BY startsAt`,
} as const;

/** Every provider's exceptions in a range of local dates: parameters (from, to). */
export const EXCEPTIONS_SQL = 'SELECT id, staffId, date, kind, startsAt, endsAt, reason FROM staffException WHERE date >= ? AND date <= ? ORDER BY date, staffId';
/** A provider's exception on one local date (conflict checks): parameters (date, staffId). */
export const EXCEPTION_OF_SQL = 'SELECT id, staffId, date, kind, startsAt, endsAt, reason FROM staffException WHERE date = ? AND staffId = ?';

/**
 * Day view: the day's segments with their visit, patient and series length, one range scan of
 * appointmentService_startsAt. Parameters: @start, @end (the clinic-local day as instants). Cancelled visits are
 * left out; no-shows stay.
 */
export const DAY_SQL = `SELECT s.id, s.appointmentId, s.position, s.serviceId, s.staffId, s.roomId, s.deviceId, s.startsAt, s.endsAt, s.priceCents,
    a.patientId, a.status, a.visitType, a.startsAt AS visitStartsAt, a.endsAt AS visitEndsAt, a.notes, a.seriesId, a.seriesIndex, se.count AS seriesCount,
    a.cancelReason, a.lateCancel, a.overrideReason, a.createdAt, a.updatedAt,
    p.firstName, p.lastName, p.preferredName, p.number AS patientNumber, p.allergyAlert, p.phone
  FROM appointmentService s JOIN appointment a ON a.id = s.appointmentId JOIN patient p ON p.id = a.patientId LEFT JOIN series se ON se.id = a.seriesId
  WHERE s.startsAt >= @start AND s.startsAt < @end AND a.status <> 'cancelled'
  ORDER BY s.startsAt, s.appointmentId, s.position`;
