import { describe, expect, it } from 'vitest';
import { surveyClinics } from './support';

const start = surveyClinics();

describe('asking after a visit', () => {
  // Berlin's clocks change on 29 March and 25 October 2026; both windows cross a change.
  it.each([
    ['spring', '2026-03-20T08:00:00Z', '2026-03-24T14:00:00Z', '2026-03-31T21:59:00Z', '2026-03-31T22:00:00Z'],
    ['autumn', '2026-10-15T08:00:00Z', '2026-10-20T13:00:00Z', '2026-10-27T22:59:00Z', '2026-10-27T23:00:00Z'],
  ])('asks until the end of the seventh clinic-local day after the visit, never later (%s change)', async (_change, open, startsAt, lastMinute, tooLate) => {
    const clinic = await start(open);
    const late = await clinic.patient();
    const onTime = await clinic.patient();
    await clinic.visit(late, startsAt);
    await clinic.visit(onTime, new Date(Date.parse(startsAt) + 3_600_000).toISOString());
    await clinic.call('patients.setConsent', { patientId: late, channel: 'sms', granted: false, source: 'form' });
    await clinic.call('patients.setConsent', { patientId: late, channel: 'email', granted: false, source: 'form' });

    await clinic.setNow(lastMinute);
    expect(await clinic.call('satisfaction.runAsk', {})).toEqual({ asked: 1, unreachable: 1 });
    expect(clinic.outboxOf(onTime)).toMatchObject([{ channel: 'sms', body: expect.stringContaining('How was your visit with Dr. Petra Weiss? Reply with a number from 0 to 10') }]);

    // Consent given a minute too late: the visit is now past the window, and it is never asked.
    await clinic.setNow(tooLate);
    await clinic.call('patients.setConsent', { patientId: late, channel: 'sms', granted: true, source: 'form' });
    expect(await clinic.call('satisfaction.runAsk', {})).toEqual({ asked: 0, unreachable: 0 });
    expect(clinic.outboxOf(late)).toEqual([]);
  });

  it('asks once per visit and once per patient in the set days, by the first channel the patient can be reached on', async () => {
    const clinic = await start();
    const ana = await clinic.patient();
    const emailOnly = await clinic.patient({ consent: ['email'] });
    const first = await clinic.visit(ana, '2026-03-03T10:00:00Z');
    await clinic.visit(emailOnly, '2026-03-03T11:00:00Z');
    expect(await clinic.call('satisfaction.runAsk', {})).toEqual({ asked: 2, unreachable: 0 });
    expect(await clinic.call('satisfaction.runAsk', {})).toEqual({ asked: 0, unreachable: 0 });
    expect(clinic.outboxOf(emailOnly)).toMatchObject([{ channel: 'email', subject: 'How was your visit with Dr. Petra Weiss?' }]);
    await expect(clinic.call('satisfaction.ask', { appointmentId: first })).rejects.toMatchObject({ code: 'conflict' });

    // A second visit 10 days later: within the 30 days, so not asked; with "every visit" it is.
    await clinic.visit(ana, '2026-03-13T10:00:00Z');
    expect(await clinic.call('satisfaction.runAsk', {})).toEqual({ asked: 0, unreachable: 0 });
    await clinic.surveys({ askEveryDays: 0 });
    expect(await clinic.call('satisfaction.runAsk', {})).toEqual({ asked: 1, unreachable: 0 });
    expect(clinic.outboxOf(ana)).toHaveLength(2);
  });

  it('asks only about completed visits, and not at all while surveys are off', async () => {
    const clinic = await start();
    const ana = await clinic.patient();
    const booked = await clinic.book(ana, '2026-03-03T10:00:00Z');
    await clinic.setNow('2026-03-03T12:00:00Z');
    await clinic.surveys({ enabled: false });
    const done = await clinic.visit(ana, '2026-03-03T13:00:00Z');
    expect(await clinic.call('satisfaction.runAsk', {})).toEqual({ asked: 0, unreachable: 0 });
    await clinic.surveys();
    await expect(clinic.call('satisfaction.ask', { appointmentId: booked })).rejects.toMatchObject({ code: 'invalid_transition' });
    expect(await clinic.call('satisfaction.runAsk', {})).toEqual({ asked: 1, unreachable: 0 });
    expect(clinic.count('surveyRequest')).toBe(1);
    expect(await clinic.call('satisfaction.visit', { appointmentId: done })).toMatchObject({ provider: 'Dr. Petra Weiss', service: 'Botox forehead', answered: null });
  });

  it('refuses to ask a patient without consent by hand, and changes nothing', async () => {
    const clinic = await start();
    const ana = await clinic.patient({ consent: [] });
    const visit = await clinic.visit(ana, '2026-03-03T10:00:00Z');
    await expect(clinic.call('satisfaction.ask', { appointmentId: visit })).rejects.toMatchObject({ code: 'no_consent', message: expect.stringContaining('no SMS consent') });
    await clinic.call('patients.setConsent', { patientId: ana, channel: 'email', granted: true, source: 'form' });
    await expect(clinic.call('satisfaction.ask', { appointmentId: visit, channel: 'sms' })).rejects.toMatchObject({ code: 'no_consent' });
    expect(clinic.count('surveyRequest')).toBe(0);
    expect(clinic.outboxOf(ana)).toEqual([]);

    expect(await clinic.call('satisfaction.ask', { appointmentId: visit })).toMatchObject({ channel: 'email' });
    // Eight local days later the visit is too old to ask about by hand as well.
    const other = await clinic.patient();
    const old = await clinic.visit(other, '2026-03-04T10:00:00Z');
    await clinic.setNow('2026-03-12T23:00:00Z');
    await expect(clinic.call('satisfaction.ask', { appointmentId: old })).rejects.toMatchObject({ code: 'invalid_transition' });
  });

  it('runs as the hourly job on the rules workstation', async () => {
    const clinic = await start();
    const ana = await clinic.patient();
    await clinic.visit(ana, '2026-03-03T10:00:00Z');
    await clinic.lumen.scheduler.runNow('satisfactionSurveys');
    await clinic.lumen.scheduler.idle();
    expect(clinic.lumen.scheduler.list().find((j) => j.name === 'satisfactionSurveys')!.lastMessage).toBe('Asked 1 patient.');
    expect(clinic.outboxOf(ana)).toHaveLength(1);
  });
});
