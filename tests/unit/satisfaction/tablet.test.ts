import { describe, expect, it } from 'vitest';
import { OWNER } from '../../support/clinic';
import { errorOf } from '../scheduling/calendar';
import { surveyClinics } from './support';

const start = surveyClinics();

describe('the check-out tablet', () => {
  it('holds the connection in the main process: only its visit can be shown and scored until staff unlock it', async () => {
    const clinic = await start();
    const ana = await clinic.patient({ firstName: 'Ána' });
    const visit = await clinic.visit(ana, '2026-03-02T09:00:00Z');
    const other = await clinic.visit(await clinic.patient(), '2026-03-02T10:00:00Z');

    await clinic.call('satisfaction.handTablet', { appointmentId: visit });
    // Whatever the screen sends, the rest of the clinic is shut: records, clinical notes, another visit.
    expect(await errorOf(clinic.call('patients.get', { id: ana }))).toMatchObject({ code: 'locked' });
    expect(await errorOf(clinic.call('clinical.get', { patientId: ana }))).toMatchObject({ code: 'locked' });
    expect(await errorOf(clinic.call('satisfaction.visit', { appointmentId: other }))).toMatchObject({ code: 'not_found' });
    expect(await errorOf(clinic.call('satisfaction.record', { appointmentId: other, score: 0, source: 'tablet' }))).toMatchObject({ code: 'not_found' });

    expect(await clinic.call('satisfaction.visit', { appointmentId: visit })).toMatchObject({ patientFirstName: 'Ána', answered: null });
    await clinic.call('satisfaction.record', { appointmentId: visit, score: 10, comment: 'Lovely', source: 'tablet' });
    expect(await errorOf(clinic.call('auth.unlock', { password: 'not the password' }))).toMatchObject({ code: 'unauthenticated' });
    expect(await errorOf(clinic.call('patients.get', { id: ana }))).toMatchObject({ code: 'locked' });

    await clinic.call('auth.unlock', { password: OWNER.password });
    expect(await clinic.call('patients.get', { id: ana })).toMatchObject({ firstName: 'Ána' });
    expect(await clinic.call('satisfaction.visit', { appointmentId: other })).toMatchObject({ answered: null });
  });

  it('is handed over only for a visit the patient has come to', async () => {
    const clinic = await start();
    const ana = await clinic.patient({ firstName: 'Ána' });
    const { id: ahead } = await clinic.call('appointments.book', { patientId: ana, segments: [{ serviceId: clinic.botoxId, staffId: clinic.practitionerId, startsAt: '2026-03-09T09:00:00Z' }] });
    expect(await errorOf(clinic.call('satisfaction.handTablet', { appointmentId: ahead }))).toMatchObject({ code: 'invalid_transition' });
    expect(await errorOf(clinic.call('satisfaction.handTablet', { appointmentId: 999_999 }))).toMatchObject({ code: 'not_found' });
    expect(await clinic.call('patients.get', { id: ana })).toMatchObject({ firstName: 'Ána' });
  });
});
