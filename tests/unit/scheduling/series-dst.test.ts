import { afterEach, describe, expect, it } from 'vitest';
import { OWNER } from '../../support/clinic';
import { berlin, type Calendar, errorOf, openCalendar, WEEKDAY_HOURS } from './calendar';

let cal: Calendar;
afterEach(() => cal?.clinic.close());

const seg = (serviceId: number, staffId: number, local: string, extra: Record<string, unknown> = {}) => ({ serviceId, staffId, startsAt: berlin(local), ...extra });
const localTime = (instant: string) => new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Berlin', dateStyle: 'short', timeStyle: 'short' }).format(new Date(instant));

describe('recurring series', () => {
  it('keeps 10:00 local across the DST change, shows conflicts first, edits this-and-following, cancels all but the past', async () => {
    cal = await openCalendar();
    const { clinic, ana, ben, services, rooms } = cal;
    const anna = await cal.patient('Anna', 'Schmidt');
    const bob = await cal.patient('Bob', 'Meyer');
    const input = { patientId: anna, segments: [seg(services.laser, ana, '2026-03-03T10:00')], rule: { every: 4, unit: 'week' as const, count: 6 } };

    await clinic.call('appointments.book', { patientId: bob, segments: [seg(services.laser, ben, '2026-04-28T10:00', { roomId: rooms.laser2 })] });
    const preview = await clinic.call('series.preview', input);
    expect(preview.map((o) => localTime(o.startsAt))).toEqual(['03/03/2026, 10:00', '31/03/2026, 10:00', '28/04/2026, 10:00', '26/05/2026, 10:00', '23/06/2026, 10:00', '21/07/2026, 10:00']);
    expect(preview[0].startsAt).toBe('2026-03-03T09:00:00.000Z'); // CET
    expect(preview[1].startsAt).toBe('2026-03-31T08:00:00.000Z'); // CEST
    // Occurrence 3 needs the one laser device, which Bob's visit uses.
    expect(preview.map((o) => o.conflicts.length)).toEqual([0, 0, 1, 0, 0, 0]);
    expect(preview[2].conflicts[0]).toMatchObject({ kind: 'deviceBusy', patientName: 'Bob Meyer' });
    expect(preview[2].segments[0].roomId).toBe(rooms.laser1);

    const before = clinic.count('appointment');
    expect((await errorOf(clinic.call('series.create', input))).code).toBe('conflict');
    expect(clinic.count('appointment')).toBe(before);
    const created = await clinic.call('series.create', { ...input, skipIndexes: [2] });
    expect(created.appointmentIds).toHaveLength(5);
    const occurrences = await Promise.all(created.appointmentIds.map((id) => clinic.call('appointments.get', { id })));
    expect(occurrences.map((o) => [o.seriesIndex, o.seriesCount, o.visitType])).toEqual([
      [0, 6, 'inCourse'],
      [1, 6, 'inCourse'],
      [3, 6, 'inCourse'],
      [4, 6, 'inCourse'],
      [5, 6, 'inCourse'],
    ]);

    // Occurrence 0 happened and was completed; it is now 1 April (occurrence 1 is past too).
    await clinic.call('appointments.setStatus', { id: occurrences[0].id, status: 'arrived' });
    await clinic.call('appointments.setStatus', { id: occurrences[0].id, status: 'completed' });
    clinic.clock.set('2026-04-01T08:00:00Z');
    await clinic.call('auth.unlock', { password: OWNER.password });

    // "This and following" from index 3: one hour later, still on the local wall clock.
    const moved = await clinic.call('appointments.move', { id: occurrences[2].id, startsAt: berlin('2026-05-26T11:00'), scope: 'following' });
    expect(moved.moved).toEqual(created.appointmentIds.slice(2));
    const after = await Promise.all(created.appointmentIds.map((id) => clinic.call('appointments.get', { id })));
    expect(after.map((o) => localTime(o.startsAt))).toEqual(['03/03/2026, 10:00', '31/03/2026, 10:00', '26/05/2026, 11:00', '23/06/2026, 11:00', '21/07/2026, 11:00']);

    // "All" from a later occurrence: never the completed or past ones.
    const cancelled = await clinic.call('appointments.cancel', { id: occurrences[3].id, reason: 'Moving abroad', scope: 'all' });
    expect(cancelled.cancelled.sort()).toEqual(created.appointmentIds.slice(2).sort());
    const final = await Promise.all(created.appointmentIds.map((id) => clinic.call('appointments.get', { id })));
    expect(final.map((o) => o.status)).toEqual(['completed', 'booked', 'cancelled', 'cancelled', 'cancelled']);
  });

  it('keeps the wall-clock time into winter time too (October change)', async () => {
    cal = await openCalendar('2026-09-01T07:00:00Z');
    const { clinic, ana, services } = cal;
    const anna = await cal.patient('Anna', 'Schmidt');
    const preview = await clinic.call('series.preview', { patientId: anna, segments: [seg(services.consult, ana, '2026-10-20T10:00')], rule: { every: 1, unit: 'week', count: 2 } });
    expect(preview.map((o) => o.startsAt)).toEqual(['2026-10-20T08:00:00.000Z', '2026-10-27T09:00:00.000Z']);
  });
});

