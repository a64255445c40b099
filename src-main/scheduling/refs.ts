import { cached, type Sqlite } from '../core/db';
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
 * The small tables a calendar call needs (services, staff, rooms, devices, who performs what, weekly hours), each
 * read on first use and kept until the next write (see refsOf): a clinic has tens of each.
 */
export class Refs {
  private services?: Map<number, ServiceRef>;
  private staffMap?: Map<number, StaffRef>;
  private roomMap?: Map<number, RoomRef>;
  private deviceMap?: Map<number, DeviceRef>;
  private providerMap?: Map<number, number[]>;
  private hoursMap?: Map<number, WeekHours>;
  /** Answers of the list questions below, which the free-slot search asks for every grid step. */
  private readonly lists = new Map<string, unknown[]>();
  /** Where each service may go when no room or device is given, which the search asks for every slot it tries. */
  private readonly placesOfService = new Map<number, Placement[]>();

  constructor(readonly sqlite: Sqlite) {}

  get service(): Map<number, ServiceRef> {
    return (this.services ??= new Map(
      (
        cached(
          this.sqlite,
          `SELECT s.id, s.name, s.categoryId, c.color AS categoryColor, s.kind, s.durationMinutes, s.priceCents, s.active, s.roomKind, s.deviceKind, s.prepInstructions
           FROM service s JOIN serviceCategory c ON c.id = s.categoryId`,
        ).all() as (Omit<ServiceRef, 'active'> & { active: number })[]
      ).map((r) => [r.id, { ...r, active: r.active === 1 }]),
    ));
  }

  get staff(): Map<number, StaffRef> {
    return (this.staffMap ??= new Map(
      (cached(this.sqlite, 'SELECT id, displayName AS name, role, active FROM staff ORDER BY displayName, id').all() as (Omit<StaffRef, 'active'> & { active: number })[]).map((r) => [
        r.id,
        { ...r, active: r.active === 1 },
      ]),
    ));
  }

  get room(): Map<number, RoomRef> {
    return (this.roomMap ??= new Map(
      (cached(this.sqlite, 'SELECT id, name, kind, color, active FROM room ORDER BY name, id').all() as (Omit<RoomRef, 'active'> & { active: number })[]).map((r) => [r.id, { ...r, active: r.active === 1 }]),
    ));
  }

  get device(): Map<number, DeviceRef> {
    if (!this.deviceMap) {
      const links = cached(this.sqlite, 'SELECT deviceId, roomId FROM deviceRoom ORDER BY roomId').all() as { deviceId: number; roomId: number }[];
      const rows = cached(this.sqlite, 'SELECT id, name, kind, active FROM device ORDER BY name, id').all() as (Omit<DeviceRef, 'active' | 'roomIds'> & { active: number })[];
      this.deviceMap = new Map(rows.map((r) => [r.id, { ...r, active: r.active === 1, roomIds: links.filter((l) => l.deviceId === r.id).map((l) => l.roomId) }]));
    }
    return this.deviceMap;
  }

  /** serviceId → the providers listed for it (absent: any active practitioner). */
  private get providers(): Map<number, number[]> {
    if (!this.providerMap) {
      this.providerMap = new Map();
      for (const r of cached(this.sqlite, 'SELECT serviceId, staffId FROM serviceProvider ORDER BY serviceId, staffId').all() as { serviceId: number; staffId: number }[]) {
        const list = this.providerMap.get(r.serviceId);
        if (list) list.push(r.staffId);
        else this.providerMap.set(r.serviceId, [r.staffId]);
      }
    }
    return this.providerMap;
  }

  /** Every provider's weekly work and rest intervals, by staff id. */
  get hours(): Map<number, WeekHours> {
    return (this.hoursMap ??= loadHours(this.sqlite));
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
  eligible(serviceId: number): StaffRef[] {
    return this.list(`eligible|${serviceId}`, () => [...this.staff.values()].filter((s) => this.mayPerform(s.id, serviceId)));
  }

  roomsOfKind(kind: string): RoomRef[] {
    return this.list(`rooms|${kind}`, () => [...this.room.values()].filter((r) => r.active && r.kind === kind));
  }

  devicesOfKind(kind: string, roomId: number | null): DeviceRef[] {
    return this.list(`devices|${kind}|${roomId}`, () =>
      [...this.device.values()].filter((d) => d.active && d.kind === kind && (roomId === null || d.roomIds.length === 0 || d.roomIds.includes(roomId))),
    );
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

  private list<T>(key: string, compute: () => T[]): T[] {
    let answer = this.lists.get(key) as T[] | undefined;
    if (!answer) this.lists.set(key, (answer = compute()));
    return answer;
  }
}

/** The calendar's reference data, shared by every read until the next write (see Runtime.memo). */
export function refsOf(ctx: HandlerContext): Refs {
  return ctx.runtime.memo('scheduling.refs', () => new Refs(ctx.runtime.sqlite));
}
