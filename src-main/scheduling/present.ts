import type { Appointment, AppointmentStatus, VisitType } from '../../src-shared/contract/scheduling';
import { LumenError } from '../../src-shared/errors';
import type { Db } from '../core/db';
import type { Selectable } from 'kysely';
import type { AppointmentServiceTable } from '../core/schema-calendar';
import type { Refs } from './refs';

/** A segment as segmentsOf and DAY_SQL select it. */
export type SegmentRow = Omit<Selectable<AppointmentServiceTable>, 'live'>;

/** An appointment with its patient, as visitRows and DAY_SQL select it. */
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

/** Appointments with their patient and series length, as VisitRow. */
export function visitRows(db: Db) {
  return db
    .selectFrom('appointment as a')
    .innerJoin('patient as p', 'p.id', 'a.patientId')
    .leftJoin('series as se', 'se.id', 'a.seriesId')
    .select([
      'a.id as appointmentId',
      'a.patientId',
      'a.status',
      'a.visitType',
      'a.startsAt as visitStartsAt',
      'a.endsAt as visitEndsAt',
      'a.notes',
      'a.seriesId',
      'a.seriesIndex',
      'se.count as seriesCount',
      'a.cancelReason',
      'a.lateCancel',
      'a.overrideReason',
      'a.createdAt',
      'a.updatedAt',
      'p.firstName',
      'p.lastName',
      'p.preferredName',
      'p.number as patientNumber',
      'p.allergyAlert',
      'p.phone',
    ]);
}

export async function visitRow(db: Db, id: number): Promise<VisitRow> {
  const row = await visitRows(db).where('a.id', '=', id).executeTakeFirst();
  if (!row) throw new LumenError('not_found', 'No such appointment.');
  return row;
}

export function segmentsOf(db: Db, appointmentId: number): Promise<SegmentRow[]> {
  return db
    .selectFrom('appointmentService')
    .select(['id', 'appointmentId', 'position', 'serviceId', 'staffId', 'roomId', 'deviceId', 'startsAt', 'endsAt', 'priceCents'])
    .where('appointmentId', '=', appointmentId)
    .orderBy('position')
    .execute();
}

export async function appointmentOf(db: Db, refs: Refs, id: number): Promise<Appointment> {
  return toAppointment(await visitRow(db, id), await segmentsOf(db, id), refs);
}