describe('day view on DST days', () => {
  it('is 23 hours on 2026-03-29 and 25 hours on 2026-10-25, with local hours and every visit of the local day', async () => {
    cal = await openCalendar('2026-03-01T07:00:00Z');
    const { clinic, ana, services } = cal;
    await clinic.call('scheduling.setHours', { staffId: ana, intervals: [...WEEKDAY_HOURS, { weekday: 7, startsAt: '09:00', endsAt: '17:00', kind: 'work' }] });
    const anna = await cal.patient('Anna', 'Schmidt');
    const override = { reason: 'Night shift test' };
    const book = (startsAt: string) => clinic.call('appointments.book', { patientId: anna, segments: [{ serviceId: services.consult, staffId: ana, startsAt }], override });

    const lateSaturday = await book('2026-03-28T22:30:00Z'); // 23:30 local on the 28th
    const earlySunday = await book('2026-03-29T01:30:00Z'); // 03:30 CEST, just after the change
    const lateSunday = await book('2026-03-29T21:30:00Z'); // 23:30 CEST
    let day = await clinic.call('appointments.day', { date: '2026-03-29' });
    expect(Date.parse(day.endsAt) - Date.parse(day.startsAt)).toBe(23 * 3_600_000);
    expect([day.startsAt, day.endsAt]).toEqual(['2026-03-28T23:00:00.000Z', '2026-03-29T22:00:00.000Z']);
    expect(day.columns.find((c) => c.id === ana)!.available).toEqual([{ startsAt: '2026-03-29T07:00:00.000Z', endsAt: '2026-03-29T15:00:00.000Z' }]);
    expect(day.appointments.map((a) => a.id)).toEqual([earlySunday.id, lateSunday.id]);
    expect(day.appointments.map((a) => a.id)).not.toContain(lateSaturday.id);

    const firstHalfPastTwo = await book('2026-10-25T00:30:00Z'); // 02:30 CEST
    const secondHalfPastTwo = await book('2026-10-25T01:30:00Z'); // 02:30 CET, the repeated hour
    const lastOfDay = await book('2026-10-25T22:30:00Z'); // 23:30 CET
    day = await clinic.call('appointments.day', { date: '2026-10-25' });
    expect(Date.parse(day.endsAt) - Date.parse(day.startsAt)).toBe(25 * 3_600_000);
    expect(day.columns.find((c) => c.id === ana)!.available).toEqual([{ startsAt: '2026-10-25T08:00:00.000Z', endsAt: '2026-10-25T16:00:00.000Z' }]);
    expect(day.appointments.map((a) => a.id)).toEqual([firstHalfPastTwo.id, secondHalfPastTwo.id, lastOfDay.id]);

    const list = await clinic.call('scheduling.dayList', { date: '2026-10-25', by: 'staff', id: ana });
    expect(list.title).toBe('Ana Alvarez · 2026-10-25');
    expect(list.rows.map((r) => localTime(r.startsAt))).toEqual(['25/10/2026, 02:30', '25/10/2026, 02:30', '25/10/2026, 23:30']);
    expect(list.rows[0]).toMatchObject({ patientName: 'Anna Schmidt', services: ['Consultation'], providerName: 'Ana Alvarez', status: 'booked' });

    const week = await clinic.call('appointments.week', { staffId: ana, weekStart: '2026-10-19' });
    expect(week.days.map((d) => (Date.parse(d.endsAt) - Date.parse(d.startsAt)) / 3_600_000)).toEqual([24, 24, 24, 24, 24, 24, 25]);
    expect(week.days[6].appointments).toHaveLength(3);
  });

  it('shows rooms as columns and prints a room day list with allergy alerts and notes', async () => {
    cal = await openCalendar();
    const { clinic, ben, services, rooms } = cal;
    const anna = await cal.patient('Anna', 'Schmidt');
    await clinic.call('clinical.update', { patientId: anna, allergies: [{ substance: 'Lidocaine', severity: 'severe' }], medications: [], medicalHistory: '', contraindications: [], expectationsNote: '' });
    await clinic.call('appointments.book', { patientId: anna, segments: [seg(services.laser, ben, '2026-03-03T10:00', { roomId: rooms.laser2 })], notes: 'Bring previous records' });
    const day = await clinic.call('appointments.day', { date: '2026-03-03', by: 'room' });
    expect(day.columns.map((c) => c.name)).toEqual(['Laser 1', 'Laser 2', 'Treatment 1']);
    const list = await clinic.call('scheduling.dayList', { date: '2026-03-03', by: 'room', id: rooms.laser2 });
    expect(list.rows).toMatchObject([{ patientName: 'Anna Schmidt', allergyAlert: true, notes: 'Bring previous records', roomName: 'Laser 2', services: ['Laser legs'] }]);
    expect((await clinic.call('scheduling.dayList', { date: '2026-03-03', by: 'room', id: rooms.laser1 })).rows).toEqual([]);
  });
});
