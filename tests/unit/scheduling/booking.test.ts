import { afterEach, describe, expect, it } from 'vitest';
import { berlin, type Calendar, errorOf, openCalendar } from './calendar';

let cal: Calendar;
afterEach(() => cal?.clinic.close());

const seg = (serviceId: number, staffId: number, local: string, extra: Record<string, unknown> = {}) => ({ serviceId, staffId, startsAt: berlin(local), ...extra });

describe('availability', () => {
  it('is weekly hours minus rest, replaced by exceptions, minus blocks and closures', async () => {
    cal = await openCalendar();
    const { clinic, ana, ben } = cal;
    let day = await clinic.call('appointments.day', { date: '2026-03-03' });
    const anaColumn = () => day.columns.find((c) => c.id === ana)!;
    expect(anaColumn().available).toEqual([
      { startsAt: berlin('2026-03-03T09:00'), endsAt: berlin('2026-03-03T12:00') },
      { startsAt: berlin('2026-03-03T13:00'), endsAt: berlin('2026-03-03T17:00') },
    ]);
    await clinic.call('scheduling.saveException', { staffId: ana, date: '2026-03-03', kind: 'hours', startsAt: '10:00', endsAt: '14:00', reason: 'Training' });
    await clinic.call('scheduling.saveException', { staffId: ben, date: '2026-03-03', kind: 'off', reason: 'Sick' });
    await clinic.call('scheduling.saveBlock', { staffId: ana, startsAt: berlin('2026-03-03T11:00'), endsAt: berlin('2026-03-03T11:30'), kind: 'meeting', reason: 'Team' });
    day = await clinic.call('appointments.day', { date: '2026-03-03' });
    expect(anaColumn().available).toEqual([
      { startsAt: berlin('2026-03-03T10:00'), endsAt: berlin('2026-03-03T11:00') },
      { startsAt: berlin('2026-03-03T11:30'), endsAt: berlin('2026-03-03T14:00') },
    ]);
    expect(day.columns.find((c) => c.id === ben)!.available).toEqual([]);
    await clinic.call('scheduling.saveBlock', { startsAt: berlin('2026-03-03T00:00'), endsAt: berlin('2026-03-04T00:00'), kind: 'closure', reason: 'Inventory day' });
    day = await clinic.call('appointments.day', { date: '2026-03-03' });
    expect(anaColumn().available).toEqual([]);
    // Sunday: no hours, so Ana has no column
    expect((await clinic.call('appointments.day', { date: '2026-03-08' })).columns).toEqual([]);
  });
});

