import { afterEach, describe, expect, it } from 'vitest';
import { berlin, type Calendar, errorOf, openCalendar } from './calendar';

let cal: Calendar;
afterEach(() => cal?.clinic.close());

const seg = (serviceId: number, staffId: number, local: string, extra: Record<string, unknown> = {}) => ({ serviceId, staffId, startsAt: berlin(local), ...extra });

describe('next available', () => {
  it('honours eligibility, hours, rest, existing bookings, rooms and the shared device', async () => {
    cal = await openCalendar();
    const { clinic, ana, ben, services, rooms } = cal;
    const anna = await cal.patient('Anna', 'Schmidt');
    // Botox: only Ana. Her Tuesday starts 09:00; 09:00–09:30 is taken.
    await clinic.call('appointments.book', { patientId: anna, segments: [seg(services.consult, ana, '2026-03-03T09:00')] });
    const botox = await clinic.call('appointments.nextAvailable', { serviceIds: [services.botox], from: berlin('2026-03-03T00:00'), limit: 3 });
    expect(botox.map((s) => [s.startsAt, s.segments[0].staffId])).toEqual([
      [berlin('2026-03-03T09:30'), ana],
      [berlin('2026-03-03T09:45'), ana],
      [berlin('2026-03-03T10:00'), ana],
    ]);
    // Lunch rest: nothing for Ana between 11:45 and 13:00.
    const afternoon = await clinic.call('appointments.nextAvailable', { serviceIds: [services.botox], from: berlin('2026-03-03T11:40'), limit: 2 });
    expect(afternoon.map((s) => s.startsAt)).toEqual([berlin('2026-03-03T13:00'), berlin('2026-03-03T13:15')]);
    expect((await errorOf(clinic.call('appointments.nextAvailable', { serviceIds: [services.botox], staffId: ben, from: berlin('2026-03-03T00:00') }))).message).toBe(
      'Ben Brandt does not perform Botox forehead.',
    );

    // Laser: one device shared by two rooms. While Ben lasers 10:00–11:00, Ana cannot start a laser then.
    await clinic.call('appointments.book', { patientId: anna, segments: [seg(services.laser, ben, '2026-03-04T10:00', { roomId: rooms.laser1 })] });
    const laser = await clinic.call('appointments.nextAvailable', { serviceIds: [services.laser], staffId: ana, from: berlin('2026-03-04T10:00'), limit: 1 });
    expect(laser).toMatchObject([{ startsAt: berlin('2026-03-04T11:00'), segments: [{ staffId: ana, roomId: rooms.laser1, deviceId: cal.device, durationMinutes: 60 }] }]);

    // A sequence: consult then Botox — the Botox part must go to Ana even when Ben does the consult.
    const pair = await clinic.call('appointments.nextAvailable', { serviceIds: [services.consult, services.botox], staffId: ben, from: berlin('2026-03-04T09:00'), limit: 1 });
    expect(pair[0].segments.map((s) => [s.staffId, s.startsAt])).toEqual([
      [ben, berlin('2026-03-04T09:00')],
      [ana, berlin('2026-03-04T09:30')],
    ]);
    // Weekend skipped: from Saturday the first slot is Monday 09:00.
    const weekend = await clinic.call('appointments.nextAvailable', { serviceIds: [services.consult], staffId: ana, from: berlin('2026-03-07T08:00'), limit: 1 });
    expect(weekend[0].startsAt).toBe(berlin('2026-03-09T09:00'));
  });
  it('tries every room when the device that serves one room is busy, for the search and for booking', async () => {
    cal = await openCalendar();
    const { clinic, ana, ben, services, rooms } = cal;
    // A third laser room with its own laser: GentleMax serves Laser 1 and 2 only.
    const laser3 = (await clinic.call('rooms.save', { name: 'Laser 3', kind: 'laser' })).id;
    const splendor = (await clinic.call('devices.save', { name: 'Splendor X', kind: 'laser', roomIds: [laser3] })).id;
    const anna = await cal.patient('Anna', 'Schmidt');
    await clinic.call('appointments.book', { patientId: anna, segments: [seg(services.laser, ben, '2026-03-04T10:00', { roomId: rooms.laser1 })] });

    // Laser 2 is free but its only laser is in use in Laser 1: the slot at 10:00 is in Laser 3.
    const slots = await clinic.call('appointments.nextAvailable', { serviceIds: [services.laser], staffId: ana, from: berlin('2026-03-04T10:00'), limit: 1 });
    expect(slots).toMatchObject([{ startsAt: berlin('2026-03-04T10:00'), segments: [{ roomId: laser3, deviceId: splendor }] }]);

    // Booking without naming a room or device picks the same free pair, with nothing to explain.
    const bob = await cal.patient('Bob', 'Meyer');
    const booked = await clinic.call('appointments.book', { patientId: bob, segments: [seg(services.laser, ana, '2026-03-04T10:00')] });
    expect(booked.overridden).toEqual([]);
    expect((await clinic.call('appointments.get', { id: booked.id })).segments[0]).toMatchObject({ roomId: laser3, deviceId: splendor });

    // Naming the device picks a room it works in.
    const cara = await cal.patient('Cara', 'Weiss');
    const named = await clinic.call('appointments.check', { segments: [seg(services.laser, ana, '2026-03-04T14:00', { deviceId: cal.device })] });
    expect(named.conflicts).toEqual([]);
    const withDevice = await clinic.call('appointments.book', { patientId: cara, segments: [seg(services.laser, ana, '2026-03-04T14:00', { deviceId: cal.device })] });
    expect((await clinic.call('appointments.get', { id: withDevice.id })).segments[0]).toMatchObject({ roomId: rooms.laser1, deviceId: cal.device });
  });
});

