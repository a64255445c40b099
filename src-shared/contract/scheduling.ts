import { z } from 'zod';
import { method } from './method';
import { CalendarDate, ClockTime, Color, Empty, Id, Instant, MultiLineText, Name, Ok, OneLineText, ShortText } from './common';

/* ───────────── resources ───────────── */

export const Room = z.object({ id: Id, name: z.string(), kind: z.string(), color: z.string(), active: z.boolean() });
export type Room = z.infer<typeof Room>;
export const RoomInput = z.strictObject({
  id: Id.optional(),
  name: Name,
  /** What the room is equipped for; services ask for a room kind ("treatment", "laser", "consult"). */
  kind: OneLineText.min(1).max(40),
  color: Color.default('#94a3b8'),
  active: z.boolean().default(true),
});

export const Device = z.object({ id: Id, name: z.string(), kind: z.string(), roomIds: z.array(Id), active: z.boolean() });
export type Device = z.infer<typeof Device>;
export const DeviceInput = z.strictObject({
  id: Id.optional(),
  name: Name,
  /** Services ask for a device kind ("laser", "ipl", "hydrafacial"). */
  kind: OneLineText.min(1).max(40),
  /** Rooms the device can be wheeled into; empty means any room. */
  roomIds: z.array(Id).max(50).default([]),
  active: z.boolean().default(true),
});

/** What a service needs to be booked: who may perform it, and which room/device kinds. */
export const ServiceRules = z.object({
  serviceId: Id,
  providerIds: z.array(Id),
  roomKind: z.string().nullable(),
  deviceKind: z.string().nullable(),
  prepInstructions: z.string(),
});
export type ServiceRules = z.infer<typeof ServiceRules>;
export const ServiceRulesInput = z.strictObject({
  serviceId: Id,
  /** Empty: any active practitioner may perform it. */
  providerIds: z.array(Id).max(100),
  roomKind: OneLineText.min(1).max(40).nullable().default(null),
  deviceKind: OneLineText.min(1).max(40).nullable().default(null),
  prepInstructions: MultiLineText.max(2000).default(''),
});

/** Weekday 1 = Monday … 7 = Sunday. `rest` intervals (lunch, admin time) are cut out of `work` intervals. */
export const HoursInterval = z.strictObject({ weekday: z.number().int().min(1).max(7), startsAt: ClockTime, endsAt: ClockTime, kind: z.enum(['work', 'rest']).default('work') });
export type HoursInterval = z.infer<typeof HoursInterval>;

export const exceptionKinds = ['off', 'hours'] as const;
export const StaffException = z.object({
  id: Id,
  staffId: Id,
  date: CalendarDate,
  kind: z.enum(exceptionKinds),
  startsAt: z.string().nullable(),
  endsAt: z.string().nullable(),
  reason: z.string(),
});
export type StaffException = z.infer<typeof StaffException>;
export const StaffExceptionInput = z.strictObject({
  id: Id.optional(),
  staffId: Id,
  date: CalendarDate,
  /** off: holiday or sick day; hours: different hours that day (startsAt/endsAt required). */
  kind: z.enum(exceptionKinds),
  startsAt: ClockTime.optional(),
  endsAt: ClockTime.optional(),
  reason: ShortText.default(''),
});

export const blockKinds = ['rest', 'meeting', 'blocked', 'closure', 'maintenance'] as const;
export const Block = z.object({
  id: Id,
  staffId: Id.nullable(),
  roomId: Id.nullable(),
  deviceId: Id.nullable(),
  startsAt: Instant,
  endsAt: Instant,
  kind: z.enum(blockKinds),
  reason: z.string(),
});
export type Block = z.infer<typeof Block>;
export const BlockInput = z.strictObject({
  id: Id.optional(),
  /** All three empty (kind closure): the whole clinic is closed. */
  staffId: Id.nullable().default(null),
  roomId: Id.nullable().default(null),
  deviceId: Id.nullable().default(null),
  startsAt: Instant,
  endsAt: Instant,
  kind: z.enum(blockKinds),
  reason: ShortText.default(''),
});

/* ───────────── appointments ───────────── */

export const appointmentStatuses = ['booked', 'confirmed', 'arrived', 'inTreatment', 'completed', 'checkedOut', 'cancelled', 'noShow'] as const;
export type AppointmentStatus = (typeof appointmentStatuses)[number];
export const visitTypes = ['first', 'return', 'inCourse', 'recheck', 'repurchase'] as const;
export type VisitType = (typeof visitTypes)[number];

