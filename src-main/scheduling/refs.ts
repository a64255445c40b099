import type { Db } from '../core/db';
import type { HandlerContext } from '../core/registry';
import { type ExceptionRow, type Interval, loadHours, type WeekHours, workIntervals } from './availability';
import type { LocalDay } from './local';

/** A room and a device for a service (null: none, or not chosen yet). */
export interface Place {
  roomId: number | null;
  deviceId: number | null;
}

/** A room a service could use (null when it needs none) with the devices usable there ([null] when it needs none). */
export interface Placement {
  roomId: number | null;
  deviceIds: (number | null)[];
}

export interface ServiceRef {
  id: number;
  name: string;
  categoryId: number;
  categoryColor: string;
  kind: string;
  durationMinutes: number;
  priceCents: number;
  active: boolean;
  roomKind: string | null;
  deviceKind: string | null;
  prepInstructions: string;
}
export interface StaffRef {
  id: number;
  name: string;
  role: string;
  active: boolean;
}
export interface RoomRef {
  id: number;
  name: string;
  kind: string;
  color: string;
  active: boolean;
}
export interface DeviceRef {
  id: number;
  name: string;
  kind: string;
  active: boolean;
  /** Empty: any room. */
  roomIds: number[];
}

/**
 * The small tables a calendar call needs (services, staff, rooms, devices, who performs what, weekly hours): a
 * clinic has tens of each, so they are read together and kept until the next write (see refsOf).
 */
export class Refs {
  /** Where each service may go when no room or device is given, which the search asks for every slot it tries. */
  private readonly placesOfService = new Map<number, Placement[]>();
  /** serviceId → the active providers who may perform it, by name: the search asks for every slot it tries. */
  private readonly eligibleOf: Map<number, readonly StaffRef[]>;

  constructor(
    readonly service: Map<number, ServiceRef>,
    readonly staff: Map<number, StaffRef>,
    readonly room: Map<number, RoomRef>,
    readonly device: Map<number, DeviceRef>,
    /** serviceId → the providers listed for it (absent: any active practitioner). */
    private readonly providers: Map<number, number[]>,
    /** Every provider's weekly work and bookable ranges, by staff id. */
    readonly hours: Map<number, WeekHours>,
  ) {
    this.eligibleOf = new Map([...service.keys()].map((serviceId) => [serviceId, this.performersOf(serviceId)]));
  }

  /** A provider's working time on a local date (hours minus rest, or the exception's), as instants. */
  workOn(staffId: number, day: LocalDay, exception: ExceptionRow | undefined): Interval[] {
    return workIntervals(this.hours.get(staffId), exception, day);
  }

  listedProviders(serviceId: number): number[] {
    return this.providers.get(serviceId) ?? [];
  }

  mayPerform(staffId: number, serviceId: number): boolean {
    const staff = this.staff.get(staffId);
    if (!staff?.active) return false;
    const listed = this.providers.get(serviceId);
    return listed ? listed.includes(staffId) : staff.role === 'practitioner';
  }

  /** Active providers who may perform the service, by name. */
  eligible(serviceId: number): readonly StaffRef[] {
    return this.eligibleOf.get(serviceId) ?? this.performersOf(serviceId);
  }

  private performersOf(serviceId: number): StaffRef[] {
    return [...this.staff.values()].filter((s) => this.mayPerform(s.id, serviceId));
  }

  roomsOfKind(kind: string): RoomRef[] {
    return [...this.room.values()].filter((r) => r.active && r.kind === kind);
  }

  devicesOfKind(kind: string, roomId: number | null): DeviceRef[] {
    return [...this.device.values()].filter((d) => d.active && d.kind === kind && (roomId === null || d.roomIds.length === 0 || d.roomIds.includes(roomId)));
  }

  /**
   * The rooms a service may use (or [null] when it needs none), each with the devices usable there (or [null]),
   * in the order they are tried; a given room or device is the only choice of its kind.
   */
  placements(service: ServiceRef, given: Place): Placement[] {
    const nothingGiven = given.roomId === null && given.deviceId === null;
    let places = nothingGiven ? this.placesOfService.get(service.id) : undefined;
    if (places) return places;
    const givenDevice = given.deviceId === null ? null : this.device.get(given.deviceId);
    const rooms =
      given.roomId !== null ? [given.roomId] : service.roomKind ? this.roomsOfKind(service.roomKind).filter((r) => !givenDevice?.roomIds.length || givenDevice.roomIds.includes(r.id)).map((r) => r.id) : [null];
    places = rooms.map((roomId) => ({
      roomId,
      deviceIds: given.deviceId !== null ? [given.deviceId] : service.deviceKind ? this.devicesOfKind(service.deviceKind, roomId).map((d) => d.id) : [null],
    }));
    if (nothingGiven) this.placesOfService.set(service.id, places);
    return places;
  }
}

const byId = <T extends { id: number }>(rows: T[]): Map<number, T> => new Map(rows.map((r) => [r.id, r]));

/** Reads the calendar's reference data. */
export async function loadRefs(db: Db): Promise<Refs> {
  const services = await db
    .selectFrom('service as s')
    .innerJoin('serviceCategory as c', 'c.id', 's.categoryId')
    .select(['s.id', 's.name', 's.categoryId', 'c.color as categoryColor', 's.kind', 's.durationMinutes', 's.priceCents', 's.active', 's.roomKind', 's.deviceKind', 's.prepInstructions'])
    .execute();
  const staff = await db.selectFrom('staff').select(['id', 'displayName as name', 'role', 'active']).orderBy('displayName').orderBy('id').execute();
  const rooms = await db.selectFrom('room').select(['id', 'name', 'kind', 'color', 'active']).orderBy('name').orderBy('id').execute();
  const devices = await db.selectFrom('device').select(['id', 'name', 'kind', 'active']).orderBy('name').orderBy('id').execute();
  const deviceRooms = await db.selectFrom('deviceRoom').select(['deviceId', 'roomId']).orderBy('roomId').execute();
  const providers = new Map<number, number[]>();
  for (const { serviceId, staffId } of await db.selectFrom('serviceProvider').select(['serviceId', 'staffId']).orderBy('serviceId').orderBy('staffId').execute()) {
    providers.set(serviceId, [...(providers.get(serviceId) ?? []), staffId]);
  }
  return new Refs(
    byId(services.map((s) => ({ ...s, active: s.active === 1 }))),
    byId(staff.map((s) => ({ ...s, active: s.active === 1 }))),
    byId(rooms.map((r) => ({ ...r, active: r.active === 1 }))),
    byId(devices.map((d) => ({ ...d, active: d.active === 1, roomIds: deviceRooms.filter((l) => l.deviceId === d.id).map((l) => l.roomId) }))),
    providers,
    await loadHours(db),
  );
}

/** The calendar's reference data, shared by every call until the next write (see Runtime.memo). */
export function refsOf(ctx: HandlerContext): Promise<Refs> {
  return ctx.runtime.memo('scheduling.refs', () => loadRefs(ctx.runtime.db));
}