describe('move and resize', () => {
  it('drags a visit, changes provider, resizes the last service, re-checks conflicts without itself', async () => {
    cal = await openCalendar();
    const { clinic, ana, ben, services } = cal;
    const anna = await cal.patient('Anna', 'Schmidt');
    const bob = await cal.patient('Bob', 'Meyer');
    const { id } = await clinic.call('appointments.book', { patientId: anna, segments: [seg(services.consult, ana, '2026-03-03T10:00'), seg(services.botox, ana, '2026-03-03T10:30')] });
    // Overlapping its own old time is fine.
    await clinic.call('appointments.move', { id, startsAt: berlin('2026-03-03T10:15') });
    let visit = await clinic.call('appointments.get', { id });
    expect(visit.segments.map((s) => s.startsAt)).toEqual([berlin('2026-03-03T10:15'), berlin('2026-03-03T10:45')]);
    expect(visit.endsAt).toBe(berlin('2026-03-03T11:15'));

    await clinic.call('appointments.move', { id, durationMinutes: 45 });
    visit = await clinic.call('appointments.get', { id });
    expect(visit.endsAt).toBe(berlin('2026-03-03T11:30'));
    // Resizing the first service pushes the next one along.
    await clinic.call('appointments.move', { id, durationMinutes: 15, segmentIndex: 0 });
    visit = await clinic.call('appointments.get', { id });
    expect(visit.segments.map((s) => [s.startsAt, s.endsAt])).toEqual([
      [berlin('2026-03-03T10:15'), berlin('2026-03-03T10:30')],
      [berlin('2026-03-03T10:30'), berlin('2026-03-03T11:15')],
    ]);

    // Ben may not do Botox: moving the whole visit to him is refused.
    expect((await errorOf(clinic.call('appointments.move', { id, staffId: ben }))).message).toBe('Ben Brandt does not perform Botox forehead.');
    const other = await clinic.call('appointments.book', { patientId: bob, segments: [seg(services.consult, ben, '2026-03-03T14:00')] });
    await clinic.call('appointments.move', { id: other.id, staffId: ana, startsAt: berlin('2026-03-03T15:00') });
    expect((await clinic.call('appointments.get', { id: other.id })).segments[0]).toMatchObject({ staffName: 'Ana Alvarez', startsAt: berlin('2026-03-03T15:00') });

    const clash = await errorOf(clinic.call('appointments.move', { id: other.id, startsAt: berlin('2026-03-03T10:30') }));
    expect(clash).toMatchObject({ code: 'conflict', message: expect.stringContaining('Anna Schmidt') });
    expect((await clinic.call('appointments.get', { id: other.id })).startsAt).toBe(berlin('2026-03-03T15:00'));

    await clinic.call('appointments.setStatus', { id, status: 'arrived' });
    expect(await errorOf(clinic.call('appointments.move', { id, startsAt: berlin('2026-03-03T16:00') }))).toMatchObject({ code: 'invalid_transition' });
  });
});

