import { useEffect, useState } from 'react';
import type { Service } from '../../../src-shared/contract/catalog';
import type { Device, Room, ServiceRules } from '../../../src-shared/contract/scheduling';
import type { StaffRow } from '../../../src-shared/contract/staff';
import { client } from '../../lib/client';

/** The lists every scheduling screen needs to name things: staff, rooms, devices, services and their rules. */
export interface Refs {
  staff: StaffRow[];
  rooms: Room[];
  devices: Device[];
  services: Service[];
  rules: Map<number, ServiceRules>;
}

let cached: Promise<Refs> | null = null;

async function load(): Promise<Refs> {
  // staff.list may be withheld from a customised role; the calendar still works with the names the day view carries.
  const [staff, rooms, devices, services, rules] = await Promise.all([
    client.call('staff.list', { includeInactive: false }).catch(() => [] as StaffRow[]),
    client.call('rooms.list', { includeInactive: false }),
    client.call('devices.list', { includeInactive: false }),
    client.call('catalog.services', { includeInactive: false }),
    client.call('scheduling.serviceRules', {}),
  ]);
  return { staff, rooms, devices, services: services.filter((s) => s.kind !== 'product' && s.kind !== 'package'), rules: new Map(rules.map((r) => [r.serviceId, r])) };
}

/** Forget the cached lists after a settings change. */
export function invalidateRefs(): void {
  cached = null;
}

export function useRefs(): { refs?: Refs; error?: unknown; reload: () => void } {
  const [state, setState] = useState<{ refs?: Refs; error?: unknown }>({});
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    cached ??= load();
    cached.then(
      (refs) => live && setState({ refs }),
      (error: unknown) => {
        cached = null;
        if (live) setState({ error });
      },
    );
    return () => {
      live = false;
    };
  }, [tick]);
  return {
    ...state,
    reload: () => {
      invalidateRefs();
      setTick((t) => t + 1);
    },
  };
}

/** Providers who may perform a service: its rule's list, else every active practitioner (else everyone active). */
export function eligibleProviders(refs: Refs, serviceId: number | null): StaffRow[] {
  const ids = serviceId ? refs.rules.get(serviceId)?.providerIds ?? [] : [];
  if (ids.length) return refs.staff.filter((s) => ids.includes(s.id));
  const practitioners = refs.staff.filter((s) => s.role === 'practitioner');
  return practitioners.length ? practitioners : refs.staff;
}

export function roomsFor(refs: Refs, serviceId: number | null): Room[] {
  const kind = serviceId ? refs.rules.get(serviceId)?.roomKind : null;
  return kind ? refs.rooms.filter((r) => r.kind === kind) : refs.rooms;
}

export function devicesFor(refs: Refs, serviceId: number | null): Device[] {
  const kind = serviceId ? refs.rules.get(serviceId)?.deviceKind : null;
  return kind ? refs.devices.filter((d) => d.kind === kind) : [];
}
