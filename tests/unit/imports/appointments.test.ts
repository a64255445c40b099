import { afterEach, describe, expect, it } from 'vitest';
import { type Calendar, openCalendar } from '../scheduling/calendar';
import { domainCounts, importCsv } from './support';

let calendar: Calendar;
afterEach(() => calendar?.clinic.close());

const PATIENTS = ['Client ID,First Name,Last Name', 'C1,Zoë,Müller', 'C2,Jürgen,Weiß'];
const VISITS = [
  'Client ID,Appointment ID,Appointment Date,Start Time,Duration,Service,Provider,Status,Notes',
  'C1,A1,2025-10-25,10:00,,Botox forehead,Ana Alvarez,Completed,First treatment',
  'C1,A2,2025-10-27,10:00,45,Laser legs,ben,Arrived,',
  'C2,A3,2025-11-03,9:30 AM,,Consultation,Ben Brandt,No Show,',
  'C2,A4,2026-04-10,14:30,,Consultation,Ben Brandt,,',
  'C2,A5,2025-11-04,10:00,,Filler lips,Ana Alvarez,,',
  'C2,A6,2025-11-05,10:00,,Consultation,Dr. Nobody,,',
  'C9,A7,2025-11-06,10:00,,Consultation,Ana Alvarez,,',
];

describe('importing appointment history', () => {
  it('puts visits on the calendar at clinic-local times across the DST change, skipping unknown services, providers and patients', async () => {
    calendar = await openCalendar();
    const { clinic } = calendar;
    await importCsv(clinic, PATIENTS);
    const { report } = await importCsv(clinic, VISITS, { kind: 'appointments' });
    expect(report.totals).toEqual({ create: 0, match: 4, skip: 3, already: 0 });
    expect(report.rows.filter((r) => r.outcome === 'skip').map((r) => [r.line, r.problems.map((p) => p.message)])).toEqual([
      [6, ['No service named “Filler lips” (add it to the catalogue, or correct the name).']],
      [7, ['No staff member named “Dr. Nobody”.']],
      [8, ['No patient with ID “C9”.']],
    ]);

    const [zoe] = await clinic.call('patients.search', { q: 'Zoë' });
    const zoeVisits = await clinic.call('appointments.forPatient', { patientId: zoe.id });
    // Berlin is UTC+2 until 26 October 2025 and UTC+1 after: 10:00 local either side.
    expect(zoeVisits.map((a) => [a.startsAt, a.endsAt, a.status, a.segments[0].staffId, a.notes])).toEqual([
      ['2025-10-27T09:00:00.000Z', '2025-10-27T09:45:00.000Z', 'completed', calendar.ben, ''],
      ['2025-10-25T08:00:00.000Z', '2025-10-25T08:30:00.000Z', 'completed', calendar.ana, 'First treatment'],
    ]);
    const [jurgen] = await clinic.call('patients.search', { q: 'Weiß' });
    const jurgenVisits = await clinic.call('appointments.forPatient', { patientId: jurgen.id });
    expect(jurgenVisits.map((a) => [a.startsAt, a.status])).toEqual([
      ['2026-04-10T12:30:00.000Z', 'booked'],
      ['2025-11-03T08:30:00.000Z', 'noShow'],
    ]);
    // The visit to come is on the calendar: the provider's time is taken.
    expect(JSON.stringify(await clinic.call('appointments.day', { date: '2026-04-10' }))).toContain('Weiß');
  });

  it('imports the same visits once, and undo removes them; a visit checked in since refuses the undo', async () => {
    calendar = await openCalendar();
    const { clinic } = calendar;
    await importCsv(clinic, PATIENTS);
    const before = domainCounts(clinic);
    const first = await importCsv(clinic, VISITS.slice(0, 5), { kind: 'appointments' });
    expect((await importCsv(clinic, VISITS.slice(0, 5), { kind: 'appointments' })).report.totals.already).toBe(4);
    await clinic.call('imports.undo', { batchId: first.report.batchId! });
    expect(domainCounts(clinic)).toEqual(before);

    const again = await importCsv(clinic, VISITS.slice(0, 5), { kind: 'appointments' });
    const [jurgen] = await clinic.call('patients.search', { q: 'Weiß' });
    const [booked] = await clinic.call('appointments.forPatient', { patientId: jurgen.id });
    clinic.clock.advance({ minutes: 5 });
    await clinic.call('appointments.setStatus', { id: booked.id, status: 'confirmed' });
    await expect(clinic.call('imports.undo', { batchId: again.report.batchId! })).rejects.toMatchObject({ code: 'conflict', details: { uses: [expect.stringMatching(/^The visit of P\d+ Jürgen Weiß was changed since the import\.$/)] } });
  });
});