/** The lifecycle: which status may follow which. Anything else is refused with `invalid_transition`. */
export const allowedTransitions: Record<AppointmentStatus, readonly AppointmentStatus[]> = {
  booked: ['confirmed', 'arrived', 'cancelled', 'noShow'],
  confirmed: ['arrived', 'cancelled', 'noShow'],
  arrived: ['inTreatment', 'completed', 'cancelled'],
  inTreatment: ['completed'],
  completed: ['checkedOut'],
  checkedOut: [],
  cancelled: [],
  noShow: [],
};

/** What the desk sets by hand; a visit is checked out by checkout, when its invoice is paid, and cancelled with a reason. */
export const statusesSetByHand = ['confirmed', 'arrived', 'inTreatment', 'completed', 'noShow'] as const satisfies readonly AppointmentStatus[];
/** One service of a visit, in sequence: its provider, room, device and time. */
export const SegmentInput = z.strictObject({
  serviceId: Id,
  staffId: Id,
  roomId: Id.nullable().default(null),
  deviceId: Id.nullable().default(null),
  startsAt: Instant,
  /** Defaults to the service's duration. */
  durationMinutes: z.number().int().min(1).max(12 * 60).optional(),
});
export type SegmentInput = z.input<typeof SegmentInput>;

export const Segment = z.object({
  id: Id,
  serviceId: Id,
  serviceName: z.string(),
  categoryColor: z.string(),
  staffId: Id,
  staffName: z.string(),
  roomId: Id.nullable(),
  roomName: z.string().nullable(),
  deviceId: Id.nullable(),
  deviceName: z.string().nullable(),
  startsAt: Instant,
  endsAt: Instant,
  priceCents: z.number().int(),
});
export type Segment = z.infer<typeof Segment>;

export const conflictKinds = ['appointment', 'block', 'closure', 'outsideHours', 'exception', 'roomBusy', 'deviceBusy'] as const;
/** Why a booking is not clean, in words reception can act on; overridable by a permitted role. */
export const Conflict = z.object({
  kind: z.enum(conflictKinds),
  segmentIndex: z.number().int(),
  resource: z.object({ type: z.enum(['staff', 'room', 'device', 'clinic']), id: Id.nullable(), name: z.string() }),
  startsAt: Instant,
  endsAt: Instant,
  message: z.string(),
  /** The other appointment, when the conflict is one. */
  appointmentId: Id.nullable(),
  patientName: z.string().nullable(),
});
export type Conflict = z.infer<typeof Conflict>;

export const Override = z.strictObject({ reason: OneLineText.min(3).max(300) });

export const Appointment = z.object({
  id: Id,
  patientId: Id,
  patientName: z.string(),
  patientNumber: z.string(),
  allergyAlert: z.boolean(),
  status: z.enum(appointmentStatuses),
  visitType: z.enum(visitTypes),
  startsAt: Instant,
  endsAt: Instant,
  segments: z.array(Segment),
  notes: z.string(),
  seriesId: Id.nullable(),
  seriesIndex: z.number().int().nullable(),
  seriesCount: z.number().int().nullable(),
  cancelReason: z.string().nullable(),
  lateCancel: z.boolean(),
  overrideReason: z.string().nullable(),
  createdAt: Instant,
  updatedAt: Instant,
});
export type Appointment = z.infer<typeof Appointment>;

export const Slot = z.object({ startsAt: Instant, endsAt: Instant, segments: z.array(SegmentInput.required({ durationMinutes: true }).extend({ roomId: Id.nullable(), deviceId: Id.nullable() })) });
export type Slot = z.infer<typeof Slot>;

export const DayColumn = z.object({
  type: z.enum(['staff', 'room']),
  id: Id,
  name: z.string(),
  color: z.string(),
  /** Bookable intervals that day (hours minus rest, exceptions, blocks and closures), as instants. */
  available: z.array(z.object({ startsAt: Instant, endsAt: Instant })),
});

export const DayView = z.object({
  date: CalendarDate,
  timeZone: z.string(),
  /** Clinic-local day as instants: 23 or 25 hours long on DST days. */
  startsAt: Instant,
  endsAt: Instant,
  slotMinutes: z.number().int(),
  columns: z.array(DayColumn),
  appointments: z.array(Appointment),
  blocks: z.array(Block),
});
export type DayView = z.infer<typeof DayView>;

export const seriesScopes = ['this', 'following', 'all'] as const;
export const RecurrenceRule = z.strictObject({
  every: z.number().int().min(1).max(52),
  unit: z.enum(['day', 'week', 'month']),
  count: z.number().int().min(2).max(52),
});
export type RecurrenceRule = z.infer<typeof RecurrenceRule>;