describe('conflicts', () => {
  it('explains every kind with the other patient and refuses the booking', async () => {
    cal = await openCalendar();
    const { clinic, ana, ben, services, rooms } = cal;
    const anna = await cal.patient('Anna', 'Schmidt');
    const bob = await cal.patient('Bob', 'Meyer');
    const first = await clinic.call('appointments.book', { patientId: anna, segments: [seg(services.laser, ben, '2026-03-03T10:00', { roomId: rooms.laser1 })] });
    expect((await clinic.call('appointments.get', { id: first.id })).segments[0]).toMatchObject({ roomName: 'Laser 1', deviceName: 'GentleMax' });

    // Same provider, and the only laser device, both busy with Anna.
    const check = await clinic.call('appointments.check', { segments: [seg(services.laser, ben, '2026-03-03T10:30', { roomId: rooms.laser2 })] });
    const kinds = check.conflicts.map((c) => c.kind).sort();
    expect(kinds).toEqual(['appointment', 'deviceBusy']);
    for (const c of check.conflicts) {
      expect(c.patientName).toBe('Anna Schmidt');
      expect(c.appointmentId).toBe(first.id);
      expect(c.message).toContain('Anna Schmidt');
    }
    expect(check.conflicts.find((c) => c.kind === 'appointment')!.message).toBe('Ben Brandt is already seeing Anna Schmidt 10:00–11:00.');

    // Same room, another provider.
    const roomClash = await clinic.call('appointments.check', { segments: [seg(services.consult, ana, '2026-03-03T10:00', { roomId: rooms.laser1 })] });
    expect(roomClash.conflicts).toMatchObject([{ kind: 'roomBusy', resource: { type: 'room', name: 'Laser 1' }, patientName: 'Anna Schmidt' }]);

    // Outside hours, rest, block, closure, exception.
    const outside = await clinic.call('appointments.check', { segments: [seg(services.consult, ana, '2026-03-03T08:30')] });
    expect(outside.conflicts).toMatchObject([{ kind: 'outsideHours' }]);
    expect(outside.conflicts[0].message).toContain('09:00–12:00, 13:00–17:00');
    expect((await clinic.call('appointments.check', { segments: [seg(services.consult, ana, '2026-03-03T12:15')] })).conflicts.map((c) => c.kind)).toEqual(['outsideHours']);
    await clinic.call('scheduling.saveBlock', { staffId: ana, startsAt: berlin('2026-03-03T14:00'), endsAt: berlin('2026-03-03T15:00'), kind: 'meeting', reason: 'Supplier' });
    const blocked = await clinic.call('appointments.check', { segments: [seg(services.consult, ana, '2026-03-03T14:15')] });
    expect(blocked.conflicts).toMatchObject([{ kind: 'block', resource: { name: 'Ana Alvarez' }, message: 'Ana Alvarez is blocked 14:00–15:00 (meeting: Supplier).' }]);
    await clinic.call('scheduling.saveBlock', { startsAt: berlin('2026-03-04T00:00'), endsAt: berlin('2026-03-05T00:00'), kind: 'closure', reason: 'Holiday' });
    expect((await clinic.call('appointments.check', { segments: [seg(services.consult, ana, '2026-03-04T10:00')] })).conflicts).toMatchObject([{ kind: 'closure', resource: { type: 'clinic' } }]);
    await clinic.call('scheduling.saveException', { staffId: ana, date: '2026-03-05', kind: 'off', reason: 'Holiday' });
    expect((await clinic.call('appointments.check', { segments: [seg(services.consult, ana, '2026-03-05T10:00')] })).conflicts).toMatchObject([
      { kind: 'exception', message: 'Ana Alvarez is off on 2026-03-05 (Holiday).' },
    ]);

    const before = clinic.count('appointment');
    const refused = await errorOf(clinic.call('appointments.book', { patientId: bob, segments: [seg(services.laser, ben, '2026-03-03T10:30', { roomId: rooms.laser2 })] }));
    expect(refused.code).toBe('conflict');
    expect((refused.details as { conflicts: unknown[] }).conflicts).toHaveLength(2);
    expect(refused.message).toContain('Anna Schmidt');
    expect(clinic.count('appointment')).toBe(before);
  });

  it('lets a manager override with a reason (audited) and refuses the front desk', async () => {
    cal = await openCalendar();
    const { clinic, ana, services } = cal;
    const anna = await cal.patient('Anna', 'Schmidt');
    const bob = await cal.patient('Bob', 'Meyer');
    await clinic.call('appointments.book', { patientId: anna, segments: [seg(services.consult, ana, '2026-03-03T10:00')] });
    const input = { patientId: bob, segments: [seg(services.consult, ana, '2026-03-03T10:00')], override: { reason: 'Quick question only' } };
    const frontDesk = await clinic.as('frontDesk');
    const before = clinic.count('appointment');
    expect((await errorOf(frontDesk.call('appointments.book', input))).code).toBe('forbidden');
    expect(clinic.count('appointment')).toBe(before);
    // The refused attempt is in the audit log, with the reason the front desk gave.
    const refused = await clinic.call('audit.list', { action: 'denied', entity: 'appointment' });
    expect(refused).toMatchObject([{ summary: expect.stringContaining('refused an override'), details: { reason: 'Quick question only' } }]);
    const manager = await clinic.as('manager');
    const booked = await manager.call('appointments.book', input);
    expect(booked.overridden).toMatchObject([{ kind: 'appointment', patientName: 'Anna Schmidt' }]);
    expect((await clinic.call('appointments.get', { id: booked.id })).overrideReason).toBe('Quick question only');
    const audit = clinic.lumen.runtime.sqlite.prepare("SELECT staffName, details FROM audit WHERE entity = 'appointment' AND entityId = ?").get(String(booked.id)) as { staffName: string; details: string };
    expect(audit.staffName).toMatch(/manager/);
    expect(JSON.parse(audit.details)).toMatchObject({ overrideReason: 'Quick question only', overridden: [{ patientName: 'Anna Schmidt' }] });
  });
});

