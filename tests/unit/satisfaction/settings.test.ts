import { describe, expect, it } from 'vitest';
import { SITES, surveyClinics } from './support';

const start = surveyClinics();

describe('satisfaction settings', () => {
  it('starts off with the defaults, and refuses bad values beside their fields without saving anything', async () => {
    const clinic = await start();
    await clinic.call('satisfaction.saveSettings', { enabled: false });
    const saved = await clinic.call('satisfaction.settings', {});
    expect(saved).toMatchObject({ enabled: false, askWithinDays: 7, askEveryDays: 30, channels: ['sms', 'email'], reviewFromScore: 9, recoveryUpToScore: 6, recoveryHours: 24, reviewSites: [] });

    const refused = async (input: object, field: string) => {
      await expect(clinic.call('satisfaction.saveSettings', { enabled: true, reviewSites: SITES, ...input })).rejects.toMatchObject({
        code: 'invalid_input',
        details: { fieldErrors: { [field]: expect.any(Array) } },
      });
    };
    await refused({ askWithinDays: -1 }, 'askWithinDays');
    await refused({ askWithinDays: 0 }, 'askWithinDays');
    await refused({ askEveryDays: -7 }, 'askEveryDays');
    await refused({ recoveryHours: 0 }, 'recoveryHours');
    await refused({ reviewFromScore: 11 }, 'reviewFromScore');
    await refused({ recoveryUpToScore: -1 }, 'recoveryUpToScore');
    await refused({ reviewFromScore: 8, recoveryUpToScore: 8 }, 'recoveryUpToScore');
    await refused({ channels: [] }, 'channels');
    await refused({ channels: ['sms', 'sms'] }, 'channels');
    await refused({ reviewSites: [{ name: 'Yelp', url: 'ftp://yelp.com/biz/lumen' }] }, 'reviewSites.0.url');
    await refused({ reviewSites: [{ name: 'Yelp', url: 'javascript:alert(1)' }] }, 'reviewSites.0.url');
    await refused({ reviewSites: [{ name: 'Yelp', url: 'yelp.com/biz/lumen' }] }, 'reviewSites.0.url');
    await refused({ reviewSites: [...SITES, { name: 'google', url: 'https://maps.google.com/x' }] }, 'reviewSites.2.name');
    expect(await clinic.call('satisfaction.settings', {})).toEqual(saved);

    await clinic.call('satisfaction.saveSettings', { enabled: true, askWithinDays: 3, channels: ['email', 'sms'], reviewSites: [{ name: 'Yelp', url: 'http://www.yelp.com/biz/lumen' }], recoveryHours: 48 });
    expect(await clinic.call('satisfaction.settings', {})).toMatchObject({ enabled: true, askWithinDays: 3, channels: ['email', 'sms'], reviewSites: [{ name: 'Yelp' }], recoveryHours: 48 });
  });

  it('lets front desk record scores and read a patient’s, but not settings, complaints, reviews or reports', async () => {
    const clinic = await start();
    const desk = await clinic.as('frontDesk');
    const manager = await clinic.as('manager');
    const ana = await clinic.patient();
    const visit = await clinic.visit(ana, '2026-03-03T10:00:00Z');
    await desk.call('auth.unlock', { password: 'staff-password-42' });
    await manager.call('auth.unlock', { password: 'staff-password-42' });
    expect(await desk.call('satisfaction.record', { appointmentId: visit, score: 4, comment: 'Waited 40 minutes', source: 'desk' })).toMatchObject({ score: 4 });
    expect((await desk.call('satisfaction.forPatient', { patientId: ana })).scores).toMatchObject([{ score: 4, comment: 'Waited 40 minutes' }]);
    for (const [name, input] of [
      ['satisfaction.complaints', {}],
      ['satisfaction.saveSettings', { enabled: false }],
      ['satisfaction.reviews', {}],
      ['satisfaction.nps', { from: '2026-01-01', to: '2026-12-31' }],
      ['satisfaction.happyNeverReferred', {}],
      ['satisfaction.requestReview', { patientId: ana }],
    ] as const) {
      await expect(desk.call(name, input as never)).rejects.toMatchObject({ code: 'forbidden' });
    }
    expect((await manager.call('satisfaction.complaints', {})).rows).toMatchObject([{ patientId: ana, comment: 'Waited 40 minutes' }]);
  });
});