export const SeriesOccurrence = z.object({ index: z.number().int(), startsAt: Instant, endsAt: Instant, segments: z.array(SegmentInput.required({ durationMinutes: true }).extend({ roomId: Id.nullable(), deviceId: Id.nullable() })), conflicts: z.array(Conflict) });

export const WaitlistEntry = z.object({
  id: Id,
  patientId: Id,
  patientName: z.string(),
  phone: z.string().nullable(),
  serviceIds: z.array(Id),
  serviceNames: z.array(z.string()),
  staffIds: z.array(Id),
  weekdays: z.array(z.number().int()),
  timeFrom: z.string(),
  timeTo: z.string(),
  earliestDate: z.string().nullable(),
  latestDate: z.string().nullable(),
  notes: z.string(),
  status: z.enum(['waiting', 'booked', 'removed']),
  createdAt: Instant,
});
export type WaitlistEntry = z.infer<typeof WaitlistEntry>;
export const WaitlistInput = z.strictObject({
  id: Id.optional(),
  patientId: Id,
  serviceIds: z.array(Id).min(1).max(10),
  /** Empty: any eligible provider. */
  staffIds: z.array(Id).max(30).default([]),
  weekdays: z.array(z.number().int().min(1).max(7)).max(7).default([1, 2, 3, 4, 5, 6, 7]),
  timeFrom: ClockTime.default('00:00'),
  timeTo: ClockTime.default('23:59'),
  earliestDate: CalendarDate.nullable().default(null),
  latestDate: CalendarDate.nullable().default(null),
  notes: ShortText.default(''),
});

export const DayListRow = z.object({
  startsAt: Instant,
  endsAt: Instant,
  patientName: z.string(),
  patientNumber: z.string(),
  phone: z.string().nullable(),
  allergyAlert: z.boolean(),
  services: z.array(z.string()),
  providerName: z.string(),
  roomName: z.string().nullable(),
  status: z.enum(appointmentStatuses),
  visitType: z.enum(visitTypes),
  notes: z.string(),
});

const DayInput = z.strictObject({ date: CalendarDate });

