import type { Appointment, AppointmentStatus, VisitType } from '../../src-shared/contract/scheduling';
import { LumenError } from '../../src-shared/errors';
import { cached, type Sqlite } from '../core/db';
import { APPOINTMENT_COLUMNS, APPOINTMENTS, SEGMENTS_OF_SQL } from './queries';
import type { Selectable } from 'kysely';
import type { AppointmentServiceTable } from '../core/schema';
import type { Refs } from './refs';

/** A segment as SEGMENTS_OF_SQL and DAY_SQL select it. */
export type SegmentRow = Omit<Selectable<AppointmentServiceTable>, 'live'>;

/** An appointment with its patient, as APPOINTMENT_COLUMNS and DAY_SQL select it. */
export interface VisitRow {
  appointmentId: number;
  patientId: number;
  status: AppointmentStatus;
  visitType: VisitType;
  visitStartsAt: string;
  visitEndsAt: string;
  notes: string;
  seriesId: number | null;
  seriesIndex: number | null;
  seriesCount: number | null;
  cancelReason: string | null;
  lateCancel: number;
  overrideReason: string | null;
  createdAt: string;
  updatedAt: string;
  firstName: string;
  lastName: string;
  preferredName: string | null;
  patientNumber: string;
  allergyAlert: number;
  phone: string | null;
}

export const patientNameOf = (r: { firstName: string; lastName: string }): string => `${r.firstName} ${r.lastName}`;

export function toAppointment(v: VisitRow, segments: SegmentRow[], refs: Refs): Appointment {
  return {
    id: v.appointmentId,
    patientId: v.patientId,
    patientName: patientNameOf(v),
    patientNumber: v.patientNumber,
    allergyAlert: v.allergyAlert === 1,
    status: v.status,
    visitType: v.visitType,
    startsAt: v.visitStartsAt,
    endsAt: v.visitEndsAt,
    segments: segments.map((s) => {
      const service = refs.service.get(s.serviceId);
      return {
        id: s.id,
        serviceId: s.serviceId,
        serviceName: service?.name ?? '',
        categoryColor: service?.categoryColor ?? '#94a3b8',
        staffId: s.staffId,
        staffName: refs.staff.get(s.staffId)?.name ?? '',
        roomId: s.roomId,
        roomName: s.roomId === null ? null : (refs.room.get(s.roomId)?.name ?? null),
        deviceId: s.deviceId,
        deviceName: s.deviceId === null ? null : (refs.device.get(s.deviceId)?.name ?? null),
        startsAt: s.startsAt,
        endsAt: s.endsAt,
        priceCents: s.priceCents,
      };
    }),
    notes: v.notes,
    seriesId: v.seriesId,
    seriesIndex: v.seriesIndex,
    seriesCount: v.seriesCount,
    cancelReason: v.cancelReason,
    lateCancel: v.lateCancel === 1,
    overrideReason: v.overrideReason,
    createdAt: v.createdAt,
    updatedAt: v.updatedAt,
  };
}

export function visitRow(sqlite: Sqlite, id: number): VisitRow {
  const row = cached(sqlite, `SELECT ${APPOINTMENT_COLUMNS} FROM ${APPOINTMENTS} WHERE a.id = ?`).get(id) as VisitRow | undefined;
  if (!row) throw new LumenError('not_found', 'No such appointment.');
  return row;
}

export function segmentsOf(sqlite: Sqlite, appointmentId: number): SegmentRow[] {
  return cached(sqlite, SEGMENTS_OF_SQL).all(appointmentId) as SegmentRow[];
}

export function appointmentOf(sqlite: Sqlite, refs: Refs, id: number): Appointment {
  const v = visitRow(sqlite, id);
  return toAppointment(v, segmentsOf(sqlite, id), refs);
}