describe('visit type', () => {
  it('is first, then repurchase or return, recheck for a free follow-up within 30 days', async () => {
    cal = await openCalendar();
    const { clinic, ana, services } = cal;
    const anna = await cal.patient('Anna', 'Schmidt');
    const first = await clinic.call('appointments.book', { patientId: anna, segments: [seg(services.botox, ana, '2026-03-02T10:00')] });
    expect(first.visitType).toBe('first');
    for (const status of ['arrived', 'completed'] as const) await clinic.call('appointments.setStatus', { id: first.id, status });
    expect((await clinic.call('appointments.book', { patientId: anna, segments: [seg(services.recheck, ana, '2026-03-16T10:00')] })).visitType).toBe('recheck');
    expect((await clinic.call('appointments.book', { patientId: anna, segments: [seg(services.recheck, ana, '2026-04-20T10:00')] })).visitType).toBe('repurchase');
    expect((await clinic.call('appointments.book', { patientId: anna, segments: [seg(services.botox, ana, '2026-06-02T10:00')] })).visitType).toBe('repurchase');
    expect((await clinic.call('appointments.book', { patientId: anna, segments: [seg(services.laser, ana, '2026-06-03T10:00')] })).visitType).toBe('return');
  });
});

describe('waitlist', () => {
  it('suggests matching entries when a cancellation frees a slot, and marks the entry booked', async () => {
    cal = await openCalendar();
    const { clinic, ana, ben, services } = cal;
    const anna = await cal.patient('Anna', 'Schmidt');
    const carla = await cal.patient('Carla', 'Weber');
    const dora = await cal.patient('Dora', 'Klein');
    const eva = await cal.patient('Eva', 'Wolf');
    const fits = await clinic.call('waitlist.save', { patientId: carla, serviceIds: [services.botox], weekdays: [2], timeFrom: '09:00', timeTo: '12:00', notes: 'Any morning' });
    await clinic.call('waitlist.save', { patientId: dora, serviceIds: [services.botox], staffIds: [ben] }); // Ben does not do Botox
    await clinic.call('waitlist.save', { patientId: eva, serviceIds: [services.consult], weekdays: [3] }); // Wednesdays only
    const { id } = await clinic.call('appointments.book', { patientId: anna, segments: [seg(services.botox, ana, '2026-03-03T10:00')] });
    const cancelled = await clinic.call('appointments.cancel', { id, reason: 'Patient ill' });
    expect(cancelled.waitlistMatches.map((m) => m.patientName)).toEqual(['Carla Weber']);
    expect(cancelled.waitlistMatches[0]).toMatchObject({ serviceNames: ['Botox forehead'], notes: 'Any morning' });
    const again = await clinic.call('waitlist.matches', { staffId: ana, startsAt: berlin('2026-03-03T11:45'), endsAt: berlin('2026-03-03T13:00') });
    expect(again).toEqual([]); // only 15 minutes of it inside Carla's window
    await clinic.call('appointments.book', { patientId: carla, segments: [seg(services.botox, ana, '2026-03-03T10:00')], waitlistEntryId: fits.id });
    expect((await clinic.call('waitlist.list', {})).map((e) => e.patientName).sort()).toEqual(['Dora Klein', 'Eva Wolf']);
    expect((await clinic.call('waitlist.list', { status: 'booked' })).map((e) => e.patientName)).toEqual(['Carla Weber']);
  });
});