describe('bad input', () => {
  it('is a typed error and saves nothing', async () => {
    cal = await openCalendar();
    const { clinic, ana, ben, services } = cal;
    const anna = await cal.patient('Anna', 'Schmidt');
    const count = () => [clinic.count('appointment'), clinic.count('appointmentService')];
    const before = count();
    const book = (segments: unknown[]) => errorOf(clinic.call('appointments.book', { patientId: anna, segments } as never));

    const overlapping = await book([seg(services.consult, ana, '2026-03-03T10:00'), seg(services.botox, ana, '2026-03-03T10:15')]);
    expect(overlapping).toMatchObject({ code: 'invalid_input', message: expect.stringContaining('overlaps') });
    const outOfOrder = await book([seg(services.consult, ana, '2026-03-03T11:00'), seg(services.botox, ana, '2026-03-03T10:00')]);
    expect(outOfOrder.code).toBe('invalid_input');
    expect((await book([seg(services.consult, ana, '2026-03-03T10:00', { durationMinutes: 0 })])).code).toBe('invalid_input');
    expect((await book([seg(services.consult, ana, '2026-03-03T10:00', { durationMinutes: -30 })])).code).toBe('invalid_input');
    expect(await book([seg(services.consult, 9999, '2026-03-03T10:00')])).toMatchObject({ code: 'not_found', details: { fieldErrors: { 'segments.0.staffId': expect.any(Array) } } });
    expect(await book([seg(9999, ana, '2026-03-03T10:00')])).toMatchObject({ code: 'not_found', details: { fieldErrors: { 'segments.0.serviceId': expect.any(Array) } } });
    expect(await book([seg(services.botox, ben, '2026-03-03T10:00')])).toMatchObject({ code: 'invalid_input', message: 'Ben Brandt does not perform Botox forehead.' });
    expect(await errorOf(clinic.call('appointments.book', { patientId: 9999, segments: [seg(services.consult, ana, '2026-03-03T10:00')] }))).toMatchObject({ code: 'not_found' });
    expect(await book([seg(services.consult, ana, '2026-03-03T10:00', { roomId: cal.rooms.laser1, deviceId: 9999 })])).toMatchObject({ code: 'not_found' });
    expect(await book([seg(services.laser, ben, '2026-03-03T10:00', { roomId: cal.rooms.treatment1 })])).toMatchObject({ code: 'invalid_input', message: expect.stringContaining('needs a laser room') });
    expect(count()).toEqual(before);

    const booked = await clinic.call('appointments.book', { patientId: anna, segments: [seg(services.consult, ana, '2026-03-03T10:00')] });
    const bad = await errorOf(clinic.call('appointments.setStatus', { id: booked.id, status: 'completed' }));
    expect(bad).toMatchObject({ code: 'invalid_transition', details: { from: 'booked', to: 'completed', allowed: ['confirmed', 'arrived', 'cancelled', 'noShow'] } });
    expect((await clinic.call('appointments.get', { id: booked.id })).status).toBe('booked');
  });
});

