import type { Appointment, DayView } from '../../src-shared/contract/scheduling';
import { fieldError } from '../../src-shared/errors';
import { addCalendarDays, isoOf } from '../../src-shared/time';
import { cached, type Sqlite } from '../core/db';
import type { HandlerContext, HandlerMap } from '../core/registry';
import { openingHours } from '../settings/index';
import { type Interval, loadBlocks, loadExceptions, roomAvailable, staffAvailable } from './availability';
import { LocalDay } from './local';
import { type SegmentRow, toAppointment, type VisitRow } from './present';
import { DAY_SQL } from './queries';
import { refsOf, type Refs } from './refs';

const STAFF_COLORS = ['#6366f1', '#ec4899', '#0ea5e9', '#f59e0b', '#10b981', '#8b5cf6', '#ef4444', '#14b8a6', '#84cc16', '#f97316'];

interface DayVisit {
  visit: VisitRow;
  segments: SegmentRow[];
  appointment: Appointment;
}

/** The visits of a clinic-local day (not cancelled), from one range scan of the day's segments. */
function dayVisits(sqlite: Sqlite, refs: Refs, day: LocalDay): DayVisit[] {
  const rows = cached(sqlite, DAY_SQL).all({ start: isoOf(day.start), end: isoOf(day.end) }) as (SegmentRow & VisitRow)[];
  const grouped = new Map<number, { visit: VisitRow; segments: SegmentRow[] }>();
  for (const row of rows) {
    const entry = grouped.get(row.appointmentId);
    if (entry) entry.segments.push(row);
    else grouped.set(row.appointmentId, { visit: row, segments: [row] });
  }
  return [...grouped.values()].map(({ visit, segments }) => {
    segments.sort((a, b) => a.position - b.position);
    return { visit, segments, appointment: toAppointment(visit, segments, refs) };
  });
}

const asInstants = (list: Interval[]) => list.map((r) => ({ startsAt: isoOf(r.start), endsAt: isoOf(r.end) }));

/** One clinic-local day's visits, blocks and bookable time, by provider or by room (all active ones unless `ids`). */
async function dayView(ctx: HandlerContext, refs: Refs, date: string, by: 'staff' | 'room', ids: number[] | undefined): Promise<DayView> {
  const { sqlite } = ctx;
  const { timeZone, calendarSlotMinutes: slotMinutes } = ctx.clinic();
  const day = new LocalDay(date, timeZone);
  const visits = dayVisits(sqlite, refs, day);
  const blocks = loadBlocks(sqlite, day.start, day.end);
  let columns: DayView['columns'];
  if (by === 'staff') {
    const hours = refs.hours;
    const exceptions = loadExceptions(sqlite, date, date).get(date);
    const booked = new Set(visits.flatMap((v) => v.segments.map((s) => s.staffId)));
    const shown = [...refs.staff.values()].filter((s) =>
      ids ? ids.includes(s.id) : s.active && (booked.has(s.id) || exceptions?.get(s.id)?.kind === 'hours' || (hours.get(s.id)?.[day.weekday].work.length ?? 0) > 0),
    );
    columns = shown.map((s) => ({ type: 'staff', id: s.id, name: s.name, color: STAFF_COLORS[s.id % STAFF_COLORS.length], available: asInstants(staffAvailable(s.id, refs.workOn(s.id, day, exceptions?.get(s.id)), blocks)) }));
  } else {
    const opening = await openingHours(ctx.db);
    const shown = [...refs.room.values()].filter((r) => (ids ? ids.includes(r.id) : r.active));
    columns = shown.map((r) => ({ type: 'room', id: r.id, name: r.name, color: r.color, available: asInstants(roomAvailable(r.id, day, opening, blocks)) }));
  }
  const inColumns = (s: SegmentRow, shown: number[]) => shown.includes(by === 'staff' ? s.staffId : (s.roomId ?? 0));
  return {
    date,
    timeZone,
    startsAt: isoOf(day.start),
    endsAt: isoOf(day.end),
    slotMinutes,
    columns,
    appointments: visits.filter((v) => !ids || v.segments.some((s) => inColumns(s, ids))).map((v) => v.appointment),
    blocks,
  };
}

export const viewHandlers: HandlerMap<'appointments.day' | 'appointments.week' | 'scheduling.dayList'> = {
  'appointments.day': async ({ date, by, ids }, ctx) => dayView(ctx, await refsOf(ctx), date, by, ids),

  'appointments.week': async ({ staffId, weekStart }, ctx) => {
    const refs = await refsOf(ctx);
    if (!refs.staff.has(staffId)) throw fieldError('not_found', 'No such provider.', 'staffId', 'No such provider');
    const days = [];
    for (let i = 0; i < 7; i++) days.push(await dayView(ctx, refs, addCalendarDays(weekStart, i), 'staff', [staffId]));
    return { days };
  },

  'scheduling.dayList': async ({ date, by, id }, ctx) => {
    const refs = await refsOf(ctx);
    const name = by === 'staff' ? refs.staff.get(id)?.name : refs.room.get(id)?.name;
    if (name === undefined) throw fieldError('not_found', by === 'staff' ? 'No such provider.' : 'No such room.', 'id', 'Not found');
    const timeZone = ctx.clinic().timeZone;
    const rows = dayVisits(ctx.sqlite, refs, new LocalDay(date, timeZone)).flatMap(({ visit, appointment }) => {
      const mine = appointment.segments.filter((s) => (by === 'staff' ? s.staffId === id : s.roomId === id));
      if (!mine.length) return [];
      return [
        {
          startsAt: mine[0].startsAt,
          endsAt: mine[mine.length - 1].endsAt,
          patientName: appointment.patientName,
          patientNumber: appointment.patientNumber,
          phone: visit.phone,
          allergyAlert: appointment.allergyAlert,
          services: mine.map((s) => s.serviceName),
          providerName: [...new Set(mine.map((s) => s.staffName))].join(', '),
          roomName: mine.find((s) => s.roomName !== null)?.roomName ?? null,
          status: appointment.status,
          visitType: appointment.visitType,
          notes: appointment.notes,
        },
      ];
    });
    rows.sort((a, b) => a.startsAt.localeCompare(b.startsAt));
    return { date, timeZone, title: `${name} · ${date}`, rows };
  },
};
