import { type TestClinic, openTestClinic } from '../../support/clinic';

/** Mon–Fri 09:00–17:00 with a 12:00–13:00 lunch rest, in clinic-local time. */
export const WEEKDAY_HOURS = [1, 2, 3, 4, 5].flatMap((weekday) => [
  { weekday, startsAt: '09:00', endsAt: '17:00', kind: 'work' as const },
  { weekday, startsAt: '12:00', endsAt: '13:00', kind: 'rest' as const },
]);

export interface Calendar {
  clinic: TestClinic;
  /** Practitioners (with weekday hours): Ana Alvarez, Ben Brandt. */
  ana: number;
  ben: number;
  services: { botox: number; consult: number; laser: number; recheck: number };
  rooms: { treatment1: number; laser1: number; laser2: number };
  device: number;
  patient(firstName: string, lastName?: string): Promise<number>;
}

/**
 * A Berlin clinic on Monday 2 March 2026 with two practitioners, a consult, Botox (Ana only), a laser service
 * needing a laser room and the one shared laser device, and a free recheck.
 */
export async function openCalendar(now = '2026-03-02T07:00:00Z'): Promise<Calendar> {
  const clinic = await openTestClinic({ now, timeZone: 'Europe/Berlin' });
  const staffId = async (username: string, displayName: string) => {
    const { id } = await clinic.call('staff.create', { username, displayName, role: 'practitioner', password: 'staff-password-42' });
    await clinic.call('scheduling.setHours', { staffId: id, intervals: WEEKDAY_HOURS });
    return id;
  };
  const ana = await staffId('ana', 'Ana Alvarez');
  const ben = await staffId('ben', 'Ben Brandt');
  const categories = await clinic.call('catalog.categories', {});
  const category = (name: string) => categories.find((c) => c.name === name)!.id;
  const service = async (name: string, categoryName: string, durationMinutes: number, priceCents: number, kind: 'consult' | 'treatment' = 'treatment') =>
    (await clinic.call('catalog.saveService', { categoryId: category(categoryName), name, kind, priceCents, durationMinutes })).id;
  const services = {
    consult: await service('Consultation', 'Consultation', 30, 5000, 'consult'),
    botox: await service('Botox forehead', 'Neurotoxin', 30, 30000),
    laser: await service('Laser legs', 'Laser hair removal', 60, 25000),
    recheck: await service('Botox recheck', 'Neurotoxin', 15, 0),
  };
  const room = async (name: string, kind: string) => (await clinic.call('rooms.save', { name, kind })).id;
  const rooms = { treatment1: await room('Treatment 1', 'treatment'), laser1: await room('Laser 1', 'laser'), laser2: await room('Laser 2', 'laser') };
  const device = (await clinic.call('devices.save', { name: 'GentleMax', kind: 'laser', roomIds: [rooms.laser1, rooms.laser2] })).id;
  await clinic.call('scheduling.setServiceRules', { serviceId: services.botox, providerIds: [ana] });
  await clinic.call('scheduling.setServiceRules', { serviceId: services.laser, providerIds: [], roomKind: 'laser', deviceKind: 'laser', prepInstructions: 'Shave the area the day before.' });
  return {
    clinic,
    ana,
    ben,
    services,
    rooms,
    device,
    patient: async (firstName, lastName = 'Patient') => (await clinic.call('patients.create', { firstName, lastName })).id,
  };
}

/** A Berlin wall-clock time as an instant (the tests speak local time like reception does). */
export function berlin(local: string): string {
  const offsetHours = Number(new Intl.DateTimeFormat('en', { timeZone: 'Europe/Berlin', timeZoneName: 'shortOffset' }).formatToParts(new Date(`${local}Z`)).find((p) => p.type === 'timeZoneName')!.value.replace('GMT', '') || 0);
  return new Date(Date.parse(`${local}Z`) - offsetHours * 3_600_000).toISOString();
}

export async function errorOf(promise: Promise<unknown>): Promise<{ code: string; message: string; details?: unknown }> {
  try {
    await promise;
  } catch (error) {
    return error as { code: string; message: string; details?: unknown };
  }
  throw new Error('expected the call to fail');
}
