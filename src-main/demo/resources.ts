import type { DemoCatalog } from './catalog';
import type { DemoContext } from './context';
import type { Practitioner } from './team';

export interface DemoRoom {
  id: number;
  kind: string;
}

export interface DemoDevice {
  id: number;
  kind: string;
  /** Indexes into the rooms list. */
  rooms: number[];
}

export interface DemoResources {
  rooms: DemoRoom[];
  devices: DemoDevice[];
}

const rooms = [
  ['Consult room 1', 'consult', '#94a3b8'],
  ['Consult room 2', 'consult', '#94a3b8'],
  ['Consult room 3', 'consult', '#94a3b8'],
  ['Treatment room 1', 'treatment', '#a78bfa'],
  ['Treatment room 2', 'treatment', '#a78bfa'],
  ['Treatment room 3', 'treatment', '#a78bfa'],
  ['Treatment room 4', 'treatment', '#a78bfa'],
  ['Body suite', 'treatment', '#a78bfa'],
  ['Facial suite 1', 'facial', '#38bdf8'],
  ['Facial suite 2', 'facial', '#38bdf8'],
  ['Facial suite 3', 'facial', '#38bdf8'],
  ['Laser room A', 'laser', '#34d399'],
  ['Laser room B', 'laser', '#34d399'],
  ['Laser room C', 'laser', '#34d399'],
  ['Laser room D', 'laser', '#34d399'],
] as const;

/**
 * Each hair-removal laser is wheeled between two laser rooms; the first device is the one serviced quarterly.
 * The IPL works in all four laser rooms, each HydraFacial in its own facial suite.
 */
const devices = [
  ['GentleMax Pro hair-removal laser', 'laser', ['Laser room A', 'Laser room B']],
  ['GentleMax Pro Plus hair-removal laser', 'laser', ['Laser room C', 'Laser room D']],
  ['Lumecca IPL', 'ipl', ['Laser room A', 'Laser room B', 'Laser room C', 'Laser room D']],
  ['HydraFacial Syndeo 1', 'hydrafacial', ['Facial suite 1']],
  ['HydraFacial Syndeo 2', 'hydrafacial', ['Facial suite 2']],
  ['HydraFacial Syndeo 3', 'hydrafacial', ['Facial suite 3']],
  ['Emsculpt NEO', 'body', ['Treatment room 3', 'Body suite']],
  ['CoolSculpting Elite', 'body', ['Body suite', 'Treatment room 4']],
] as const;

/** Rooms, devices and the rooms they go to, and who may perform which service (active practitioners by title). */
export function writeResources(ctx: DemoContext, catalog: DemoCatalog, team: readonly Practitioner[]): DemoResources {
  const { sqlite } = ctx;
  const insertRoom = sqlite.prepare('INSERT INTO room (name, kind, color) VALUES (?, ?, ?)');
  const insertDevice = sqlite.prepare('INSERT INTO device (name, kind) VALUES (?, ?)');
  const insertDeviceRoom = sqlite.prepare('INSERT INTO deviceRoom (deviceId, roomId) VALUES (?, ?)');
  const insertRule = sqlite.prepare('INSERT INTO serviceProvider (serviceId, staffId) VALUES (?, ?)');
  const result: DemoResources = { rooms: [], devices: [] };
  for (const [name, kind, color] of rooms) result.rooms.push({ id: Number(insertRoom.run(name, kind, color).lastInsertRowid), kind });
  for (const [name, kind, roomNames] of devices) {
    const id = Number(insertDevice.run(name, kind).lastInsertRowid);
    const indexes = roomNames.map((n) => rooms.findIndex(([roomName]) => roomName === n));
    for (const i of indexes) insertDeviceRoom.run(id, result.rooms[i].id);
    result.devices.push({ id, kind, rooms: indexes });
  }
  const active = team.filter((p) => p.active);
  for (const service of catalog.services) {
    for (const p of active) if (service.providers.includes(p.title)) insertRule.run(service.id, p.id);
  }
  return result;
}