export const scheduling = {
  'rooms.list': method({ summary: 'Rooms with their kind.', input: z.strictObject({ includeInactive: z.boolean().default(false) }), output: z.array(Room), permission: 'schedule.read', transaction: 'read', errors: ['invalid_input'] }),
  'rooms.save': method({ summary: 'Create a room, or update it when an id is given.', input: RoomInput, output: z.object({ id: Id }), permission: 'settings.manage', transaction: 'write', errors: ['invalid_input', 'not_found', 'conflict'] }),
  'devices.list': method({ summary: 'Shared devices (lasers, IPL…) and the rooms they can go to.', input: z.strictObject({ includeInactive: z.boolean().default(false) }), output: z.array(Device), permission: 'schedule.read', transaction: 'read', errors: ['invalid_input'] }),
  'devices.save': method({ summary: 'Create a device, or update it when an id is given.', input: DeviceInput, output: z.object({ id: Id }), permission: 'settings.manage', transaction: 'write', errors: ['invalid_input', 'not_found', 'conflict'] }),
  'scheduling.serviceRules': method({ summary: 'For every service: eligible providers, room and device kinds, prep instructions.', input: Empty, output: z.array(ServiceRules), permission: 'schedule.read', transaction: 'read', errors: [] }),
  'scheduling.setServiceRules': method({ summary: 'Set who may perform a service and what it needs.', input: ServiceRulesInput, output: Ok, permission: 'catalog.manage', transaction: 'write', errors: ['invalid_input', 'not_found'] }),
  'scheduling.hours': method({ summary: 'A provider’s weekly working hours and rest shifts.', input: z.strictObject({ staffId: Id }), output: z.array(HoursInterval.required()), permission: 'schedule.read', transaction: 'read', errors: ['invalid_input', 'not_found'] }),
  'scheduling.setHours': method({ summary: 'Replace a provider’s weekly hours (work intervals may not overlap; rest must lie inside work).', input: z.strictObject({ staffId: Id, intervals: z.array(HoursInterval).max(100) }), output: Ok, permission: 'settings.manage', transaction: 'write', errors: ['invalid_input', 'not_found'] }),
  'scheduling.exceptions': method({ summary: 'Holidays, sick days and changed hours in a date range.', input: z.strictObject({ from: CalendarDate, to: CalendarDate, staffId: Id.optional() }), output: z.array(StaffException), permission: 'schedule.read', transaction: 'read', errors: ['invalid_input'] }),
  'scheduling.saveException': method({ summary: 'Record a holiday, sick day or changed hours.', input: StaffExceptionInput, output: z.object({ id: Id }), permission: 'schedule.write', transaction: 'write', errors: ['invalid_input', 'not_found'] }),
  'scheduling.removeException': method({ summary: 'Remove an exception.', input: z.strictObject({ id: Id }), output: Ok, permission: 'schedule.write', transaction: 'write', errors: ['invalid_input', 'not_found'] }),
  'scheduling.blocks': method({ summary: 'Blocked time and clinic closures in a range.', input: z.strictObject({ from: Instant, to: Instant }), output: z.array(Block), permission: 'schedule.read', transaction: 'read', errors: ['invalid_input'] }),
  'scheduling.saveBlock': method({ summary: 'Block time for a provider, room or device, or close the clinic.', input: BlockInput, output: z.object({ id: Id }), permission: 'schedule.write', transaction: 'write', errors: ['invalid_input', 'not_found'] }),
  'scheduling.removeBlock': method({ summary: 'Remove a block.', input: z.strictObject({ id: Id }), output: Ok, permission: 'schedule.write', transaction: 'write', errors: ['invalid_input', 'not_found'] }),

  'appointments.day': method({
    summary: 'The clinic-local day: one column per provider (or room) with bookable time, appointments and blocks.',
    input: z.strictObject({ date: CalendarDate, by: z.enum(['staff', 'room']).default('staff'), ids: z.array(Id).max(100).optional() }),
    output: DayView,
    permission: 'schedule.read',
    transaction: 'read',
    errors: ['invalid_input'],
  }),
  'appointments.week': method({
    summary: 'Seven clinic-local days for one provider, starting on weekStart.',
    input: z.strictObject({ staffId: Id, weekStart: CalendarDate }),
    output: z.object({ days: z.array(DayView) }),
    permission: 'schedule.read',
    transaction: 'read',
    errors: ['invalid_input', 'not_found'],
  }),
  'appointments.get': method({ summary: 'One appointment with its services.', input: z.strictObject({ id: Id }), output: Appointment, permission: 'schedule.read', transaction: 'read', errors: ['invalid_input', 'not_found'] }),
  'appointments.forPatient': method({ summary: 'A patient’s appointments, upcoming first then past.', input: z.strictObject({ patientId: Id, limit: z.number().int().min(1).max(500).default(100) }), output: z.array(Appointment), permission: 'schedule.read', transaction: 'read', errors: ['invalid_input', 'not_found'] }),
  'appointments.check': method({
    summary: 'The conflicts a booking would have, explained (what, with whom), without saving anything.',
    input: z.strictObject({ segments: z.array(SegmentInput).min(1).max(10), excludeAppointmentId: Id.optional() }),
    output: z.object({ conflicts: z.array(Conflict) }),
    permission: 'schedule.read',
    transaction: 'read',
    errors: ['invalid_input', 'not_found'],
  }),
  'appointments.book': method({
    summary: 'Book a visit of one or more services in sequence. Conflicts refuse with `conflict` (details.conflicts) unless overridden with a reason by a permitted role.',
    input: z.strictObject({ patientId: Id, segments: z.array(SegmentInput).min(1).max(10), notes: MultiLineText.max(2000).default(''), override: Override.optional(), waitlistEntryId: Id.optional() }),
    output: z.object({ id: Id, visitType: z.enum(visitTypes), overridden: z.array(Conflict) }),
    permission: 'schedule.write',
    transaction: 'write',
    errors: ['invalid_input', 'not_found', 'conflict', 'forbidden'],
  }),
  'appointments.move': method({
    summary: 'Move (drag) or resize (drag the edge) an appointment: a new start, provider, room, or length of one service. Series: this, this and following, or all.',
    input: z.strictObject({
      id: Id,
      startsAt: Instant.optional(),
      staffId: Id.optional(),
      roomId: Id.nullable().optional(),
      /** Resize: the new length of the segment at segmentIndex (default the last). */
      durationMinutes: z.number().int().min(1).max(12 * 60).optional(),
      segmentIndex: z.number().int().min(0).max(9).optional(),
      scope: z.enum(seriesScopes).default('this'),
      override: Override.optional(),
    }),
    output: z.object({ moved: z.array(Id), overridden: z.array(Conflict), waitlistMatches: z.array(WaitlistEntry) }),
    permission: 'schedule.write',
    transaction: 'write',
    errors: ['invalid_input', 'not_found', 'conflict', 'forbidden', 'invalid_transition'],
  }),
  'appointments.setNotes': method({ summary: 'Front-desk notes of an appointment.', input: z.strictObject({ id: Id, notes: MultiLineText.max(2000) }), output: Ok, permission: 'schedule.write', transaction: 'write', errors: ['invalid_input', 'not_found'] }),
  'appointments.setStatus': method({
    summary: 'Move an appointment along its lifecycle (confirm, arrive, start, complete, no-show); paying its invoice checks it out.',
    input: z.strictObject({ id: Id, status: z.enum(statusesSetByHand) }),
    output: Ok,
    permission: 'schedule.write',
    transaction: 'write',
    errors: ['invalid_input', 'not_found', 'invalid_transition'],
  }),
  'appointments.cancel': method({
    summary: 'Cancel with a reason (late cancellations are flagged by the settings window); series: this, following or all. Returns waitlist matches for the freed time.',
    input: z.strictObject({ id: Id, reason: OneLineText.min(2).max(300), scope: z.enum(seriesScopes).default('this') }),
    output: z.object({ cancelled: z.array(Id), lateCancel: z.boolean(), waitlistMatches: z.array(WaitlistEntry) }),
    permission: 'schedule.write',
    transaction: 'write',
    errors: ['invalid_input', 'not_found', 'invalid_transition'],
  }),
  'appointments.nextAvailable': method({
    summary: 'The first free slots for a service (or several in sequence), optionally with one provider, from a date: eligibility, rooms, devices and hours respected.',
    input: z.strictObject({
      serviceIds: z.array(Id).min(1).max(5),
      staffId: Id.optional(),
      from: Instant,
      days: z.number().int().min(1).max(90).default(14),
      limit: z.number().int().min(1).max(50).default(5),
      excludeAppointmentId: Id.optional(),
    }),
    output: z.array(Slot),
    permission: 'schedule.read',
    transaction: 'read',
    errors: ['invalid_input', 'not_found'],
  }),
  'series.preview': method({
    summary: 'The occurrences of a recurring series (same local wall-clock time across DST), each with its conflicts, before saving.',
    input: z.strictObject({ patientId: Id, segments: z.array(SegmentInput).min(1).max(10), rule: RecurrenceRule }),
    output: z.array(SeriesOccurrence),
    permission: 'schedule.read',
    transaction: 'read',
    errors: ['invalid_input', 'not_found'],
  }),
  'series.create': method({
    summary: 'Book every occurrence of a series; conflicting occurrences need an override (or are skipped when skipIndexes lists them).',
    input: z.strictObject({ patientId: Id, segments: z.array(SegmentInput).min(1).max(10), rule: RecurrenceRule, notes: MultiLineText.max(2000).default(''), override: Override.optional(), skipIndexes: z.array(z.number().int().min(0)).max(52).default([]) }),
    output: z.object({ seriesId: Id, appointmentIds: z.array(Id), overridden: z.array(Conflict) }),
    permission: 'schedule.write',
    transaction: 'write',
    errors: ['invalid_input', 'not_found', 'conflict', 'forbidden'],
  }),
  'waitlist.list': method({ summary: 'Patients waiting for a slot.', input: z.strictObject({ status: z.enum(['waiting', 'booked', 'removed']).default('waiting') }), output: z.array(WaitlistEntry), permission: 'schedule.read', transaction: 'read', errors: ['invalid_input'] }),
  'waitlist.save': method({ summary: 'Put a patient on the waitlist (or change the entry).', input: WaitlistInput, output: z.object({ id: Id }), permission: 'schedule.write', transaction: 'write', errors: ['invalid_input', 'not_found'] }),
  'waitlist.remove': method({ summary: 'Take an entry off the waitlist.', input: z.strictObject({ id: Id }), output: Ok, permission: 'schedule.write', transaction: 'write', errors: ['invalid_input', 'not_found'] }),
  'waitlist.matches': method({ summary: 'Waitlist entries that fit a free slot (provider, services, weekday, time).', input: z.strictObject({ staffId: Id, startsAt: Instant, endsAt: Instant }), output: z.array(WaitlistEntry), permission: 'schedule.read', transaction: 'read', errors: ['invalid_input'] }),
  'scheduling.dayList': method({
    summary: 'The printable day list of one provider or room: names, services, front-desk notes, allergy alerts.',
    input: DayInput.extend({ by: z.enum(['staff', 'room']), id: Id }),
    output: z.object({ date: CalendarDate, timeZone: z.string(), title: z.string(), rows: z.array(DayListRow) }),
    permission: 'schedule.read',
    transaction: 'read',
    errors: ['invalid_input', 'not_found'],
  }),
} as const;