describe('multi-service visits', () => {
  it('books a consult with Ben then Botox with Ana in sequence, priced from the catalog', async () => {
    cal = await openCalendar();
    const { clinic, ana, ben, services } = cal;
    const anna = await cal.patient('Anna', 'Schmidt');
    const { id } = await clinic.call('appointments.book', {
      patientId: anna,
      segments: [seg(services.consult, ben, '2026-03-03T10:00'), seg(services.botox, ana, '2026-03-03T10:30')],
      notes: 'Parking at the back',
    });
    const visit = await clinic.call('appointments.get', { id });
    expect(visit).toMatchObject({ startsAt: berlin('2026-03-03T10:00'), endsAt: berlin('2026-03-03T11:00'), status: 'booked', visitType: 'first', notes: 'Parking at the back' });
    expect(visit.segments.map((s) => [s.serviceName, s.staffName, s.priceCents])).toEqual([
      ['Consultation', 'Ben Brandt', 5000],
      ['Botox forehead', 'Ana Alvarez', 30000],
    ]);
    const day = await clinic.call('appointments.day', { date: '2026-03-03', ids: [ana] });
    expect(day.appointments.map((a) => a.id)).toEqual([id]);
  });
});

describe('lifecycle', () => {
  it('walks booked → completed, audits each step, flags late cancellations and frees no-show time', async () => {
    cal = await openCalendar();
    const { clinic, ana, services } = cal;
    const anna = await cal.patient('Anna', 'Schmidt');
    const { id } = await clinic.call('appointments.book', { patientId: anna, segments: [seg(services.consult, ana, '2026-03-02T10:00')] });
    for (const status of ['confirmed', 'arrived', 'inTreatment', 'completed'] as const) await clinic.call('appointments.setStatus', { id, status });
    // Checked out follows from the invoice being paid; nobody sets it by hand.
    expect((await errorOf(clinic.call('appointments.setStatus', { id, status: 'checkedOut' as 'completed' }))).code).toBe('invalid_input');
    expect((await clinic.call('appointments.get', { id })).status).toBe('completed');
    expect(clinic.lumen.runtime.sqlite.prepare("SELECT count(*) FROM audit WHERE entity = 'appointment' AND entityId = ?").pluck().get(String(id))).toBe(5);
    expect((await errorOf(clinic.call('appointments.cancel', { id, reason: 'changed mind' }))).code).toBe('invalid_transition');

    // Now 08:00 local on 2 March; lateCancelHours is 24.
    const soon = await clinic.call('appointments.book', { patientId: anna, segments: [seg(services.consult, ana, '2026-03-02T15:00')] });
    const later = await clinic.call('appointments.book', { patientId: anna, segments: [seg(services.consult, ana, '2026-03-05T15:00')] });
    expect((await clinic.call('appointments.cancel', { id: soon.id, reason: 'Sick child' })).lateCancel).toBe(true);
    expect((await clinic.call('appointments.cancel', { id: later.id, reason: 'Holiday' })).lateCancel).toBe(false);
    expect(await clinic.call('appointments.get', { id: soon.id })).toMatchObject({ status: 'cancelled', cancelReason: 'Sick child', lateCancel: true });
    expect((await errorOf(clinic.call('appointments.cancel', { id: soon.id, reason: 'again' }))).code).toBe('invalid_transition');

    const noShow = await clinic.call('appointments.book', { patientId: anna, segments: [seg(services.consult, ana, '2026-03-03T10:00')] });
    await clinic.call('appointments.setStatus', { id: noShow.id, status: 'noShow' });
    expect((await clinic.call('appointments.check', { segments: [seg(services.consult, ana, '2026-03-03T10:00')] })).conflicts).toEqual([]);
    const day = await clinic.call('appointments.day', { date: '2026-03-03' });
    expect(day.appointments.map((a) => a.status)).toEqual(['noShow']);
  });
});
